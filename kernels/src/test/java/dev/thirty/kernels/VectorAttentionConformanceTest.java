package dev.thirty.kernels;

import static dev.thirty.testkit.FloatAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorAttention} against {@link ScalarAttention}: heads of many lengths and widths (whole
 * register tiles, tiles with edges, heads narrower than a vector), read in place from a packed
 * {@code [Q | K | V]} block with a row stride, as a GPT layer lays them out.
 *
 * <p>Tolerance: both compute the same sums over the same lower triangle; they differ by the order
 * of rounding (FMA chains against separate multiplies and adds, about {@code u sqrt(n)} relative
 * for sums of {@code n} terms, {@code u = 6e-8}) and by an ulp or two of the softmax's exponential.
 * Inputs are N(0, 1), so scores, outputs and gradients are sums of at most {@code t + d} terms of
 * size O(1) to O(sqrt(d)); {@code 1e-6 (2 + sqrt(t + d))} absolutely and relatively is several
 * times those errors and far below a wrong term, which moves an output by O(1 / t) or more.
 */
class VectorAttentionConformanceTest {

    private static final int[][] SIZES = {
        {1, 1}, {1, 32}, {5, 3}, {8, 32}, {9, 17}, {16, 16}, {17, 32}, {24, 48}, {33, 40}, {64, 32}, {70, 64},
    };
    private static final AttentionKernels SCALAR = new ScalarAttention();
    private static final AttentionKernels VECTOR = new VectorAttention();

    @Test
    void forwardMatchesReference() {
        RandomGenerator rng = Seeds.generator(301);
        for (int[] size : SIZES) {
            int t = size[0];
            int d = size[1];
            Layout a = new Layout(t, d);
            float[] qkv = Seeds.normal(rng, a.length(), 0f, 1f);
            CausalHead head = a.head(qkv);
            float[] expectedP = Seeds.uniform(rng, 3 + t * t, -1f, 1f);
            float[] actualP = expectedP.clone();
            float[] expectedO = Seeds.uniform(rng, a.outLength(), -1f, 1f);
            float[] actualO = expectedO.clone();
            SCALAR.causalForward(head, expectedP, 3, expectedO, a.o, a.ldo);
            VECTOR.causalForward(head, actualP, 3, actualO, a.o, a.ldo);
            String at = " t=" + t + " d=" + d;
            assertClose("probs" + at, expectedP, actualP, tolerance(t, d));
            assertClose("out" + at, expectedO, actualO, tolerance(t, d));
            for (int i = 0; i < t; i++) {
                for (int j = i + 1; j < t; j++) {
                    assertEquals(0f, actualP[3 + i * t + j], "probs above the diagonal" + at);
                }
            }
        }
    }

    @Test
    void backwardMatchesReferenceAndAccumulates() {
        RandomGenerator rng = Seeds.generator(302);
        for (int[] size : SIZES) {
            int t = size[0];
            int d = size[1];
            Layout a = new Layout(t, d);
            float[] qkv = Seeds.normal(rng, a.length(), 0f, 1f);
            CausalHead head = a.head(qkv);
            float[] probs = new float[t * t];
            SCALAR.causalForward(head, probs, 0, new float[a.outLength()], a.o, a.ldo);
            float[] g = Seeds.normal(rng, a.outLength(), 0f, 1f);
            // pre-filled gradients, including the gaps between heads: the old values must stay
            float[] expected = Seeds.normal(rng, a.length(), 0f, 1f);
            float[] actual = expected.clone();
            SCALAR.causalBackward(head, probs, 0, g, a.o, a.ldo, expected);
            VECTOR.causalBackward(head, probs, 0, g, a.o, a.ldo, actual);
            assertClose("gqkv t=" + t + " d=" + d, expected, actual, tolerance(t, d));
        }
    }

    @Test
    void backwardOfAConstantScoreHeadIsTheMeanOfItsValues() {
        // q = 0: every score is 0, so P averages the values seen so far and dQ, dK are not all zero
        // only through dS; with dO = 1 on one column, dV[j] = sum over i >= j of 1 / (i + 1).
        int t = 12;
        int d = 20;
        Layout a = new Layout(t, d);
        float[] qkv = new float[a.length()];
        for (int j = 0; j < t; j++) {
            qkv[a.v + j * a.ld] = j;
        }
        for (AttentionKernels kernels : new AttentionKernels[] {SCALAR, VECTOR}) {
            float[] probs = new float[t * t];
            float[] out = new float[a.outLength()];
            kernels.causalForward(a.head(qkv), probs, 0, out, a.o, a.ldo);
            float[] g = new float[a.outLength()];
            float[] gqkv = new float[a.length()];
            for (int i = 0; i < t; i++) {
                assertEquals(i / 2f, out[a.o + i * a.ldo], 1e-5, "mean of values 0.." + i);
                g[a.o + i * a.ldo] = 1f;
            }
            kernels.causalBackward(a.head(qkv), probs, 0, g, a.o, a.ldo, gqkv);
            for (int j = 0; j < t; j++) {
                double harmonic = 0;
                for (int i = j; i < t; i++) {
                    harmonic += 1.0 / (i + 1);
                }
                assertEquals(harmonic, gqkv[a.v + j * a.ld], 1e-5, "dV row " + j);
            }
        }
    }

    @Test
    void headOutsideItsArrayIsRefused() {
        float[] qkv = new float[100];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CausalHead(4, 8, 1f, qkv, 0, 30, 70, 24));
        assertEquals("attention head: rows from offset 30 (t=4, d=8, ld=24) run past an array of 100",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CausalHead(0, 8, 1f, qkv, 0, 8, 16, 24));
    }

    /**
     * A head of a packed block with two heads: row stride {@code ld = 6d + 5}, the head's Q, K and V
     * at columns {@code d + 1}, {@code 3d + 2} and {@code 5d + 3}; the output likewise at column 2
     * of rows of {@code ldo = 2d + 3}.
     */
    private record Layout(int t, int d, int ld, int q, int k, int v, int o, int ldo) {

        Layout(int t, int d) {
            this(t, d, 6 * d + 5, d + 1, 3 * d + 2, 5 * d + 3, 2, 2 * d + 3);
        }

        int length() {
            return t * ld;
        }

        int outLength() {
            return t * ldo;
        }

        CausalHead head(float[] qkv) {
            return new CausalHead(t, d, (float) (1 / Math.sqrt(d)), qkv, q, k, v, ld);
        }
    }

    private static Tolerance tolerance(int t, int d) {
        double tol = 1e-6 * (2 + Math.sqrt(t + d));
        return Tolerance.of(tol, tol);
    }
}
