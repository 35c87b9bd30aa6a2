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
 * The {@link UnaryOp}s and their backward passes with the Vector API, one loop per op (see
 * {@link VectorElementwise} for why the op is not a parameter of a shared loop): whole vectors
 * unmasked, then one masked step for the tail. Where the lane formula is more than one call it is
 * a small method of its own, used by both, so each element gets the same operations wherever it
 * falls. Loads and stores stay in the loops: they are the Vector API's own methods, which C2
 * always inlines, whereas a method of ours called after a large formula can find C2's inlining
 * budget ({@code NodeCountInliningCutoff}) spent, is then called instead, and boxes its vectors
 * (a shared {@code gx += gy * d} helper made the GELU backward passes 1.6 to 2.8 times slower so).
 *
 * <p>Each formula follows {@link ScalarElementwise#apply} and {@link ScalarElementwise#derivative}
 * operation by operation, without fused multiply-add. So NEG, SQRT, RELU, ABS and SQUARE forward,
 * and every backward except the two GELUs' (all are formed from {@code x} and the given {@code y}
 * by correctly rounded float operations), match the reference bit for bit. EXP, LOG, TANH, SIGMOID
 * and GELU forward, and GELU backward, use {@link VectorMath}'s exp, log and tanh (within 1, 1 and
 * 2 ulps of the reference's); GELU_ERF, whose reference evaluates erf in double, uses
 * {@link VectorMath}'s normal distribution function (float arithmetic throughout), and its
 * backward takes Phi from the given y. None uses the Vector API's EXP/LOG/TANH lanes, whose bits
 * change when C2 compiles the loop; so every op here gives the same bits interpreted and compiled.
 */
final class VectorUnary {

    private static final float INV_SQRT_2PI_F = (float) ScalarElementwise.INV_SQRT_2PI;
    // elements per pass of the exact GELU: its scratch array of e^(-x^2/2) stays in L1 (4 KB)
    private static final int GAUSSIAN_BLOCK = 1024;
    // below this |x| the exact GELU's Phi(x) is 1/2 in float (|x| / sqrt(2 pi) < 2^-31)
    private static final float GELU_ERF_TINY = 0x1p-30f;

    private VectorUnary() {
    }

    /** {@code out = op(x)}. */
    static void forward(UnaryOp op, float[] x, int xOff, float[] out, int outOff, int n) {
        switch (op) {
            case NEG -> neg(x, xOff, out, outOff, n);
            case EXP -> exp(x, xOff, out, outOff, n);
            case LOG -> log(x, xOff, out, outOff, n);
            case SQRT -> sqrt(x, xOff, out, outOff, n);
            case TANH -> tanh(x, xOff, out, outOff, n);
            case SIGMOID -> sigmoid(x, xOff, out, outOff, n);
            case RELU -> relu(x, xOff, out, outOff, n);
            case GELU -> gelu(x, xOff, out, outOff, n);
            case GELU_ERF -> geluErf(x, xOff, out, outOff, n);
            case ABS -> abs(x, xOff, out, outOff, n);
            case SQUARE -> square(x, xOff, out, outOff, n);
        }
    }

    /** {@code gx += gy * op'(x)}, given {@code y = op(x)}. */
    static void backward(UnaryOp op, float[] x, int xOff, float[] y, int yOff,
                         float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        switch (op) {
            case NEG -> negBackward(x, xOff, y, yOff, gy, gyOff, gx, gxOff, n);
            case EXP -> expBackward(x, xOff, y, yOff, gy, gyOff, gx, gxOff, n);
            case LOG -> logBackward(x, xOff, y, yOff, gy, gyOff, gx, gxOff, n);
            case SQRT -> sqrtBackward(x, xOff, y, yOff, gy, gyOff, gx, gxOff, n);
            case TANH -> tanhBackward(x, xOff, y, yOff, gy, gyOff, gx, gxOff, n);
            case SIGMOID -> sigmoidBackward(x, xOff, y, yOff, gy, gyOff, gx, gxOff, n);
            case RELU -> reluBackward(x, xOff, y, yOff, gy, gyOff, gx, gxOff, n);
            case GELU -> geluBackward(x, xOff, y, yOff, gy, gyOff, gx, gxOff, n);
            case GELU_ERF -> geluErfBackward(x, xOff, y, yOff, gy, gyOff, gx, gxOff, n);
            case ABS -> absBackward(x, xOff, y, yOff, gy, gyOff, gx, gxOff, n);
            case SQUARE -> squareBackward(x, xOff, y, yOff, gy, gyOff, gx, gxOff, n);
        }
    }

