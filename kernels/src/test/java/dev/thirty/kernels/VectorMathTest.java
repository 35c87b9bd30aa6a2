package dev.thirty.kernels;

import static dev.thirty.kernels.VectorElementwise.L;
import static dev.thirty.kernels.VectorElementwise.S;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorMath} against the scalar reference {@code (float) Math.f(x)}, in float ulps, over
 * a sweep of every 1021st float bit pattern (about 4.2 million values of both signs, subnormals
 * to infinities) and a list of edge cases. The bounds of exp, log and tanh are the maxima of an
 * exhaustive run over all 2^32 floats (see {@link VectorMath}); the sweep itself finds at most
 * 1 ulp for all three. The normal distribution function's reference is {@link Erf#normalCdf} in
 * double; its bound is the maximum over every 13th float in [-15, 15] (169 million values), where
 * the sweep finds 5; the gaussian's the sweep's own.
 */
class VectorMathTest {

    private static final int STRIDE = 1021;
    private static final float[] EDGES = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
        -Float.MAX_VALUE, 1f, -1f, 88.72283f, 88.72284f, 89f, -87.33655f, -103.27892f, -103.97208f,
        -104f, 0.625f, -0.625f, Math.nextDown(0.625f), 9f, -9f, 1e-20f, -1e-20f, 0.6931472f,
        Math.nextUp(1f), Math.nextDown(1f), 0.70710677f, 1.4142135f};

    @Test
    void expIsWithinOneUlpOfReference() {
        assertMaxUlps("exp", VectorMath::exp, Math::exp, 1);
    }

    @Test
    void logIsWithinOneUlpOfReference() {
        assertMaxUlps("log", VectorMath::log, Math::log, 1);
    }

    @Test
    void tanhIsWithinTwoUlpsOfReference() {
        assertMaxUlps("tanh", VectorMath::tanh, Math::tanh, 2);
    }

    @Test
    void gaussianIsWithinOneUlpOfReference() {
        assertMaxUlps("e^(-x^2/2)", VectorMath::gaussian, x -> Math.exp(-0.5 * x * x), 1);
    }

    @Test
    void normalCdfIsWithinSixUlpsOfReference() {
        assertMaxUlps("Phi", x -> VectorMath.normalCdf(x, VectorMath.gaussian(x)), Erf::normalCdf, 6);
    }

    @Test
    void specialValuesFollowMath() {
        float[] x = EDGES.clone();
        float[] exp = map(VectorMath::exp, x);
        float[] log = map(VectorMath::log, x);
        float[] tanh = map(VectorMath::tanh, x);
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            if (Float.isNaN(v) || Float.isInfinite(v) || v == 0f) {
                assertSame("exp(" + v + ")", (float) Math.exp(v), exp[i]);
                assertSame("log(" + v + ")", (float) Math.log(v), log[i]);
                assertSame("tanh(" + v + ")", (float) Math.tanh(v), tanh[i]);
            }
        }
        assertSame("log(-1)", Float.NaN, map(VectorMath::log, new float[] {-1f})[0]);
        assertSame("exp(-200)", 0f, map(VectorMath::exp, new float[] {-200f})[0]);
        assertSame("exp(100)", Float.POSITIVE_INFINITY, map(VectorMath::exp, new float[] {100f})[0]);
    }

    private static void assertSame(String what, float expected, float actual) {
        assertTrue(Float.floatToIntBits(expected) == Float.floatToIntBits(actual),
                what + ": expected " + expected + ", got " + actual);
    }

    private static void assertMaxUlps(String name, UnaryOperator<FloatVector> f, DoubleUnaryOperator ref,
                                      long bound) {
        long count = EDGES.length + ((1L << 32) + STRIDE - 1) / STRIDE;
        long worst = -1;
        float worstX = 0f;
        float[] x = new float[4096];
        for (long start = 0; start < count; start += x.length) {
            for (int i = 0; i < x.length; i++) {
                long j = Math.min(start + i, count - 1);
                x[i] = j < EDGES.length ? EDGES[(int) j] : Float.intBitsToFloat((int) ((j - EDGES.length) * STRIDE));
            }
            float[] y = map(f, x);
            for (int i = 0; i < x.length; i++) {
                long d = ulpDistance((float) ref.applyAsDouble(x[i]), y[i]);
                if (d > worst) {
                    worst = d;
                    worstX = x[i];
                }
            }
        }
        float[] at = {worstX};
        assertTrue(worst <= bound, name + ": " + worst + " ulps from the reference at x = " + worstX
                + " (got " + map(f, at)[0] + ", reference " + (float) ref.applyAsDouble(worstX) + ")");
    }

    /** Ulps between two floats (0 for two NaNs, "infinitely" many for NaN against a number). */
    static long ulpDistance(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        return Math.abs(ordered(a) - ordered(b));
    }

    /** The float's position on a line where consecutive floats are 1 apart, -0 equal to +0. */
    private static long ordered(float v) {
        int b = Float.floatToRawIntBits(v);
        return b >= 0 ? b : -(long) (b & 0x7fffffff);
    }

    private static float[] map(UnaryOperator<FloatVector> f, float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i += L) {
            var m = S.indexInRange(i, x.length);
            f.apply(FloatVector.fromArray(S, x, i, m)).intoArray(y, i, m);
        }
        return y;
    }
}
