/**
 * The numeric loops of Thirty, on {@code float[]} plus offsets, knowing nothing of tensors or
 * autograd.
 *
 * <p>Every kernel family has a plain scalar reference and a Vector API (SIMD) version behind one
 * interface: {@link dev.thirty.kernels.Gemm}, {@link dev.thirty.kernels.ElementwiseKernels},
 * {@link dev.thirty.kernels.ReductionKernels}, {@link dev.thirty.kernels.RowKernels} and the causal
 * attention heads {@link dev.thirty.kernels.AttentionKernels}, and the LSTM gate pass
 * {@link dev.thirty.kernels.LstmKernels} ({@code LstmKernels.of(backend)}).
 * {@link dev.thirty.kernels.Kernels} picks the active {@link dev.thirty.kernels.Backend}; tests
 * compare the two on random sizes, including sizes that are not a multiple of the vector width.
 *
 * <p>Work is split across the threads of the {@link dev.thirty.kernels.ComputePool} bound to the
 * current scope, statically by index, so for a fixed thread count every result is bit-for-bit
 * reproducible.
 */
package dev.thirty.kernels;
