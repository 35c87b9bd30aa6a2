package dev.thirty.kernels;

import static dev.thirty.kernels.Conformance.SCALAR_ROWS;
import static dev.thirty.kernels.Conformance.VECTOR_ROWS;
import static dev.thirty.kernels.Conformance.copy;
import static dev.thirty.testkit.FloatAssert.assertClose;

import java.util.random.RandomGenerator;

import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorRows} against {@link ScalarRows} on seeded rows of many widths, at offsets.
 *
 * <p>Tolerance: the per-element formulas are the reference's, so differences come only from the
 * row statistics (max is exact; sums and dot products differ by reordering, about
 * {@code u sqrt(cols)} relative, {@code u = 6e-8}) and from the vector exponential (an ulp or two).
 * Every output is a product or sum of O(1) terms with such a statistic, so each may differ by
 * {@code 1e-6 (2 + sqrt(cols))} absolutely and relatively, well above those errors and far below
 * any real mistake. gGamma and gBeta use no statistic beyond the given mean and rstd and must
 * match exactly.
 */
class VectorRowsConformanceTest {

    // widths around 8 and 16 lanes, and a character vocabulary's and a small GPT's widths
    private static final int[] COLS = {0, 1, 7, 9, 15, 16, 17, 31, 33, 35, 65, 100, 128, 1000};
    private static final int ROWS = 3;
    private static final int OFF = 7;

    @Test
    void softmaxAndLogSoftmaxMatchReference() {
        RandomGenerator rng = Seeds.generator(81);
        for (int cols : COLS) {
            float[] x = Seeds.normal(rng, OFF + ROWS * cols + 4, 0f, 3f);
            for (boolean log : new boolean[] {false, true}) {
                float[] expected = Seeds.uniform(rng, OFF + 2 + ROWS * cols + 4, -1f, 1f);
                float[] actual = copy(expected);
                if (log) {
                    SCALAR_ROWS.logSoftmax(x, OFF, expected, OFF + 2, ROWS, cols);
                    VECTOR_ROWS.logSoftmax(x, OFF, actual, OFF + 2, ROWS, cols);
                } else {
                    SCALAR_ROWS.softmax(x, OFF, expected, OFF + 2, ROWS, cols);
                    VECTOR_ROWS.softmax(x, OFF, actual, OFF + 2, ROWS, cols);
                }
                assertClose((log ? "logSoftmax" : "softmax") + " cols=" + cols, expected, actual, tolerance(cols));
            }
        }
    }

    @Test
    void softmaxBackwardsMatchReferenceAndAccumulate() {
        RandomGenerator rng = Seeds.generator(83);
        for (int cols : COLS) {
            float[] x = Seeds.normal(rng, OFF + ROWS * cols, 0f, 3f);
            float[] gy = Seeds.normal(rng, ROWS * cols + 3, 0f, 1f);
            for (boolean log : new boolean[] {false, true}) {
                float[] y = new float[OFF + ROWS * cols];
                // pre-filled gradients: the old contribution must stay
                float[] expected = Seeds.normal(rng, OFF + ROWS * cols + 4, 0f, 1f);
                float[] actual = copy(expected);
                if (log) {
                    SCALAR_ROWS.logSoftmax(x, OFF, y, OFF, ROWS, cols);
                    SCALAR_ROWS.logSoftmaxBackward(y, OFF, gy, 3, expected, OFF, ROWS, cols);
                    VECTOR_ROWS.logSoftmaxBackward(y, OFF, gy, 3, actual, OFF, ROWS, cols);
                } else {
                    SCALAR_ROWS.softmax(x, OFF, y, OFF, ROWS, cols);
                    SCALAR_ROWS.softmaxBackward(y, OFF, gy, 3, expected, OFF, ROWS, cols);
                    VECTOR_ROWS.softmaxBackward(y, OFF, gy, 3, actual, OFF, ROWS, cols);
                }
                assertClose((log ? "logSoftmaxBackward" : "softmaxBackward") + " cols=" + cols,
                        expected, actual, tolerance(cols));
            }
        }
    }

