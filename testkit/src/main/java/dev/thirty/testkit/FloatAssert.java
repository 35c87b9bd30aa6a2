package dev.thirty.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;

/**
 * Assertions on float arrays whose failure message names the largest difference, where it is,
 * and how many elements are out of tolerance.
 */
public final class FloatAssert {

    private FloatAssert() {
    }

    /** Asserts {@code actual} matches {@code expected} elementwise within {@code tol}. */
    public static void assertClose(String what, float[] expected, float[] actual, Tolerance tol) {
        assertClose(what, expected, actual, null, tol);
    }

    /**
     * As {@link #assertClose(String, float[], float[], Tolerance)}, reporting the failing index as
     * a multi-dimensional index of {@code shape} when it is given.
     */
    public static void assertClose(String what, float[] expected, float[] actual, int[] shape, Tolerance tol) {
        if (expected.length != actual.length) {
            fail(what + ": expected " + expected.length + " elements, got " + actual.length);
        }
        int worst = -1;
        double worstExcess = 0;
        int bad = 0;
        for (int i = 0; i < expected.length; i++) {
            double excess = tol.excess(expected[i], actual[i]);
            if (excess > 0) {
                bad++;
                if (worst < 0 || excess > worstExcess) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        if (worst >= 0) {
            fail(String.format("%s: %d of %d elements differ beyond %s; largest at %s: expected %s, got %s (difference %.3g)",
                    what, bad, expected.length, tol, where(worst, shape), expected[worst], actual[worst],
                    Math.abs((double) expected[worst] - actual[worst])));
        }
    }

    /** Asserts bit-for-bit equality (NaN payloads aside). */
    public static void assertIdentical(String what, float[] expected, float[] actual) {
        assertClose(what, expected, actual, Tolerance.EXACT);
    }

    /** The largest absolute elementwise difference, for reporting. */
    public static double maxAbsDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs((double) a[i] - b[i]));
        }
        return worst;
    }

    static String where(int flat, int[] shape) {
        if (shape == null || shape.length == 0) {
            return "index " + flat;
        }
        int[] idx = new int[shape.length];
        int rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            int size = Math.max(1, shape[d]);
            idx[d] = rest % size;
            rest /= size;
        }
        return "index " + Arrays.toString(idx) + " (flat " + flat + ")";
    }
}
