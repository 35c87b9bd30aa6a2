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
 * windows (240 windows of 64 characters), and the run is judged by it. One draw of the estimate
 * is noisy: forty independent draws on the final model of seed 42 gave a mean of 1.9006 (the
 * whole-split loss is 1.9014) with a standard deviation of 0.013, and the run's own draw was
 * 1.943. Measured with the full recipe (2000 steps, one thread), against PyTorch 1.13 running
 * {@code bench/pytorch/gpt_char.py} with the whole-split loss added at the end:
 *
 * <table>
 *   <caption>Validation loss after 2000 steps, nats per character</caption>
 *   <tr><th>run</th><th>seed</th><th>20-batch estimate</th><th>whole split</th></tr>
 *   <tr><td>Thirty</td><td>42</td><td>1.943</td><td>1.901</td></tr>
 *   <tr><td>Thirty</td><td>1337</td><td>1.936</td><td>1.910</td></tr>
 *   <tr><td>PyTorch 1.13</td><td>1337</td><td>1.912</td><td>1.893</td></tr>
 *   <tr><td>PyTorch 1.13</td><td>42</td><td>1.877</td><td>1.890</td></tr>
 *   <tr><td>PyTorch 1.13</td><td>7</td><td>1.890</td><td>1.905</td></tr>
 * </table>
 *
 * Run alone on the 2-core machine, {@code thirty run gpt-char --threads 1} (seed 42) took 4 min 56 s
 * wall, 296 s of it training, and ended at 1.901.
 * Our whole-split losses lie about 0.01 above PyTorch's on average, within the spread between
 * seeds of either implementation (0.007-0.009); the seeds do not give the same weights or batches
 * in the two, so runs pair only by recipe.
 */
package dev.thirty.papers.gpt;
