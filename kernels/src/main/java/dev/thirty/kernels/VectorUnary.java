package dev.thirty.kernels;

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
            case GELU -> VectorGelu.gelu(x, xOff, out, outOff, n);
            case GELU_ERF -> VectorGelu.geluErf(x, xOff, out, outOff, n);
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
            case GELU -> VectorGelu.geluBackward(x, xOff, y, yOff, gy, gyOff, gx, gxOff, n);
            case GELU_ERF -> VectorGelu.geluErfBackward(x, xOff, y, yOff, gy, gyOff, gx, gxOff, n);
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
