/**
 * Neural Turing Machines: Graves, Wayne and Danihelka (2014), "Neural Turing Machines",
 * arXiv:1410.5401.
 *
 * <table>
 *   <caption>Paper to code</caption>
 *   <tr><th>section</th><th>class</th></tr>
 *   <tr><td>§3.1 reading, Eq. (2); §3.2 writing, erase and add, Eqs. (3), (4)</td>
 *       <td>{@link dev.thirty.papers.ntm.Addressing#read}, {@link dev.thirty.papers.ntm.Addressing#write}</td></tr>
 *   <tr><td>§3.3.1 content addressing, Eqs. (5), (6)</td>
 *       <td>{@link dev.thirty.papers.ntm.Addressing#content}</td></tr>
 *   <tr><td>§3.3.2 interpolation, circular shift, sharpening, Eqs. (7)–(9); Figure 2</td>
 *       <td>{@link dev.thirty.papers.ntm.Addressing#address}</td></tr>
 *   <tr><td>§3, Figure 1: controller, read and write heads, memory, one step at a time</td>
 *       <td>{@link dev.thirty.papers.ntm.Ntm}</td></tr>
 *   <tr><td>§4.1 the copy task; training and the generalisation test</td>
 *       <td>{@link dev.thirty.papers.ntm.CopyTask}, {@link dev.thirty.papers.ntm.NtmExperiment}</td></tr>
 *   <tr><td>§4.2 repeat copy</td><td>{@link dev.thirty.papers.ntm.RepeatCopyTask}</td></tr>
 *   <tr><td>§4.3 associative recall</td><td>{@link dev.thirty.papers.ntm.RecallTask}</td></tr>
 *   <tr><td>§4.4 priority sort</td><td>{@link dev.thirty.papers.ntm.SortTask}</td></tr>
 *   <tr><td>§4 the LSTM baseline</td><td>{@link dev.thirty.papers.ntm.LstmBaseline}</td></tr>
 * </table>
 *
 * <p>{@code --preset compare} trains the NTM and the baseline side by side on the same sequences (the
 * learning curves of Figure 3 on one plot); {@code thirty sample RUN --length 60} draws a trained machine's
 * weightings in the style of Figure 6.
 */
package dev.thirty.papers.ntm;
