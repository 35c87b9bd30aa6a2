/**
 * char-rnn: Karpathy (2015), "The Unreasonable Effectiveness of Recurrent Neural Networks"
 * (karpathy.github.io/2015/05/21/rnn-effectiveness), and its code, github.com/karpathy/char-rnn.
 * A multi-layer LSTM (or vanilla RNN, GRU, ...) reads text one character at a time and learns to
 * predict the next one; sampling from it writes new text in the style of the corpus.
 *
 * <table>
 *   <caption>Essay and char-rnn to code</caption>
 *   <tr><th>idea</th><th>class</th></tr>
 *   <tr><td>one-hot characters, stacked recurrent layers, linear decoder</td>
 *       <td>{@link dev.thirty.papers.charrnn.CharRnnModel}</td></tr>
 *   <tr><td>the cells (RNN, LSTM, GRU, peephole, coupled)</td>
 *       <td>{@link dev.thirty.nn.recurrent.RecurrentStack} in the engine</td></tr>
 *   <tr><td>truncated BPTT over contiguous streams, hidden state carried across chunks;
 *       RMSprop, gradient clamp, epoch learning-rate decay</td>
 *       <td>{@link dev.thirty.papers.charrnn.CharRnnExperiment}</td></tr>
 *   <tr><td>the text, its vocabulary, the 90/10 split in file order or char-rnn's loader split
 *       ({@code --set split=streams}); {@code --data FILE}</td>
 *       <td>{@link dev.thirty.papers.charrnn.CharCorpus}</td></tr>
 *   <tr><td>temperature sampling with a prime ({@code sample.lua}), top-k</td>
 *       <td>{@link dev.thirty.papers.charrnn.TextSampling}</td></tr>
 *   <tr><td>checkpoint with carried state and vocabulary</td><td>{@link dev.thirty.papers.charrnn.RunState}</td></tr>
 *   <tr><td>settings: {@code paper()} = char-rnn's defaults</td><td>{@link dev.thirty.papers.charrnn.CharRnnConfig}</td></tr>
 * </table>
 *
 * <p>Deviations from char-rnn: the validation text is the last 10% of the file, where char-rnn's
 * loader views the whole text as {@code batch} streams and validates on the 5% of chunks after the
 * first 95% ({@code --set split=streams --set trainFraction=0.95} does that); the hidden state is
 * reset to zero at each epoch start (char-rnn keeps carrying it across the wrap-around, where rows
 * do not continue each other); the validation loss is computed over the whole validation text with
 * carried state; the {@code cpu} preset trains 5 of the 50 epochs. Weights start as char-rnn's
 * ({@code U(-0.08, 0.08)}, forget bias 1); {@code --set init=pytorch} starts them as PyTorch's.
 */
package dev.thirty.papers.charrnn;
