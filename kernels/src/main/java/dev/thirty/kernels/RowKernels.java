package dev.thirty.kernels;

/**
 * Operations on each row of a row-major {@code rows x cols} block, forward and backward. Backward
 * methods accumulate ({@code +=}) into their gradient outputs.
 */
public interface RowKernels {

    /** {@code y = softmax(x)} per row, computed as {@code exp(x - max) / sum}. */
    void softmax(float[] x, int xOff, float[] y, int yOff, int rows, int cols);

    /** {@code y = x - max - log(sum(exp(x - max)))} per row. */
    void logSoftmax(float[] x, int xOff, float[] y, int yOff, int rows, int cols);

    /** Softmax backward from its output y: {@code gx += y * (gy - sum(gy * y))} per row. */
    void softmaxBackward(float[] y, int yOff, float[] gy, int gyOff,
                         float[] gx, int gxOff, int rows, int cols);

    /** Log-softmax backward from its output y: {@code gx += gy - exp(y) * sum(gy)} per row. */
    void logSoftmaxBackward(float[] y, int yOff, float[] gy, int gyOff,
                            float[] gx, int gxOff, int rows, int cols);

    /**
     * Layer normalisation per row: {@code y = (x - mean) * rstd * gamma + beta}, with
     * {@code rstd = 1 / sqrt(var + eps)} and the biased variance. Writes each row's mean and rstd
     * (length {@code rows}) for the backward pass. {@code beta} may be null (no shift).
     */
    void layerNorm(float[] x, int xOff, float[] gamma, float[] beta, float eps,
                   float[] y, int yOff, float[] mean, float[] rstd, int rows, int cols);

    /**
     * Layer norm backward: accumulates into {@code gx}, and into {@code gGamma} and {@code gBeta}
     * (each length {@code cols}) where they are non-null.
     */
    void layerNormBackward(float[] x, int xOff, float[] gamma, float[] mean, float[] rstd,
                           float[] gy, int gyOff, float[] gx, int gxOff,
                           float[] gGamma, float[] gBeta, int rows, int cols);
}
