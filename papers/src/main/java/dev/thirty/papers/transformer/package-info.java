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
 *   <tr><td>§3.2 Attention, §3.3 FFN, §3.5 positions</td><td>{@code dev.thirty.nn.attention} (engine)</td></tr>
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
 */
package dev.thirty.papers.transformer;