    @Test
    void layerNormMatchesReferenceWithAndWithoutBeta() {
        RandomGenerator rng = Seeds.generator(87);
        for (int cols : COLS) {
            float[] x = Seeds.normal(rng, OFF + ROWS * cols, 1.5f, 2f);
            float[] gamma = Seeds.uniform(rng, cols, 0.5f, 1.5f);
            for (float[] beta : new float[][] {null, Seeds.uniform(rng, cols, -1f, 1f)}) {
                float[] expected = Seeds.uniform(rng, OFF + ROWS * cols + 4, -1f, 1f);
                float[] actual = copy(expected);
                float[] meanS = new float[ROWS];
                float[] rstdS = new float[ROWS];
                float[] meanV = new float[ROWS];
                float[] rstdV = new float[ROWS];
                SCALAR_ROWS.layerNorm(x, OFF, gamma, beta, 1e-5f, expected, OFF, meanS, rstdS, ROWS, cols);
                VECTOR_ROWS.layerNorm(x, OFF, gamma, beta, 1e-5f, actual, OFF, meanV, rstdV, ROWS, cols);
                String what = "layerNorm cols=" + cols + (beta == null ? " without beta" : "");
                assertClose(what, expected, actual, tolerance(cols));
                assertClose(what + " mean", meanS, meanV, tolerance(cols));
                assertClose(what + " rstd", rstdS, rstdV, tolerance(cols));
            }
        }
    }

    @Test
    void layerNormBackwardMatchesReferenceAndAccumulates() {
        RandomGenerator rng = Seeds.generator(89);
        for (int cols : COLS) {
            float[] x = Seeds.normal(rng, OFF + ROWS * cols, 0.5f, 2f);
            float[] gamma = Seeds.uniform(rng, cols, 0.5f, 1.5f);
            float[] mean = new float[ROWS];
            float[] rstd = new float[ROWS];
            SCALAR_ROWS.layerNorm(x, OFF, gamma, null, 1e-5f, new float[OFF + ROWS * cols], OFF, mean, rstd, ROWS, cols);
            float[] gy = Seeds.normal(rng, ROWS * cols + 2, 0f, 1f);
            float[] gxS = Seeds.normal(rng, OFF + ROWS * cols, 0f, 1f);
            float[] gGammaS = Seeds.normal(rng, cols, 0f, 1f);
            float[] gBetaS = Seeds.normal(rng, cols, 0f, 1f);
            float[] gxV = copy(gxS);
            float[] gGammaV = copy(gGammaS);
            float[] gBetaV = copy(gBetaS);
            SCALAR_ROWS.layerNormBackward(x, OFF, gamma, mean, rstd, gy, 2, gxS, OFF, gGammaS, gBetaS, ROWS, cols);
            VECTOR_ROWS.layerNormBackward(x, OFF, gamma, mean, rstd, gy, 2, gxV, OFF, gGammaV, gBetaV, ROWS, cols);
            assertClose("gx cols=" + cols, gxS, gxV, tolerance(cols));
            assertClose("gGamma cols=" + cols, gGammaS, gGammaV, Tolerance.EXACT);
            assertClose("gBeta cols=" + cols, gBetaS, gBetaV, Tolerance.EXACT);

            // null gx, gGamma or gBeta: the others are still accumulated
            float[] onlyGx = copy(gxS);
            float[] onlyGxV = copy(gxS);
            SCALAR_ROWS.layerNormBackward(x, OFF, gamma, mean, rstd, gy, 2, onlyGx, OFF, null, null, ROWS, cols);
            VECTOR_ROWS.layerNormBackward(x, OFF, gamma, mean, rstd, gy, 2, onlyGxV, OFF, null, null, ROWS, cols);
            assertClose("gx alone cols=" + cols, onlyGx, onlyGxV, tolerance(cols));
            float[] onlyGamma = copy(gGammaS);
            float[] onlyGammaV = copy(gGammaS);
            SCALAR_ROWS.layerNormBackward(x, OFF, gamma, mean, rstd, gy, 2, null, 0, onlyGamma, null, ROWS, cols);
            VECTOR_ROWS.layerNormBackward(x, OFF, gamma, mean, rstd, gy, 2, null, 0, onlyGammaV, null, ROWS, cols);
            assertClose("gGamma alone cols=" + cols, onlyGamma, onlyGammaV, Tolerance.EXACT);
        }
    }

    private static Tolerance tolerance(int cols) {
        double t = 1e-6 * (2 + Math.sqrt(cols));
        return Tolerance.of(t, t);
    }
}
