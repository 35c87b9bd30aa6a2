package dev.thirty.kernels;

/**
 * Reductions over a run of floats. The summation order is fixed by the implementation and the
 * length, never by timing, so results are reproducible.
 */
public interface ReductionKernels {

    /** Sum of {@code x[off .. off+n)}; 0 when {@code n == 0}. */
    float sum(float[] x, int off, int n);

    /** Largest element of {@code x[off .. off+n)}; {@code n} must be positive. NaN wins. */
    float max(float[] x, int off, int n);

    /** Dot product of {@code a[aOff ..]} and {@code b[bOff ..]} over {@code n} elements. */
    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /** Sum of squares of {@code x[off .. off+n)}. */
    float sumOfSquares(float[] x, int off, int n);
}
