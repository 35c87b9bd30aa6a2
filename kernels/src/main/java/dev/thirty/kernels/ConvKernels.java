package dev.thirty.kernels;

/**
 * Convolution, pooling and response normalisation on NCHW tensors, forward and backward. Forward
 * methods overwrite their output; backward methods accumulate ({@code +=}) into their gradients.
 *
 * <p>Implementations split work across {@link ComputePool#current()} and are deterministic for a
 * fixed thread count.
 */
public interface ConvKernels {

    /**
     * {@code y = conv(x, w) + bias}: {@code y[n,o,i,j] = bias[o] + sum over c, a, b of
     * w[o,c,a,b] * x[n, g*Cg + c, i*sh - ph + a*dh, j*sw - pw + b*dw]}, taps outside the input read
     * zero. {@code bias} may be null.
     */
    void conv2d(Conv2dShape s, float[] x, float[] w, float[] bias, float[] y);

    /** {@code dx += d(conv)/dx} applied to {@code dy}: the transposed convolution of dy with w. */
    void conv2dInputGrad(Conv2dShape s, float[] dy, float[] w, float[] dx);

    /** {@code dw += sum over the batch of dy (x) x-patches}, and {@code dbias += sum of dy} when non-null. */
    void conv2dWeightGrad(Conv2dShape s, float[] x, float[] dy, float[] dw, float[] dbias);

    /**
     * Pools each plane. For {@link PoolMode#MAX} writes into {@code argmax} (length of y) the index,
     * within its plane, of the input each output took (the first maximum in row-major window
     * order); {@code argmax} is unused for the averages and may be null.
     */
    void pool2d(Pool2dShape s, float[] x, float[] y, int[] argmax);

    /** {@code dx +=} the pooling's gradient applied to {@code dy}. */
    void pool2dBackward(Pool2dShape s, float[] dy, int[] argmax, float[] dx);

    /**
     * {@code y = x * denom^(-beta)} with {@code denom = k + alpha * sum of squares} over each element's
     * neighbourhood ({@link ResponseNorm}); writes {@code denom} (length of x) for the backward pass.
     */
    void responseNorm(ResponseNorm n, NchwShape s, float[] x, float[] y, float[] denom);

    /**
     * {@code dx += dy * denom^(-beta) - 2 alpha beta x * sum over the elements j whose neighbourhood
     * holds this one of dy_j y_j / denom_j}.
     */
    void responseNormBackward(ResponseNorm n, NchwShape s, float[] x, float[] y, float[] denom,
                              float[] dy, float[] dx);
}
