package dev.thirty.kernels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorGemm} against the {@link ScalarGemm} reference, on both its small and its blocked
 * path, and its determinism across thread counts.
 */
class VectorGemmTest {

    private final Gemm vector = new VectorGemm();
    private final Gemm scalar = new ScalarGemm();

    @Test
    void matchesScalarOnRandomShapesForAllTransposes() {
        RandomGenerator rng = Seeds.generator(11);
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                for (int trial = 0; trial < 12; trial++) {
                    int m = 1 + rng.nextInt(trial < 6 ? 20 : 90);
                    int n = 1 + rng.nextInt(trial < 6 ? 40 : 110);
                    int k = 1 + rng.nextInt(trial < 6 ? 20 : 70);
                    GemmCase.random(rng, ta, tb, m, n, k, 1f, 0f, 0, 0).assertAgree(scalar, vector);
                }
            }
        }
    }

    @Test
    void matchesScalarAcrossEveryBlockBoundary() {
        RandomGenerator rng = Seeds.generator(12);
        int kc = VectorGemm.KC;
        int mc = VectorGemm.MC;
        int nc = VectorGemm.NC;
        int[][] shapes = {
                {GemmMicroKernel.MR, GemmMicroKernel.NR, 2 * kc + 1},  // one tile, three depth blocks
                {mc + 3, 2 * GemmMicroKernel.NR - 1, kc - 1},         // two A blocks, odd depth
                {2 * GemmMicroKernel.MR - 1, nc + 5, 3},               // two B blocks, shallow
                {GemmMicroKernel.MR - 1, 300, 100},                    // fewer rows than a tile
                {37, 1, 200}, {1, 37, 200}, {129, 65, 129},
        };
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                for (int[] s : shapes) {
                    GemmCase.random(rng, ta, tb, s[0], s[1], s[2], 1f, 0f, 0, 0).assertAgree(scalar, vector);
                }
            }
        }
    }

    @Test
    void dotProductPathForFewRowsTimesALongTransposedBMatchesScalar() {
        RandomGenerator rng = Seeds.generator(17);
        int[] depths = {SmallGemm.DOT_MIN_K, SmallGemm.DOT_MIN_K + 5, 3 * SmallGemm.DOT_MIN_K - 1, 784};
        for (int k : depths) {
            for (int n : new int[] {1, 3, 4, 7, 25}) {
                for (int m : new int[] {1, GemmMicroKernel.MR - 1}) {
                    GemmCase.random(rng, Transpose.N, Transpose.T, m, n, k, 1f, 1f, 0, 0).assertAgree(scalar, vector);
                    GemmCase.random(rng, Transpose.N, Transpose.T, m, n, k, -0.5f, 0.25f, 7, 3)
                            .assertAgree(scalar, vector);
                    GemmCase g = GemmCase.random(rng, Transpose.N, Transpose.T, m, n, k, 2f, 0f, 1, 2);
                    g.fillC(Float.NaN);
                    g.assertAgree(scalar, vector);
                }
            }
        }
    }

    @Test
    void alphaAndBetaScaleAsInBlas() {
        RandomGenerator rng = Seeds.generator(13);
        float[] alphas = {1f, -0.5f, 2f, 0f};
        float[] betas = {0f, 1f, 0.25f, -3f};
        for (float alpha : alphas) {
            for (float beta : betas) {
                GemmCase.random(rng, Transpose.N, Transpose.T, 9, 13, 7, alpha, beta, 0, 0)
                        .assertAgree(scalar, vector);
                GemmCase.random(rng, Transpose.T, Transpose.N, 70, 45, 300, alpha, beta, 0, 0)
                        .assertAgree(scalar, vector);
            }
        }
    }

    @Test
    void offsetsAndPaddedLeadingDimensionsLeaveOtherElementsUntouched() {
        RandomGenerator rng = Seeds.generator(14);
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                GemmCase.random(rng, ta, tb, 5, 7, 3, 1.5f, 0.5f, 17, 3).assertAgree(scalar, vector);
                GemmCase.random(rng, ta, tb, 67, 83, 61, 1.5f, 0.5f, 5, 19).assertAgree(scalar, vector);
            }
        }
    }

    @Test
    void betaZeroOverwritesNaNInC() {
        RandomGenerator rng = Seeds.generator(15);
        for (int[] s : new int[][] {{3, 5, 4}, {50, 70, 90}}) {
            GemmCase g = GemmCase.random(rng, Transpose.N, Transpose.N, s[0], s[1], s[2], 1f, 0f, 2, 1);
            g.fillC(Float.NaN);
            float[] got = g.run(vector);
            for (int i = 0; i < s[0]; i++) {
                for (int j = 0; j < s[1]; j++) {
                    float v = got[g.cOff() + i * g.ldc() + j];
                    assertFalse(Float.isNaN(v), "C[" + i + "][" + j + "] is NaN for shape " + Arrays.toString(s));
                }
            }
            g.assertAgree(scalar, vector);
        }
    }

    @Test
    void zeroSizedDimensionsAreHandled() {
        RandomGenerator rng = Seeds.generator(16);
        int[][] shapes = {{0, 5, 3}, {4, 0, 3}, {4, 5, 0}, {0, 0, 0}, {60, 70, 0}};
        for (int[] s : shapes) {
            for (float beta : new float[] {0f, 0.5f}) {
                GemmCase.random(rng, Transpose.T, Transpose.N, s[0], s[1], s[2], 2f, beta, 1, 2)
                        .assertAgree(scalar, vector);
            }
        }
    }

    @Test
    void resultsAreIdenticalForOneTwoAndThreeThreads() {
        RandomGenerator rng = Seeds.generator(17);
        // Each does more than SERIAL_WORK multiply-adds; the last two have fewer row panels than
        // three threads, which then split by column panels instead.
        int[][] shapes = {{150, 100, 300}, {200, 40, 80}, {9, 600, 64}, {GemmMicroKernel.MR, 1000, 40}};
        for (int[] s : shapes) {
            GemmCase g = GemmCase.random(rng, Transpose.T, Transpose.N, s[0], s[1], s[2], 0.5f, 1f, 3, 2);
            float[] once = withThreads(1, () -> g.run(vector));
            for (int threads = 1; threads <= 3; threads++) {
                float[] again = withThreads(threads, () -> g.run(vector));
                FloatAssert.assertIdentical("shape " + Arrays.toString(s) + " on " + threads
                        + " threads vs 1", once, again);
            }
        }
    }

    @Test
    void badArgumentsAreRejectedWithTheirReason() {
        float[] x = new float[12];
        assertMessage("negative size", () -> vector.sgemm(Transpose.N, Transpose.N, -1, 2, 2,
                1f, x, 0, 2, x, 0, 2, 0f, x, 0, 2));
        assertMessage("leading dimension of A is 1", () -> vector.sgemm(Transpose.N, Transpose.N,
                2, 2, 2, 1f, x, 0, 1, x, 0, 2, 0f, x, 0, 2));
        assertMessage("leading dimension of B is 2", () -> vector.sgemm(Transpose.N, Transpose.T,
                2, 2, 3, 1f, x, 0, 3, x, 0, 2, 0f, x, 0, 2));
        assertMessage("C is 3x4", () -> vector.sgemm(Transpose.N, Transpose.N, 3, 4, 2,
                1f, x, 0, 2, x, 0, 4, 0f, x, 4, 4));
        assertMessage("A is 2x2", () -> vector.sgemm(Transpose.N, Transpose.N, 2, 2, 2,
                1f, x, -1, 2, x, 0, 2, 0f, x, 0, 2));
    }

    private static void assertMessage(String expected, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(expected),
                "message '" + e.getMessage() + "' should mention '" + expected + "'");
    }

    private static float[] withThreads(int threads, java.util.function.Supplier<float[]> body) {
        try (ComputePool pool = ComputePool.ofThreads(threads)) {
            return pool.call(body);
        }
    }
}
