package dev.thirty.kernels;

import static dev.thirty.kernels.VectorElementwise.L;
import static dev.thirty.kernels.VectorElementwise.S;
import static dev.thirty.kernels.VectorReductions.dotOf;
import static dev.thirty.kernels.VectorReductions.maxOf;
import static dev.thirty.kernels.VectorReductions.sumLanes;
import static dev.thirty.kernels.VectorReductions.sumOf;
import static jdk.incubator.vector.FloatVector.fromArray;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Row operations with the Vector API, vectorised along each row in steps of {@code L} lanes: whole
 * vectors unmasked, then one step masked to the rest of the row, which applies the same operations
 * to its lanes (see {@link VectorElementwise} for why not every step masked). Row statistics (max,
 * sums, dot products) come from {@link VectorReductions} or from one vector accumulator summed in
 * lane order, the masked step adding only its lanes in the row, so results are deterministic for a
 * given row length.
 *
 * <p>The per-element formulas follow {@link ScalarRows} operation by operation (no fused
 * multiply-add), so given the same row statistics the outputs, and the accumulated
 * {@code gGamma}/{@code gBeta}, are bit-identical to the reference; the statistics themselves
 * differ by summation order and, for softmax, by the vector exponential's last bits. That
 * exponential is {@link VectorMath#exp} (within 1 ulp of the reference's), not the Vector API's
 * EXP lanes, so the results do not depend on whether the JIT has compiled the loop.
 */
final class VectorRows implements RowKernels {

    @Override
    public void softmax(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * cols;
            int yi = yOff + r * cols;
            float sum = expShiftedSum(x, xi, maxOf(x, xi, cols), y, yi, cols);
            float inv = 1f / sum;
            int j = 0;
            for (; j <= cols - L; j += L) {
                fromArray(S, y, yi + j).mul(inv).intoArray(y, yi + j);
            }
            if (j < cols) {
                VectorMask<Float> m = S.indexInRange(j, cols);
                fromArray(S, y, yi + j, m).mul(inv).intoArray(y, yi + j, m);
            }
        }
    }

    @Override
    public void logSoftmax(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * cols;
            int yi = yOff + r * cols;
            float max = maxOf(x, xi, cols);
            float shift = max + (float) Math.log(expShiftedSum(x, xi, max, null, 0, cols));
            int j = 0;
            for (; j <= cols - L; j += L) {
                fromArray(S, x, xi + j).sub(shift).intoArray(y, yi + j);
            }
            if (j < cols) {
                VectorMask<Float> m = S.indexInRange(j, cols);
                fromArray(S, x, xi + j, m).sub(shift).intoArray(y, yi + j, m);
            }
        }
    }

    @Override
    public void softmaxBackward(float[] y, int yOff, float[] gy, int gyOff,
                                float[] gx, int gxOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int yi = yOff + r * cols;
            int gi = gyOff + r * cols;
            int go = gxOff + r * cols;
            float dot = dotOf(gy, gi, y, yi, cols);
            // gx += y * (gy - dot)
            int j = 0;
            for (; j <= cols - L; j += L) {
                FloatVector g = fromArray(S, gy, gi + j).sub(dot);
                fromArray(S, y, yi + j).mul(g).add(fromArray(S, gx, go + j)).intoArray(gx, go + j);
            }
            if (j < cols) {
                VectorMask<Float> m = S.indexInRange(j, cols);
                FloatVector g = fromArray(S, gy, gi + j, m).sub(dot);
                fromArray(S, y, yi + j, m).mul(g).add(fromArray(S, gx, go + j, m)).intoArray(gx, go + j, m);
            }
        }
    }

    @Override
    public void logSoftmaxBackward(float[] y, int yOff, float[] gy, int gyOff,
                                   float[] gx, int gxOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int yi = yOff + r * cols;
            int gi = gyOff + r * cols;
            int go = gxOff + r * cols;
            float sum = sumOf(gy, gi, cols);
            // gx += gy - exp(y) * sum(gy)
            int j = 0;
            for (; j <= cols - L; j += L) {
                FloatVector e = VectorMath.exp(fromArray(S, y, yi + j));
                fromArray(S, gy, gi + j).sub(e.mul(sum)).add(fromArray(S, gx, go + j)).intoArray(gx, go + j);
            }
            if (j < cols) {
                VectorMask<Float> m = S.indexInRange(j, cols);
                FloatVector e = VectorMath.exp(fromArray(S, y, yi + j, m));
                fromArray(S, gy, gi + j, m).sub(e.mul(sum)).add(fromArray(S, gx, go + j, m)).intoArray(gx, go + j, m);
            }
        }
    }

    @Override
    public void layerNorm(float[] x, int xOff, float[] gamma, float[] beta, float eps,
                          float[] y, int yOff, float[] mean, float[] rstd, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * cols;
            int yi = yOff + r * cols;
            float mu = sumOf(x, xi, cols) / cols;
            float rs = (float) (1.0 / Math.sqrt(centredSumOfSquares(x, xi, mu, cols) / cols + eps));
            mean[r] = mu;
            rstd[r] = rs;
            normalize(x, xi, mu, rs, gamma, beta, y, yi, cols);
        }
    }

    /** {@code y = (x - mu) * rs * gamma (+ beta)} over one row. */
    private static void normalize(float[] x, int xi, float mu, float rs, float[] gamma, float[] beta,
                                  float[] y, int yi, int cols) {
        // two stores rather than one vector chosen by a branch, which C2 would box
        int j = 0;
        for (; j <= cols - L; j += L) {
            FloatVector v = fromArray(S, x, xi + j).sub(mu).mul(rs).mul(fromArray(S, gamma, j));
            if (beta == null) {
                v.intoArray(y, yi + j);
            } else {
                v.add(fromArray(S, beta, j)).intoArray(y, yi + j);
            }
        }
        if (j < cols) {
            VectorMask<Float> m = S.indexInRange(j, cols);
            FloatVector v = fromArray(S, x, xi + j, m).sub(mu).mul(rs).mul(fromArray(S, gamma, j, m));
            if (beta == null) {
                v.intoArray(y, yi + j, m);
            } else {
                v.add(fromArray(S, beta, j, m)).intoArray(y, yi + j, m);
            }
        }
    }

    @Override
    public void layerNormBackward(float[] x, int xOff, float[] gamma, float[] mean, float[] rstd,
                                  float[] gy, int gyOff, float[] gx, int gxOff,
                                  float[] gGamma, float[] gBeta, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * cols;
            int gi = gyOff + r * cols;
            float mu = mean[r];
            float rs = rstd[r];
            // With xhat = (x - mu) * rstd and g = gy * gamma:
            // gx = rstd * (g - mean(g) - xhat * mean(g * xhat))
            FloatVector sumG = FloatVector.zero(S);
            FloatVector sumGX = FloatVector.zero(S);
            int j = 0;
            for (; j <= cols - L; j += L) {
                FloatVector dy = fromArray(S, gy, gi + j);
                FloatVector xhat = fromArray(S, x, xi + j).sub(mu).mul(rs);
                FloatVector g = dy.mul(fromArray(S, gamma, j));
                sumG = sumG.add(g);
                sumGX = sumGX.add(g.mul(xhat));
                if (gGamma != null) {
                    dy.mul(xhat).add(fromArray(S, gGamma, j)).intoArray(gGamma, j);
                }
                if (gBeta != null) {
                    dy.add(fromArray(S, gBeta, j)).intoArray(gBeta, j);
                }
            }
            if (j < cols) {
                VectorMask<Float> m = S.indexInRange(j, cols);
                FloatVector dy = fromArray(S, gy, gi + j, m);
                FloatVector xhat = fromArray(S, x, xi + j, m).sub(mu).mul(rs);
                FloatVector g = dy.mul(fromArray(S, gamma, j, m));
                sumG = sumG.add(g, m);
                sumGX = sumGX.add(g.mul(xhat), m);
                if (gGamma != null) {
                    dy.mul(xhat).add(fromArray(S, gGamma, j, m)).intoArray(gGamma, j, m);
                }
                if (gBeta != null) {
                    dy.add(fromArray(S, gBeta, j, m)).intoArray(gBeta, j, m);
                }
            }
            if (gx != null) {
                inputGradient(x, xi, gamma, mu, rs, gy, gi, sumLanes(sumG) / cols, sumLanes(sumGX) / cols,
                        gx, gxOff + r * cols, cols);
            }
        }
    }

    /** {@code gx += rs * (gy * gamma - meanG - xhat * meanGX)} over one row. */
    private static void inputGradient(float[] x, int xi, float[] gamma, float mu, float rs,
                                      float[] gy, int gi, float meanG, float meanGX,
                                      float[] gx, int go, int cols) {
        int j = 0;
        for (; j <= cols - L; j += L) {
            FloatVector xhat = fromArray(S, x, xi + j).sub(mu).mul(rs);
            FloatVector g = fromArray(S, gy, gi + j).mul(fromArray(S, gamma, j));
            g.sub(meanG).sub(xhat.mul(meanGX)).mul(rs).add(fromArray(S, gx, go + j)).intoArray(gx, go + j);
        }
        if (j < cols) {
            VectorMask<Float> m = S.indexInRange(j, cols);
            FloatVector xhat = fromArray(S, x, xi + j, m).sub(mu).mul(rs);
            FloatVector g = fromArray(S, gy, gi + j, m).mul(fromArray(S, gamma, j, m));
            g.sub(meanG).sub(xhat.mul(meanGX)).mul(rs).add(fromArray(S, gx, go + j, m)).intoArray(gx, go + j, m);
        }
    }

    /**
     * Writes {@code exp(x - max)} to {@code y} (unless null) and returns the sum of those values,
     * accumulated in one vector and then in lane order.
     */
    private static float expShiftedSum(float[] x, int xi, float max, float[] y, int yi, int cols) {
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (; j <= cols - L; j += L) {
            FloatVector e = VectorMath.exp(fromArray(S, x, xi + j).sub(max));
            if (y != null) {
                e.intoArray(y, yi + j);
            }
            acc = acc.add(e);
        }
        if (j < cols) {
            VectorMask<Float> m = S.indexInRange(j, cols);
            FloatVector e = VectorMath.exp(fromArray(S, x, xi + j, m).sub(max));
            if (y != null) {
                e.intoArray(y, yi + j, m);
            }
            // masked: the off lanes hold exp(0 - max), which may be infinite
            acc = acc.add(e, m);
        }
        return sumLanes(acc);
    }

    /** {@code sum((x - mu)^2)} over one row, with fused multiply-add in one vector accumulator. */
    private static float centredSumOfSquares(float[] x, int xi, float mu, int cols) {
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (; j <= cols - L; j += L) {
            FloatVector d = fromArray(S, x, xi + j).sub(mu);
            acc = d.fma(d, acc);
        }
        if (j < cols) {
            VectorMask<Float> m = S.indexInRange(j, cols);
            // off lanes load 0, giving (0 - mu)^2: keep them out of the sum
            FloatVector d = fromArray(S, x, xi + j, m).sub(mu);
            acc = acc.blend(d.fma(d, acc), m);
        }
        return sumLanes(acc);
    }
}
