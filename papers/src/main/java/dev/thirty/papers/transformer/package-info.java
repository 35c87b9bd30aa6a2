/**
 * Vaswani, Shazeer, Parmar, Uszkoreit, Jones, Gomez, Kaiser and Polosukhin (2017), "Attention Is
 * All You Need", NeurIPS: the encoder-decoder Transformer, trained first on the Annotated
 * Transformer's copy task (Rush, 2018), then on Multi30k German to English (package
 * {@code translate}).
 *
 * <table>
 *   <caption>Paper to code</caption>
 *   <tr><th>section</th><th>class</th></tr>
 *   <tr><td>§3 Model Architecture, Figure 1</td><td>{@link dev.thirty.papers.transformer.Transformer}</td></tr>
 *   <tr><td>§3.1 Encoder layer</td><td>{@link dev.thirty.papers.transformer.EncoderLayer}</td></tr>
 *   <tr><td>§3.1 Decoder layer</td><td>{@link dev.thirty.papers.transformer.DecoderLayer}</td></tr>
 *   <tr><td>§3.2 Attention, §3.3 FFN, §3.5 sinusoidal positions</td>
 *       <td>{@code dev.thirty.nn.attention} (engine)</td></tr>
 *   <tr><td>§3.5 learned positional embeddings, Table 3 row (E)</td>
 *       <td>{@link dev.thirty.papers.transformer.Transformer} with
 *       {@link dev.thirty.papers.transformer.TransformerConfig.Positions#LEARNED}</td></tr>
 *   <tr><td>Table 3 sizes</td><td>{@link dev.thirty.papers.transformer.TransformerConfig}</td></tr>
 *   <tr><td>§5.3 Optimizer (Adam, Noam schedule), §5.4 label smoothing</td>
 *       <td>{@link dev.thirty.papers.transformer.CopyTaskExperiment}</td></tr>
 *   <tr><td>The Annotated Transformer's copy task and greedy decoding</td>
 *       <td>{@link dev.thirty.papers.transformer.CopyTask}</td></tr>
 * </table>
 *
 * <p>Deviations from the paper: label smoothing spreads eps over all classes including padding
 * (PyTorch's {@code label_smoothing}), where the Annotated Transformer excludes padding and the
 * true class; the copy task keeps separate embeddings and generator (its config's
 * {@code embeddings} is {@code SEPARATE}); translation shares them as §3.4 does.
 *
 * <p>Positions (§3.5): sinusoidal by default, as the base model; {@code positions = learned}
 * ({@code --set model.positions=learned} for the copy task, {@code --set positions=learned} for
 * translation) trains one table per side instead, Table 3 row (E). The paper gives neither their
 * initialisation nor whether source and target share one; we follow the work it cites for them
 * (Gehring et al. 2017): a table per side, {@code N(0, 0.1^2)}. A learned table ends at
 * {@code maxLength} rows, and longer sequences are refused with a message; sinusoids take any
 * length. The copy-task test trains both forms with the same setting to the same 100% of exact
 * copies, and a PyTorch golden test checks logits, loss and every gradient of both.
 */
package dev.thirty.papers.transformer;
