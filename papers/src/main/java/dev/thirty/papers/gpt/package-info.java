/**
 * A decoder-only transformer language model: Radford, Narasimhan, Salimans and Sutskever (2018),
 * "Improving Language Understanding by Generative Pre-Training", with GPT-2's pre-norm blocks
 * (Radford et al. 2019, §2.3), in the shape of Karpathy's nanoGPT, trained on tiny Shakespeare
 * character by character with nanoGPT's CPU recipe ({@code thirty run gpt-char}).
 *
 * <table>
 *   <caption>Paper and nanoGPT to code</caption>
 *   <tr><th>source</th><th>class</th></tr>
 *   <tr><td>GPT §3.1 (transformer decoder, learned positions); nanoGPT {@code GPT}, weight tying</td>
 *       <td>{@link dev.thirty.papers.gpt.Gpt}</td></tr>
 *   <tr><td>GPT-2 §2.3 pre-norm block; nanoGPT {@code Block}</td><td>{@link dev.thirty.papers.gpt.Block}</td></tr>
 *   <tr><td>Vaswani et al. §3.2.2-3.2.3 masked multi-head attention</td>
 *       <td>{@link dev.thirty.papers.gpt.CausalSelfAttention} over the engine's
 *       {@code FusedCausalAttention}</td></tr>
 *   <tr><td>GPT §3.1 position-wise MLP with GELU</td><td>{@link dev.thirty.papers.gpt.FeedForward},
 *       {@link dev.thirty.papers.gpt.Gelu}</td></tr>
 *   <tr><td>nanoGPT {@code train.py} options and {@code get_batch}</td>
 *       <td>{@link dev.thirty.papers.gpt.GptCharConfig}, {@link dev.thirty.papers.gpt.Windows}</td></tr>
 *   <tr><td>nanoGPT's training loop, {@code estimate_loss}, AdamW groups, warmup and cosine</td>
 *       <td>{@link dev.thirty.papers.gpt.GptCharExperiment}</td></tr>
 *   <tr><td>nanoGPT {@code generate} (temperature, top-k)</td><td>{@link dev.thirty.papers.gpt.Generation}</td></tr>
 * </table>
 *
 * <p>The MLP's GELU is nanoGPT's exact {@code x Phi(x)} ({@code nn.GELU()}); the setting
 * {@code gelu=tanh} ({@code --set gelu=tanh}) trains with GPT-2's tanh approximation instead
 * ({@link dev.thirty.papers.gpt.Gelu}). Runs saved before the setting existed used the tanh form
 * and are sampled and resumed with it.
 *
 * <p>Deviation from nanoGPT: at the end of a run {@code val/loss_full} adds the loss over the
 * whole validation split, beside nanoGPT's estimate {@code val/loss} from 20 batches of random
 * windows (240 windows of 64 characters).
 */
package dev.thirty.papers.gpt;
