/**
 * Stateless differentiable functions with hand-written (fused) backward passes: softmax and
 * log-softmax along an axis, cross-entropy from logits, layer normalisation and inverted dropout;
 * and the vision ops on NCHW tensors, PyTorch's layout so weights move between the two:
 * {@link dev.thirty.nn.functional.Convolution#conv2d convolution} (stride, padding, dilation,
 * groups, bias), {@link dev.thirty.nn.functional.Pooling max and average pooling} (overlapping
 * windows, floor or ceil rounding, either divisor), global average pooling and flatten,
 * {@link dev.thirty.nn.functional.ResponseNormalization local response normalisation} (across
 * channels as AlexNet §3.3, or within a channel as cuda-convnet's {@code rnorm}),
 * {@link dev.thirty.nn.functional.BatchNorm batch normalisation} (batch or running statistics)
 * and channel dropout.
 *
 * <p>Each function computes its output with the active row kernels and records one autograd node
 * whose backward writes the input gradients directly, instead of the chain of nodes its
 * composition from primitives would record. Tests check every function against finite
 * differences and against that composition, forward and backward.
 *
 * <p>The convolution, pooling and response-normalisation work runs on the active
 * {@link dev.thirty.kernels.ConvKernels}: a scalar reference, or im2col and the packed GEMM split
 * over images. Tests check each op against its definition computed in double, against finite
 * differences, and a small network of all of them against PyTorch ({@code CnnGoldenTest}).
 *
 * <p>Work on contiguous rows is split over {@link dev.thirty.kernels.ComputePool#current()} in
 * chunks fixed by the shape alone, so results are bit-for-bit the same for any thread count.
 * Modules in {@code dev.thirty.nn} own parameters and call these functions; the functions own no
 * state, and randomness (dropout) comes in as an explicit generator.
 */
package dev.thirty.nn.functional;
