/**
 * Neural-network modules: a {@link dev.thirty.nn.Module} owns named
 * {@link dev.thirty.tensor.Parameter}s and child modules (names like PyTorch's state dict,
 * {@code blocks.0.attn.qkv.weight}), has a train/eval {@link dev.thirty.nn.Mode}, and calls
 * stateless functions from {@code dev.thirty.nn.functional} and {@code dev.thirty.tensor} in its
 * typed {@code forward}. Modules that keep state of their own besides parameters (batch norm's
 * {@code running_mean} and {@code running_var}) register it as buffers: saved and restored with
 * the weights in {@link dev.thirty.nn.Module#stateDict()}, never handed to an optimizer.
 *
 * <p>The vision modules, under PyTorch's names: {@link dev.thirty.nn.Conv2d},
 * {@link dev.thirty.nn.Pool2d}, {@link dev.thirty.nn.LocalResponseNorm},
 * {@link dev.thirty.nn.BatchNorm}, {@link dev.thirty.nn.Dropout2d}, and
 * {@link dev.thirty.nn.Reshaping} for flatten and global average pooling.
 */
package dev.thirty.nn;
