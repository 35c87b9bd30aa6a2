/**
 * Pipeline parallelism: GPipe (Huang, Cheng, Bapna, Firat, Chen, Chen, Lee, Ngiam, Le, Wu and Chen,
 * "GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism", NeurIPS 2019),
 * with the API and schedule of torchgpipe (Kim et al., 2020), on threads of one machine.
 *
 * <table>
 *   <caption>The paper's sections and where they live</caption>
 *   <tr><th>GPipe</th><th>here</th></tr>
 *   <tr><td>§2.2 partitioning a sequence of L layers into K cells</td>
 *       <td>{@link dev.thirty.parallel.Balance} (by parameter count or by measured time, as torchgpipe's
 *           {@code balance_by_size} and {@code balance_by_time})</td></tr>
 *   <tr><td>§2.2 micro-batches, one synchronous update per mini-batch; Figure 2's schedule</td>
 *       <td>{@link dev.thirty.parallel.Pipeline#step}</td></tr>
 *   <tr><td>§2.3 re-materialisation, torchgpipe's {@code checkpoint} modes</td>
 *       <td>{@link dev.thirty.parallel.Checkpointing}</td></tr>
 *   <tr><td>§2.3 the bubble, O((K−1)/(M+K−1))</td>
 *       <td>{@link dev.thirty.parallel.ScheduleSimulator}, {@link dev.thirty.parallel.Timeline#idleFraction}</td></tr>
 * </table>
 *
 * <p>Where this differs from the paper: stages are threads sharing one memory, not accelerators, so a
 * hand-off is an array copy; micro-batches are as even as possible rather than {@code torch.chunk}'s
 * split; batch norm is refused when micro-batches or recomputation would change it (see
 * {@link dev.thirty.parallel.Pipeline}).
 */
package dev.thirty.parallel;
