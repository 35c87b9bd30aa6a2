package dev.thirty.kernels;

/**
 * Elementwise maps over equal-length runs of floats. Each method reads {@code n} elements from
 * each input starting at its offset and writes (or, where it says so, accumulates into) {@code n}
 * output elements. Outputs may alias inputs only at exactly the same offset.
 */
public interface ElementwiseKernels {

    /** {@code out[i] = a[i] + b[i]}. */
    void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);

    /** {@code out[i] = a[i] - b[i]}. */
    void sub(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);

    /** {@code out[i] = a[i] * b[i]}. */
    void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);

    /** {@code out[i] = a[i] / b[i]}. */
    void div(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);

    /** {@code out[i] = alpha * x[i] + beta}. */
    void affine(float alpha, float beta, float[] x, int xOff, float[] out, int outOff, int n);

    /** {@code y[i] += alpha * x[i]} (BLAS axpy). */
    void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

    /** {@code y[i] += a[i] * b[i]}. */
    void mulAccumulate(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n);

    /** {@code out[i] = op(x[i])}. */
    void unary(UnaryOp op, float[] x, int xOff, float[] out, int outOff, int n);

    /**
     * Backward of {@link #unary}: {@code gx[i] += gy[i] * op'(x[i])}, where {@code y} holds the
     * forward outputs {@code op(x)} (several derivatives are cheapest from {@code y}).
     */
    void unaryBackward(UnaryOp op, float[] x, int xOff, float[] y, int yOff,
                       float[] gy, int gyOff, float[] gx, int gxOff, int n);

    /**
     * The exact GELU, {@code out[i] = x[i] Phi(x[i])}: the same values as {@link #unary} with
     * {@link UnaryOp#GELU_ERF}, and also whatever its backward can reuse, written into {@code kept}
     * ({@code n} values at {@code keptOff}; what they are is the implementation's business). Hand
     * them to {@link #geluErfBackward} unchanged.
     */
    void geluErf(float[] x, int xOff, float[] out, int outOff, float[] kept, int keptOff, int n);

    /**
     * Backward of {@link #geluErf}, given the {@code kept} values it wrote: the same bits as
     * {@link #unaryBackward} with {@link UnaryOp#GELU_ERF}, {@code gx[i] += gy[i] * (Phi(x[i]) + x[i] phi(x[i]))}.
     */
    void geluErfBackward(float[] x, int xOff, float[] y, int yOff, float[] kept, int keptOff,
                         float[] gy, int gyOff, float[] gx, int gxOff, int n);

    /** {@code out[i] = x[i]^p}. */
    void pow(float p, float[] x, int xOff, float[] out, int outOff, int n);
}
