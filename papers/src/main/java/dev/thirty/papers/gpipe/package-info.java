/**
 * GPipe: Huang, Cheng, Bapna, Firat, Chen, Chen, Lee, Ngiam, Le, Wu and Chen (2019), "GPipe: Efficient
 * Training of Giant Neural Networks using Pipeline Parallelism", NeurIPS 32, with the API and schedule
 * of Kim et al.'s torchgpipe (2020). The pipeline itself is the engine's ({@link dev.thirty.parallel});
 * this package trains a network through it and makes the paper's measurements.
 *
 * <table>
 *   <caption>Paper to code</caption>
 *   <tr><th>idea</th><th>class</th></tr>
 *   <tr><td>§2.2 a sequence of layers cut into K cells, balanced by cost</td>
 *       <td>{@link dev.thirty.parallel.Balance}; the network: {@link dev.thirty.papers.gpipe.GpipeNet}</td></tr>
 *   <tr><td>§2.2 M micro-batches, gradients accumulated, one synchronous update; Figure 2</td>
 *       <td>{@link dev.thirty.parallel.Pipeline}; the training run in
 *       {@link dev.thirty.papers.gpipe.GpipeExperiment}</td></tr>
 *   <tr><td>§2.3 re-materialisation; peak activation memory O(N + (L/K)(N/M)) against O(N·L)</td>
 *       <td>{@link dev.thirty.parallel.Checkpointing}; the memory table of the report</td></tr>
 *   <tr><td>§2.3 the bubble (K−1)/(M+K−1)</td>
 *       <td>{@link dev.thirty.parallel.ScheduleSimulator}; measured in
 *       {@link dev.thirty.papers.gpipe.PipelineSweep}</td></tr>
 *   <tr><td>§4 speed with more partitions (here K = 1 and 2 on two cores; K up to 8 simulated)</td>
 *       <td>{@link dev.thirty.papers.gpipe.PipelineSweep}, {@code thirty bench gpipe}</td></tr>
 * </table>
 *
 * <p>Deviations: the "accelerators" are threads of one machine sharing its memory, so a hand-off costs
 * an array copy and the two stages also share the memory bus and the last-level cache; the network
 * is a small VGG-style CIFAR-10 net rather than AmoebaNet or a Transformer; batch norm is not used
 * (the pipeline refuses it with micro-batches, see {@link dev.thirty.parallel.Pipeline}).
 */
package dev.thirty.papers.gpipe;
