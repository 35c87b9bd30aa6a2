package dev.thirty.kernels;

import static dev.thirty.kernels.Conformance.LENGTHS;
import static dev.thirty.kernels.Conformance.OFFSETS;
import static dev.thirty.kernels.Conformance.SCALAR_REDUCTIONS;
import static dev.thirty.kernels.Conformance.VECTOR_REDUCTIONS;
import static dev.thirty.kernels.Conformance.at;
import static dev.thirty.kernels.Conformance.padded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;

import dev.thirty.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorReductions} against {@link ScalarReductions}.
 *
 * <p>Tolerance: both sum in float but in different orders (one running sum versus 4 L partial
 * sums), so each has a rounding error of about {@code u sqrt(n) sum|terms|} for random signs, with
 * {@code u = 6e-8}; the allowed difference is {@code 1e-6 sqrt(n) sum|terms|}, some 16 times
 * that. Max involves no rounding and must agree exactly.
 */
class VectorReductionsConformanceTest {

    @Test
    void sumDotAndSumOfSquaresMatchReferenceWithinRounding() {
        RandomGenerator rng = Seeds.generator(61);
        for (int n : LENGTHS) {
            for (int off : OFFSETS) {
                float[] a = padded(rng, off, n, -2f, 2f);
                float[] b = padded(rng, off + 1, n, -2f, 2f);
                double absSum = 0;
                double absDot = 0;
                double squares = 0;
                for (int i = 0; i < n; i++) {
                    absSum += Math.abs(a[off + i]);
                    absDot += Math.abs(a[off + i] * b[off + 1 + i]);
                    squares += a[off + i] * a[off + i];
                }
                assertNear(at("sum", n, off), SCALAR_REDUCTIONS.sum(a, off, n), VECTOR_REDUCTIONS.sum(a, off, n), absSum, n);
                assertNear(at("dot", n, off), SCALAR_REDUCTIONS.dot(a, off, b, off + 1, n),
                        VECTOR_REDUCTIONS.dot(a, off, b, off + 1, n), absDot, n);
                assertNear(at("sumOfSquares", n, off), SCALAR_REDUCTIONS.sumOfSquares(a, off, n),
                        VECTOR_REDUCTIONS.sumOfSquares(a, off, n), squares, n);
            }
        }
    }

    @Test
    void maxMatchesReferenceExactly() {
        RandomGenerator rng = Seeds.generator(67);
        for (int n : LENGTHS) {
            if (n == 0) {
                continue;
            }
            for (int off : OFFSETS) {
                float[] x = padded(rng, off, n, -100f, -1f);
                assertEquals(SCALAR_REDUCTIONS.max(x, off, n), VECTOR_REDUCTIONS.max(x, off, n), at("max", n, off));
            }
        }
    }

    @Test
    void maxPropagatesNaNFromAnyPosition() {
        RandomGenerator rng = Seeds.generator(71);
        for (int n : new int[] {1, 15, 17, 64, 65, 100}) {
            for (int pos : new int[] {0, n / 2, n - 1}) {
                float[] x = padded(rng, 2, n, -1f, 1f);
                x[2 + pos] = Float.NaN;
                assertTrue(Float.isNaN(SCALAR_REDUCTIONS.max(x, 2, n)), at("scalar max, NaN at " + pos, n, 2));
                assertTrue(Float.isNaN(VECTOR_REDUCTIONS.max(x, 2, n)), at("vector max, NaN at " + pos, n, 2));
            }
        }
    }

    @Test
    void maxOfEmptyRunIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> VECTOR_REDUCTIONS.max(new float[4], 1, 0));
    }

    @Test
    void reductionsOfEmptyRunAreZero() {
        float[] x = {3f, 4f};
        assertEquals(0f, VECTOR_REDUCTIONS.sum(x, 1, 0));
        assertEquals(0f, VECTOR_REDUCTIONS.dot(x, 0, x, 1, 0));
        assertEquals(0f, VECTOR_REDUCTIONS.sumOfSquares(x, 2, 0));
    }

    @Test
    void sumIsTheSameOnEveryCall() {
        float[] x = Seeds.normal(Seeds.generator(73), 10_007, 0f, 1f);
        float first = VECTOR_REDUCTIONS.sum(x, 0, x.length);
        for (int k = 0; k < 200; k++) {
            assertEquals(Float.floatToRawIntBits(first), Float.floatToRawIntBits(VECTOR_REDUCTIONS.sum(x, 0, x.length)),
                    "call " + k);
        }
    }

    private static void assertNear(String what, float expected, float actual, double scale, int n) {
        double allowed = 1e-6 * Math.sqrt(Math.max(n, 1)) * scale;
        double diff = Math.abs((double) expected - actual);
        assertTrue(diff <= allowed, what + ": expected " + expected + ", got " + actual
                + " (difference " + diff + ", allowed " + allowed + ")");
    }
}
