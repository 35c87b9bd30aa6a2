/**
 * Stateless differentiable functions with hand-written (fused) backward passes: softmax and
 * log-softmax along an axis, cross-entropy from logits, layer normalisation and inverted dropout.
 *
 * <p>Each function computes its output with the active row kernels and records one autograd node
 * whose backward writes the input gradients directly, instead of the chain of nodes its
 * composition from primitives would record. Tests check every function against finite
 * differences and against that composition, forward and backward.
 *
 * <p>Work on contiguous rows is split over {@link dev.thirty.kernels.ComputePool#current()} in
 * chunks fixed by the shape alone, so results are bit-for-bit the same for any thread count.
 * Modules in {@code dev.thirty.nn} own parameters and call these functions; the functions own no
 * state, and randomness (dropout) comes in as an explicit generator.
 */
package dev.thirty.nn.functional;
