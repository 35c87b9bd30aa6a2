package dev.thirty.kernels;

import static dev.thirty.kernels.ScalarElementwise.GELU_C;
import static dev.thirty.kernels.ScalarElementwise.SQRT_2_OVER_PI;
import static dev.thirty.kernels.VectorElementwise.L;
import static dev.thirty.kernels.VectorElementwise.S;
import static jdk.incubator.vector.FloatVector.fromArray;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The two GELUs of {@link VectorUnary}, forward and backward: the tanh form ({@link UnaryOp#GELU})
 * through {@link VectorMath#exp}, and the exact form ({@link UnaryOp#GELU_ERF}) through
 * {@link VectorMath#gaussian} and {@link VectorMath#normalCdf}, the latter also in the variant that
 * keeps {@code e^(-x^2/2)} for its backward ({@link ElementwiseKernels#geluErf}). The loops follow
 * {@link VectorUnary}'s rules: whole vectors unmasked, one masked step for the tail, the lane formula
 * in a small method both use.
 */
final class VectorGelu {

    private static final float INV_SQRT_2PI_F = (float) ScalarElementwise.INV_SQRT_2PI;
    // elements per pass of the exact GELU: its scratch array of e^(-x^2/2) stays in L1 (4 KB)
    private static final int GAUSSIAN_BLOCK = 1024;
    // below this |x| the exact GELU's Phi(x) is 1/2 in float (|x| / sqrt(2 pi) < 2^-31)
    private static final float GELU_ERF_TINY = 0x1p-30f;

    private VectorGelu() {
    }

    static void gelu(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            geluOf(fromArray(S, x, xOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            geluOf(fromArray(S, x, xOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    /**
     * {@code 0.5 x (1 + tanh(u))} with {@code u = sqrt(2/pi) (x + ((c x) x) x)} as in the reference,
     * evaluated as {@code x / (1 + e^(-2u))}: the same function ({@code 1 + tanh u = 2 / (1 + e^(-2u))}),
     * one exp and one division instead of tanh's exp, division and polynomial, and no cancellation
     * in {@code 1 + tanh u} for negative x.
     */
    private static FloatVector geluOf(FloatVector x) {
        FloatVector e = VectorMath.exp(x.add(x.mul(GELU_C).mul(x).mul(x)).mul(-2f * SQRT_2_OVER_PI));
        return x.div(e.add(1f));
    }

    /**
     * {@code x Phi(x)}, Phi from {@link VectorMath#normalCdf}; -infinity gives -inf * 0 = NaN as in
     * the reference. In blocks of {@link #GAUSSIAN_BLOCK}, first {@code g = e^(-x^2/2)} into a
     * scratch array, then Phi from it, each pass a loop of its own (see {@link #gaussians}).
     */
    static void geluErf(float[] x, int xOff, float[] out, int outOff, int n) {
        float[] g = new float[Math.min(n, GAUSSIAN_BLOCK)];
        for (int b = 0; b < n; b += GAUSSIAN_BLOCK) {
            int len = Math.min(GAUSSIAN_BLOCK, n - b);
            gaussians(x, xOff + b, g, 0, len);
            geluErfGiven(x, xOff + b, g, 0, out, outOff + b, len);
        }
    }

    /**
     * {@link #geluErf} keeping {@code g = e^(-x^2/2)} in {@code g} for the backward
     * ({@link #geluErfBackwardKept}), in the same blocks: each block's g is read back while in L1.
     */
    static void geluErfKeeping(float[] x, int xOff, float[] out, int outOff, float[] g, int gOff, int n) {
        for (int b = 0; b < n; b += GAUSSIAN_BLOCK) {
            int len = Math.min(GAUSSIAN_BLOCK, n - b);
            gaussians(x, xOff + b, g, gOff + b, len);
            geluErfGiven(x, xOff + b, g, gOff + b, out, outOff + b, len);
        }
    }

    /**
     * {@code g = e^(-x^2/2)} for a block. A method of its own, on arrays, so that the JIT compiles
     * it alone when it does not inline it: one loop with both the exponential and Phi grows too big
     * for C2's inlining budget ({@code NodeCountInliningCutoff}), and a vector method it then
     * calls instead of inlining boxes its vectors on the heap, measured 3 to 4 times slower.
     */
    private static void gaussians(float[] x, int xOff, float[] g, int gOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            VectorMath.gaussian(fromArray(S, x, xOff + i)).intoArray(g, gOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.gaussian(fromArray(S, x, xOff + i, m)).intoArray(g, gOff + i, m);
        }
    }

    private static void geluErfGiven(float[] x, int xOff, float[] g, int gOff, float[] out, int outOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector v = fromArray(S, x, xOff + i);
            v.mul(VectorMath.normalCdf(v, fromArray(S, g, gOff + i))).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = fromArray(S, x, xOff + i, m);
            v.mul(VectorMath.normalCdf(v, fromArray(S, g, gOff + i, m))).intoArray(out, outOff + i, m);
        }
    }

    static void geluBackward(float[] x, int xOff, float[] y, int yOff,
                                     float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector d = geluDerivative(fromArray(S, x, xOff + i));
            fromArray(S, gy, gyOff + i).mul(d).add(fromArray(S, gx, gxOff + i)).intoArray(gx, gxOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector d = geluDerivative(fromArray(S, x, xOff + i, m));
            fromArray(S, gy, gyOff + i, m).mul(d).add(fromArray(S, gx, gxOff + i, m)).intoArray(gx, gxOff + i, m);
        }
    }

    /**
     * The reference's {@code 0.5 (1 + t) + 0.5 x (1 - t^2) u'} with {@code t = tanh u},
     * {@code u' = sqrt(2/pi) (1 + 3 c x^2)}, written with {@code s = 1 / (1 + e)}, {@code e = e^(-2u)}
     * as in the forward pass: {@code 1 + t = 2 s} and {@code 1 - t^2 = 4 s (1 - s) = 4 e s^2}, so the
     * derivative is {@code s + 2 x e s^2 u'}.
     */
    private static FloatVector geluDerivative(FloatVector x) {
        // e capped at e^80 so that e s stays finite (about 1) where e alone would overflow
        FloatVector e = VectorMath.exp(x.add(x.mul(GELU_C).mul(x).mul(x)).mul(-2f * SQRT_2_OVER_PI).min(80f));
        FloatVector s = FloatVector.broadcast(S, 1f).div(e.add(1f));
        FloatVector twoDInner = x.mul(3f * GELU_C).mul(x).add(1f).mul(2f * SQRT_2_OVER_PI);
        return s.add(x.mul(e.mul(s)).mul(s).mul(twoDInner))
                // the reference's 0 * infinity at x = +-infinity
                .blend(Float.NaN, x.abs().compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
    }

    static void geluErfBackward(float[] x, int xOff, float[] y, int yOff,
                                        float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector d = geluErfDerivative(fromArray(S, x, xOff + i), fromArray(S, y, yOff + i));
            fromArray(S, gy, gyOff + i).mul(d).add(fromArray(S, gx, gxOff + i)).intoArray(gx, gxOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector d = geluErfDerivative(fromArray(S, x, xOff + i, m), fromArray(S, y, yOff + i, m));
            fromArray(S, gy, gyOff + i, m).mul(d).add(fromArray(S, gx, gxOff + i, m)).intoArray(gx, gxOff + i, m);
        }
    }

    /**
     * {@link #geluErfBackward} with {@code e^(-x^2/2)} read from {@code g}, as {@link #geluErfKeeping}
     * wrote it, instead of computed again: the same operations on the same values, so the same bits.
     */
    static void geluErfBackwardKept(float[] x, int xOff, float[] y, int yOff, float[] g, int gOff,
                                    float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector d = geluErfDerivative(fromArray(S, x, xOff + i), fromArray(S, y, yOff + i),
                    fromArray(S, g, gOff + i));
            fromArray(S, gy, gyOff + i).mul(d).add(fromArray(S, gx, gxOff + i)).intoArray(gx, gxOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector d = geluErfDerivative(fromArray(S, x, xOff + i, m), fromArray(S, y, yOff + i, m),
                    fromArray(S, g, gOff + i, m));
            fromArray(S, gy, gyOff + i, m).mul(d).add(fromArray(S, gx, gxOff + i, m)).intoArray(gx, gxOff + i, m);
        }
    }

    /**
     * {@code Phi(x) + x phi(x)} with {@code phi = e^(-x^2/2) / sqrt(2 pi)} and Phi taken from the
     * given {@code y = x Phi(x)} as {@code y / x}: one division instead of Phi's polynomial and
     * division, and as accurate (y is within a few ulps, so y / x too). Where that fails, Phi is
     * set: 1/2 for {@code |x| < 2^-30} (where Phi(x) rounds to 1/2 and y / x would be 0/0, or,
     * with y rounded to a subnormal, far off). At +-infinity {@code x phi} is {@code inf * 0 = NaN}
     * as in the reference, and NaN stays NaN.
     */
    private static FloatVector geluErfDerivative(FloatVector x, FloatVector y) {
        // written out rather than calling the three-argument form: one more call level puts the
        // backward loop past C2's inlining budget, and the boxed vectors made it three times slower
        FloatVector cdf = y.div(x).blend(0.5f, x.abs().compare(VectorOperators.LT, GELU_ERF_TINY));
        return cdf.add(x.mul(VectorMath.gaussian(x).mul(INV_SQRT_2PI_F)));
    }

    /** The derivative above given {@code g = e^(-x^2/2)}. */
    private static FloatVector geluErfDerivative(FloatVector x, FloatVector y, FloatVector g) {
        FloatVector cdf = y.div(x).blend(0.5f, x.abs().compare(VectorOperators.LT, GELU_ERF_TINY));
        return cdf.add(x.mul(g.mul(INV_SQRT_2PI_F)));
    }
}
