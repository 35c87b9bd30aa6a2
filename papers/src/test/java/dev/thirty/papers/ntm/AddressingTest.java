package dev.thirty.papers.ntm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AddressingTest {

    private static final float EXACT = 1e-6f;

    private static Tensor t(int[] shape, float... v) {
        return Tensor.of(v, shape);
    }

    @Test
    void aShiftOfPlusOneRollsTheWeightingOneRowOnCircularly() {
        Tensor w = t(new int[] {1, 4}, 0.1f, 0.2f, 0.3f, 0.4f);
        assertArrayEquals(new float[] {0.4f, 0.1f, 0.2f, 0.3f},
                Addressing.shift(w, t(new int[] {1, 3}, 0, 0, 1)).toArray(), EXACT);
        assertArrayEquals(new float[] {0.2f, 0.3f, 0.4f, 0.1f},
                Addressing.shift(w, t(new int[] {1, 3}, 1, 0, 0)).toArray(), EXACT);
        assertArrayEquals(w.toArray(), Addressing.shift(w, t(new int[] {1, 3}, 0, 1, 0)).toArray(), EXACT);
        // half stays, a quarter each way: w~(0) = 0.25 w(3) + 0.5 w(0) + 0.25 w(1)
        float[] blur = Addressing.shift(w, t(new int[] {1, 3}, 0.25f, 0.5f, 0.25f)).toArray();
        assertEquals(0.25f * 0.4f + 0.5f * 0.1f + 0.25f * 0.2f, blur[0], EXACT);
        assertEquals(1f, blur[0] + blur[1] + blur[2] + blur[3], EXACT);
    }

    @Test
    void sharpeningWithGammaOneChangesNothingAndLargeGammaPicksTheLargest() {
        Tensor w = t(new int[] {1, 4}, 0.1f, 0.2f, 0.3f, 0.4f);
        assertArrayEquals(w.toArray(), Addressing.sharpen(w, t(new int[] {1, 1}, 1)).toArray(), EXACT);
        float[] two = Addressing.sharpen(w, t(new int[] {1, 1}, 2)).toArray();
        assertEquals(0.16f / 0.30f, two[3], EXACT);   // 0.4^2 / (0.01 + 0.04 + 0.09 + 0.16)
        float[] sharp = Addressing.sharpen(w, t(new int[] {1, 1}, 60)).toArray();
        assertTrue(sharp[3] > 0.99f, java.util.Arrays.toString(sharp));
    }

    @Test
    void contentAddressingFindsTheRowLikeTheKey() {
        // rows: e1, e2, -e1, e1 + e2
        Tensor memory = t(new int[] {1, 4, 2}, 1, 0, 0, 1, -1, 0, 1, 1);
        Tensor key = t(new int[] {1, 2}, 2, 0);
        assertArrayEquals(new float[] {1, 0, -1, (float) Math.sqrt(0.5)},
                Addressing.similarity(memory, key).toArray(), 1e-6f);
        float[] w = Addressing.content(memory, key, t(new int[] {1, 1}, 10)).toArray();
        double z = Math.exp(10) + Math.exp(0) + Math.exp(-10) + Math.exp(10 * Math.sqrt(0.5));
        assertEquals(Math.exp(10) / z, w[0], 1e-6);
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f},
                Addressing.content(memory, key, t(new int[] {1, 1}, 0)).toArray(), EXACT);
        // a zero key compares equal to nothing: uniform, not NaN
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f},
                Addressing.content(memory, t(new int[] {1, 2}, 0, 0), t(new int[] {1, 1}, 5)).toArray(), EXACT);
    }

    @Test
    void interpolationReadAndWriteAreTheEquations() {
        Tensor wc = t(new int[] {1, 2}, 1, 0);
        Tensor prev = t(new int[] {1, 2}, 0, 1);
        assertArrayEquals(new float[] {0.3f, 0.7f},
                Addressing.interpolate(wc, prev, t(new int[] {1, 1}, 0.3f)).toArray(), EXACT);
        Tensor memory = t(new int[] {1, 2, 3}, 1, 2, 3, 4, 5, 6);
        Tensor w = t(new int[] {1, 2}, 0.25f, 0.75f);
        assertArrayEquals(new float[] {3.25f, 4.25f, 5.25f}, Addressing.read(memory, w).toArray(), EXACT);
        Tensor written = Addressing.write(memory, w, t(new int[] {1, 3}, 1, 0, 0.5f), t(new int[] {1, 3}, 0, 4, 0));
        // row 0: 1*(1-0.25), 2 + 0.25*4, 3*(1-0.125); row 1: 4*(1-0.75), 5 + 3, 6*(1-0.375)
        assertArrayEquals(new float[] {0.75f, 3f, 2.625f, 1f, 8f, 3.75f}, written.toArray(), EXACT);
    }

    private static float[] random(Rng rng, int n, float lo, float hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * rng.nextFloat();
        }
        return v;
    }

    /** A normalised random weighting over {@code n} rows for each of {@code b} heads. */
    private static float[] weighting(Rng rng, int b, int n) {
        float[] w = random(rng, b * n, 0.05f, 1f);
        for (int i = 0; i < b; i++) {
            float s = 0;
            for (int j = 0; j < n; j++) {
                s += w[i * n + j];
            }
            for (int j = 0; j < n; j++) {
                w[i * n + j] /= s;
            }
        }
        return w;
    }

    @Test
    void everyPieceHasTheGradientOfItsEquation() {
        Rng rng = Rng.seeded(3);
        int b = 2;
        int n = 5;
        int m = 3;
        int[] mem = {b, n, m};
        int[] vec = {b, m};
        int[] wts = {b, n};
        int[] one = {b, 1};
        GradChecks.check("similarity", x -> Addressing.similarity(x[0], x[1]),
                new float[][] {random(rng, b * n * m, -1, 1), random(rng, b * m, -1, 1)}, mem, vec);
        // β near its edge (0) and large
        GradChecks.check("content", x -> Addressing.content(x[0], x[1], x[2]),
                new float[][] {random(rng, b * n * m, -1, 1), random(rng, b * m, -1, 1), new float[] {0.02f, 8f}},
                mem, vec, one);
        // g near 0 and near 1
        GradChecks.check("interpolate", x -> Addressing.interpolate(x[0], x[1], x[2]),
                new float[][] {weighting(rng, b, n), weighting(rng, b, n), new float[] {0.02f, 0.98f}}, wts, wts, one);
        // a shift weighting nearly one-hot, and an even one
        GradChecks.check("shift", x -> Addressing.shift(x[0], x[1]),
                new float[][] {weighting(rng, b, n), new float[] {0.01f, 0.01f, 0.98f, 0.3f, 0.4f, 0.3f}}, wts,
                new int[] {b, 3});
        // γ at its edge (1) and sharper
        GradChecks.check("sharpen", x -> Addressing.sharpen(x[0], x[1]),
                new float[][] {weighting(rng, b, n), new float[] {1.0f, 4f}}, wts, one);
        GradChecks.check("read", x -> Addressing.read(x[0], x[1]),
                new float[][] {random(rng, b * n * m, -1, 1), weighting(rng, b, n)}, mem, wts);
        GradChecks.check("write", x -> Addressing.write(x[0], x[1], x[2], x[3]),
                new float[][] {random(rng, b * n * m, -1, 1), weighting(rng, b, n), random(rng, b * m, 0, 1),
                    random(rng, b * m, -1, 1)}, mem, wts, vec, vec);
        GradChecks.check("address", x -> Addressing.address(x[0], x[1], x[2], x[3], x[4], x[5], x[6]),
                new float[][] {random(rng, b * n * m, -1, 1), random(rng, b * m, -1, 1), new float[] {1.5f, 3f},
                    new float[] {0.3f, 0.9f}, new float[] {0.2f, 0.5f, 0.3f, 0.1f, 0.1f, 0.8f},
                    new float[] {1.2f, 2.5f}, weighting(rng, b, n)},
                mem, vec, one, one, new int[] {b, 3}, one, wts);
    }
}
