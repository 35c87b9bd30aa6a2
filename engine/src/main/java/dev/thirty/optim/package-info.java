/**
 * Optimizers, learning-rate schedules and gradient clipping.
 *
 * <p>An {@link dev.thirty.optim.Optimizer} updates trainable leaves in place from their
 * gradients; its interface documents the call order of a training step. The update rules are
 * PyTorch 1.13's {@code torch.optim} ones, checked against fixtures it wrote:
 *
 * <table>
 *   <caption>Classes and what they implement</caption>
 *   <tr><th>class</th><th>algorithm</th></tr>
 *   <tr><td>{@link dev.thirty.optim.Sgd}</td><td>SGD, classical or Nesterov momentum, L2 decay</td></tr>
 *   <tr><td>{@link dev.thirty.optim.RmsProp}</td><td>RMSprop, optionally centered, with momentum</td></tr>
 *   <tr><td>{@link dev.thirty.optim.Adagrad}</td><td>Adagrad (Duchi et al., 2011)</td></tr>
 *   <tr><td>{@link dev.thirty.optim.Adam}</td><td>Adam (Kingma &amp; Ba, 2015), L2 decay</td></tr>
 *   <tr><td>{@link dev.thirty.optim.AdamW}</td><td>AdamW (Loshchilov &amp; Hutter, 2019), decoupled decay</td></tr>
 *   <tr><td>{@link dev.thirty.optim.ParamGroup}</td><td>parameters sharing hyper-parameters</td></tr>
 *   <tr><td>{@link dev.thirty.optim.OptimizerState}</td><td>state for checkpoints</td></tr>
 *   <tr><td>{@link dev.thirty.optim.Schedules}</td><td>constant, step decay, warmup + cosine, Noam</td></tr>
 *   <tr><td>{@link dev.thirty.optim.GradClip}</td><td>global-norm gradient clipping</td></tr>
 * </table>
 *
 * <p>Hyper-parameters are immutable records validated in their constructors, with PyTorch's
 * defaults in {@code Config.defaults()}. The learning rate is not among them: it is set before
 * each step from a {@link dev.thirty.optim.LearningRateSchedule}, one rate for all groups.
 * Deviation from PyTorch: no per-group learning rate, no {@code amsgrad}, {@code maximize} or
 * sparse gradients.
 */
package dev.thirty.optim;