    private static void neg(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            fromArray(S, x, xOff + i).neg().intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            fromArray(S, x, xOff + i, m).neg().intoArray(out, outOff + i, m);
        }
    }

    private static void exp(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            VectorMath.exp(fromArray(S, x, xOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.exp(fromArray(S, x, xOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    private static void log(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            VectorMath.log(fromArray(S, x, xOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.log(fromArray(S, x, xOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    private static void sqrt(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            fromArray(S, x, xOff + i).sqrt().intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            fromArray(S, x, xOff + i, m).sqrt().intoArray(out, outOff + i, m);
        }
    }

    private static void tanh(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            VectorMath.tanh(fromArray(S, x, xOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.tanh(fromArray(S, x, xOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    private static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            sigmoidOf(fromArray(S, x, xOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            sigmoidOf(fromArray(S, x, xOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    /** {@code 1 / (1 + e^(-x))}. */
    static FloatVector sigmoidOf(FloatVector x) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return one.div(VectorMath.exp(x.neg()).add(one));
    }

    private static void relu(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            reluOf(fromArray(S, x, xOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            reluOf(fromArray(S, x, xOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    /** {@code x > 0 ? x : 0}, so NaN and -0 give +0 as in the reference. */
    private static FloatVector reluOf(FloatVector x) {
        return FloatVector.zero(S).blend(x, x.compare(VectorOperators.GT, 0f));
    }

    private static void gelu(float[] x, int xOff, float[] out, int outOff, int n) {
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
    private static void geluErf(float[] x, int xOff, float[] out, int outOff, int n) {
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

    private static void abs(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            fromArray(S, x, xOff + i).abs().intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            fromArray(S, x, xOff + i, m).abs().intoArray(out, outOff + i, m);
        }
    }

    private static void square(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector v = fromArray(S, x, xOff + i);
            v.mul(v).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = fromArray(S, x, xOff + i, m);
            v.mul(v).intoArray(out, outOff + i, m);
        }
    }

    // Backward: each loop forms op'(x) as d and adds gy * d to gx.

    private static void negBackward(float[] x, int xOff, float[] y, int yOff,
                                     float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        FloatVector d = FloatVector.broadcast(S, -1f);
        int i = 0;
        for (; i <= n - L; i += L) {
            fromArray(S, gy, gyOff + i).mul(d).add(fromArray(S, gx, gxOff + i)).intoArray(gx, gxOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            fromArray(S, gy, gyOff + i, m).mul(d).add(fromArray(S, gx, gxOff + i, m)).intoArray(gx, gxOff + i, m);
        }
    }

    private static void expBackward(float[] x, int xOff, float[] y, int yOff,
                                     float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector d = fromArray(S, y, yOff + i);
            fromArray(S, gy, gyOff + i).mul(d).add(fromArray(S, gx, gxOff + i)).intoArray(gx, gxOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector d = fromArray(S, y, yOff + i, m);
            fromArray(S, gy, gyOff + i, m).mul(d).add(fromArray(S, gx, gxOff + i, m)).intoArray(gx, gxOff + i, m);
        }
    }

    private static void logBackward(float[] x, int xOff, float[] y, int yOff,
                                     float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector d = one.div(fromArray(S, x, xOff + i));
            fromArray(S, gy, gyOff + i).mul(d).add(fromArray(S, gx, gxOff + i)).intoArray(gx, gxOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector d = one.div(fromArray(S, x, xOff + i, m));
            fromArray(S, gy, gyOff + i, m).mul(d).add(fromArray(S, gx, gxOff + i, m)).intoArray(gx, gxOff + i, m);
        }
    }

    private static void sqrtBackward(float[] x, int xOff, float[] y, int yOff,
                                      float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        FloatVector half = FloatVector.broadcast(S, 0.5f);
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector d = half.div(fromArray(S, y, yOff + i));
            fromArray(S, gy, gyOff + i).mul(d).add(fromArray(S, gx, gxOff + i)).intoArray(gx, gxOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector d = half.div(fromArray(S, y, yOff + i, m));
            fromArray(S, gy, gyOff + i, m).mul(d).add(fromArray(S, gx, gxOff + i, m)).intoArray(gx, gxOff + i, m);
        }
    }

    private static void tanhBackward(float[] x, int xOff, float[] y, int yOff,
                                      float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector d = tanhDerivative(fromArray(S, y, yOff + i));
            fromArray(S, gy, gyOff + i).mul(d).add(fromArray(S, gx, gxOff + i)).intoArray(gx, gxOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector d = tanhDerivative(fromArray(S, y, yOff + i, m));
            fromArray(S, gy, gyOff + i, m).mul(d).add(fromArray(S, gx, gxOff + i, m)).intoArray(gx, gxOff + i, m);
        }
    }

    /** {@code 1 - y^2} for {@code y = tanh(x)}. */
    private static FloatVector tanhDerivative(FloatVector y) {
        return FloatVector.broadcast(S, 1f).sub(y.mul(y));
    }

    private static void sigmoidBackward(float[] x, int xOff, float[] y, int yOff,
                                         float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector d = sigmoidDerivative(fromArray(S, y, yOff + i));
            fromArray(S, gy, gyOff + i).mul(d).add(fromArray(S, gx, gxOff + i)).intoArray(gx, gxOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector d = sigmoidDerivative(fromArray(S, y, yOff + i, m));
            fromArray(S, gy, gyOff + i, m).mul(d).add(fromArray(S, gx, gxOff + i, m)).intoArray(gx, gxOff + i, m);
        }
    }

    /** {@code (1 - y) y} for {@code y = sigmoid(x)}. */
    private static FloatVector sigmoidDerivative(FloatVector y) {
        return FloatVector.broadcast(S, 1f).sub(y).mul(y);
    }

    private static void reluBackward(float[] x, int xOff, float[] y, int yOff,
                                      float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector d = reluDerivative(fromArray(S, x, xOff + i));
            fromArray(S, gy, gyOff + i).mul(d).add(fromArray(S, gx, gxOff + i)).intoArray(gx, gxOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector d = reluDerivative(fromArray(S, x, xOff + i, m));
            fromArray(S, gy, gyOff + i, m).mul(d).add(fromArray(S, gx, gxOff + i, m)).intoArray(gx, gxOff + i, m);
        }
    }

    private static FloatVector reluDerivative(FloatVector x) {
        return FloatVector.zero(S).blend(1f, x.compare(VectorOperators.GT, 0f));
    }

    private static void geluBackward(float[] x, int xOff, float[] y, int yOff,
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

    private static void geluErfBackward(float[] x, int xOff, float[] y, int yOff,
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

    /** The derivative is {@code signum(x)}: +-1, and x itself for +-0 and NaN. */
    private static void absBackward(float[] x, int xOff, float[] y, int yOff,
                                     float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector d = signum(fromArray(S, x, xOff + i));
            fromArray(S, gy, gyOff + i).mul(d).add(fromArray(S, gx, gxOff + i)).intoArray(gx, gxOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector d = signum(fromArray(S, x, xOff + i, m));
            fromArray(S, gy, gyOff + i, m).mul(d).add(fromArray(S, gx, gxOff + i, m)).intoArray(gx, gxOff + i, m);
        }
    }

    private static FloatVector signum(FloatVector x) {
        return x.blend(1f, x.compare(VectorOperators.GT, 0f)).blend(-1f, x.compare(VectorOperators.LT, 0f));
    }

    private static void squareBackward(float[] x, int xOff, float[] y, int yOff,
                                        float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector d = fromArray(S, x, xOff + i).mul(2f);
            fromArray(S, gy, gyOff + i).mul(d).add(fromArray(S, gx, gxOff + i)).intoArray(gx, gxOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector d = fromArray(S, x, xOff + i, m).mul(2f);
            fromArray(S, gy, gyOff + i, m).mul(d).add(fromArray(S, gx, gxOff + i, m)).intoArray(gx, gxOff + i, m);
        }
    }
}
