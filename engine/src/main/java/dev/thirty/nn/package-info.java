/**
 * Neural-network modules: a {@link dev.thirty.nn.Module} owns named
 * {@link dev.thirty.tensor.Parameter}s and child modules (names like PyTorch's state dict,
 * {@code blocks.0.attn.qkv.weight}), has a train/eval {@link dev.thirty.nn.Mode}, and calls
 * stateless functions from {@code dev.thirty.nn.functional} and {@code dev.thirty.tensor} in its
 * typed {@code forward}.
 */
package dev.thirty.nn;
