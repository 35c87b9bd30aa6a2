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
 * </table>
 *
 * <p>Still to come: repeat copy, associative recall and priority sort, the LSTM baseline, the figures.
 */
package dev.thirty.papers.ntm;
