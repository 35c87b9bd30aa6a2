/**
 * Define-by-run reverse-mode automatic differentiation.
 *
 * <p>Every operation that reads a tensor requiring gradients records a {@link Node}: its inputs
 * and a {@link BackwardFn} that turns the output's gradient into contributions to the inputs'
 * gradients. {@link Backprop} walks the recorded graph in reverse topological order, iteratively
 * (an unrolled recurrent network is thousands of nodes deep; a chain of 100,000 operations works).
 * Gradients of leaves accumulate across calls until zeroed; the buffer of an intermediate tensor's
 * gradient is handed on, zeroed, to the next tensor of its size as soon as it has been propagated.
 * A training loop that runs each step inside a {@link dev.thirty.tensor.StepArena} scope also gets
 * the previous step's activation and gradient arrays back instead of allocating them afresh.
 *
 * <p>{@link GradMode#noGrad} runs a block without recording, scoped to the calling thread with a
 * {@link java.lang.ScopedValue}; there is no mutable static flag.
 */
package dev.thirty.autograd;
