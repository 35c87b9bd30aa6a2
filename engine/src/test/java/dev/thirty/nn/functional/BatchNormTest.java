package dev.thirty.nn.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.kernels.ComputePool;
import dev.thirty.nn.functional.BatchNorm.Statistics;
import dev.thirty.tensor.Tensor;
import dev.thirty.testing.TensorGradCheck;
import dev.thirty.testing.TensorGradCheck.Input;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BatchNormTest {

    private static final float EPS = BatchNorm.DEFAULT_EPS;
    private static final float MOMENTUM = BatchNorm.DEFAULT_MOMENTUM;

    /** Per-channel mean and biased / unbiased variance over (N, H, W), in double. */
    private static double[][] moments(float[] x, int n, int c, int plane) {
        double[][] out = new double[3][c];
        int m = n * plane;
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int b = 0; b < n; b++) {
                for (int p = 0; p < plane; p++) {
                    s += x[(b * c + ch) * plane + p];
                }
            }
            double mu = s / m;
            double sq = 0;
            for (int b = 0; b < n; b++) {
                for (int p = 0; p < plane; p++) {
                    double d = x[(b * c + ch) * plane + p] - mu;
                    sq += d * d;
                }
            }
            out[0][ch] = mu;
            out[1][ch] = sq / m;
            out[2][ch] = sq / (m - 1);
        }
        return out;
    }

    private static float[] normalised(float[] x, int n, int c, int plane, double[] mean, double[] var, float[] gamma,
                                      float[] beta) {
        float[] y = new float[x.length];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < plane; p++) {
                    int at = (b * c + ch) * plane + p;
                    y[at] = (float) ((x[at] - mean[ch]) / Math.sqrt(var[ch] + EPS) * gamma[ch] + beta[ch]);
                }
            }
        }
        return y;
    }

    @Test
    void trainingNormalisesWithTheBatchAndUpdatesTheRunningStatisticsWithTheUnbiasedVariance() {
        RandomGenerator rng = Seeds.generator(61);
        int n = 3;
        int c = 4;
        int plane = 5 * 6;
        float[] x = Seeds.normal(rng, n * c * plane, 2, 3);
        float[] gamma = Seeds.uniform(rng, c, 0.5f, 1.5f);
        float[] beta = Seeds.uniform(rng, c, -1, 1);
        float[] rm0 = Seeds.uniform(rng, c, -1, 1);
        float[] rv0 = Seeds.uniform(rng, c, 0.5f, 2);
        Tensor rm = Tensor.vector(rm0.clone());
        Tensor rv = Tensor.vector(rv0.clone());
        Tensor y = BatchNorm.batchNorm(Tensor.of(x, n, c, 5, 6), Tensor.vector(gamma), Tensor.vector(beta), rm, rv,
                Statistics.BATCH, MOMENTUM, EPS);
        double[][] mom = moments(x, n, c, plane);
        FloatAssert.assertClose("batch-normalised", normalised(x, n, c, plane, mom[0], mom[1], gamma, beta),
                y.toArray(), Tolerance.of(1e-5, 1e-5));
        float[] expectMean = new float[c];
        float[] expectVar = new float[c];
        for (int ch = 0; ch < c; ch++) {
            expectMean[ch] = (float) (0.9 * rm0[ch] + 0.1 * mom[0][ch]);
            expectVar[ch] = (float) (0.9 * rv0[ch] + 0.1 * mom[2][ch]);
        }
        FloatAssert.assertClose("running_mean", expectMean, rm.toArray(), Tolerance.of(1e-6, 1e-6));
        FloatAssert.assertClose("running_var", expectVar, rv.toArray(), Tolerance.of(1e-6, 1e-6));
    }

    @Test
    void evaluationNormalisesWithTheRunningStatisticsAndLeavesThemAlone() {
        RandomGenerator rng = Seeds.generator(62);
        float[] x = Seeds.normal(rng, 2 * 3 * 4, 1, 2);
        float[] gamma = Seeds.uniform(rng, 3, 0.5f, 1.5f);
        float[] beta = Seeds.uniform(rng, 3, -1, 1);
        float[] rm = {0.5f, -0.25f, 1f};
        float[] rv = {2f, 0.5f, 1.5f};
        Tensor rmT = Tensor.vector(rm.clone());
        Tensor rvT = Tensor.vector(rv.clone());
        Tensor y = BatchNorm.batchNorm(Tensor.of(x, 2, 3, 2, 2), Tensor.vector(gamma), Tensor.vector(beta), rmT, rvT,
                Statistics.RUNNING, MOMENTUM, EPS);
        double[] mean = {0.5, -0.25, 1};
        double[] var = {2, 0.5, 1.5};
        FloatAssert.assertClose("eval", normalised(x, 2, 3, 4, mean, var, gamma, beta), y.toArray(),
                Tolerance.of(1e-5, 1e-5));
        FloatAssert.assertIdentical("running_mean unchanged", rm, rmT.toArray());
        FloatAssert.assertIdentical("running_var unchanged", rv, rvT.toArray());
    }

    @Test
    void backwardMatchesFiniteDifferencesInTrainingAtRankFourAndTwo() {
        RandomGenerator rng = Seeds.generator(63);
        TensorGradCheck.check("batchNorm NCHW", t -> BatchNorm.batchNorm(t[0], t[1], t[2], null, null,
                        Statistics.BATCH, MOMENTUM, EPS), rng,
                Input.of(Seeds.normal(rng, 3 * 2 * 3 * 2, 0, 1), 3, 2, 3, 2),
                Input.of(Seeds.uniform(rng, 2, 0.5f, 1.5f), 2),
                Input.of(Seeds.uniform(rng, 2, -1, 1), 2));
        TensorGradCheck.check("batchNorm (N, C)", t -> BatchNorm.batchNorm(t[0], t[1], t[2], null, null,
                        Statistics.BATCH, MOMENTUM, EPS), rng,
                Input.of(Seeds.normal(rng, 6 * 3, 0, 1), 6, 3),
                Input.of(Seeds.uniform(rng, 3, 0.5f, 1.5f), 3),
                Input.of(Seeds.uniform(rng, 3, -1, 1), 3));
        TensorGradCheck.check("batchNorm without affine", t -> BatchNorm.batchNorm(t[0], null, null, null, null,
                        Statistics.BATCH, MOMENTUM, EPS), rng,
                Input.of(Seeds.normal(rng, 4 * 2 * 2 * 2, 0, 1), 4, 2, 2, 2));
    }

    @Test
    void backwardMatchesFiniteDifferencesInEvaluation() {
        RandomGenerator rng = Seeds.generator(64);
        Tensor rm = Tensor.vector(0.3f, -0.2f);
        Tensor rv = Tensor.vector(1.5f, 0.7f);
        TensorGradCheck.check("batchNorm eval", t -> BatchNorm.batchNorm(t[0], t[1], t[2], rm, rv,
                        Statistics.RUNNING, MOMENTUM, EPS), rng,
                Input.of(Seeds.normal(rng, 2 * 2 * 3 * 3, 0, 1), 2, 2, 3, 3),
                Input.of(Seeds.uniform(rng, 2, 0.5f, 1.5f), 2),
                Input.of(Seeds.uniform(rng, 2, -1, 1), 2));
    }

    @Test
    void resultsAreIdenticalForAnyThreadCount() {
        RandomGenerator rng = Seeds.generator(65);
        float[] x = Seeds.normal(rng, 8 * 16 * 9 * 9, 0, 1);
        float[] gamma = Seeds.uniform(rng, 16, 0.5f, 1.5f);
        float[] beta = Seeds.uniform(rng, 16, -1, 1);
        float[] dy = Seeds.normal(rng, x.length, 0, 1);
        float[][] one = run(ComputePool.ofThreads(1), x, gamma, beta, dy);
        float[][] three = run(ComputePool.ofThreads(3), x, gamma, beta, dy);
        for (int i = 0; i < one.length; i++) {
            FloatAssert.assertIdentical("output " + i, one[i], three[i]);
        }
    }

    private static float[][] run(ComputePool pool, float[] x, float[] gamma, float[] beta, float[] dy) {
        try (pool) {
            return pool.call(() -> {
            Tensor xt = Tensor.of(x.clone(), 8, 16, 9, 9).requiringGrad();
            Tensor g = Tensor.vector(gamma.clone()).requiringGrad();
            Tensor b = Tensor.vector(beta.clone()).requiringGrad();
            Tensor rm = Tensor.zeros(16);
            Tensor rv = Tensor.ones(16);
            Tensor y = BatchNorm.batchNorm(xt, g, b, rm, rv, Statistics.BATCH, MOMENTUM, EPS);
            y.backward(Tensor.of(dy, 8, 16, 9, 9));
            return new float[][] {y.toArray(), xt.grad().toArray(), g.grad().toArray(), b.grad().toArray(),
                rm.toArray(), rv.toArray()};
            });
        }
    }

    @Test
    void badArgumentsAreNamed() {
        Tensor x = Tensor.zeros(2, 3, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BatchNorm.batchNorm(x,
                Tensor.ones(4), null, null, null, Statistics.BATCH, MOMENTUM, EPS));
        assertTrue(e.getMessage().contains("gamma") && e.getMessage().contains("(3,)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchNorm.batchNorm(x, null, null, null, null,
                Statistics.RUNNING, MOMENTUM, EPS));
        assertTrue(e.getMessage().contains("running"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchNorm.batchNorm(x, null, null, Tensor.zeros(3),
                null, Statistics.BATCH, MOMENTUM, EPS));
        assertTrue(e.getMessage().contains("both"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchNorm.batchNorm(Tensor.zeros(1, 3), null, null,
                null, null, Statistics.BATCH, MOMENTUM, EPS));
        assertTrue(e.getMessage().contains("more than one value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchNorm.batchNorm(Tensor.zeros(2, 3, 4), null,
                null, null, null, Statistics.BATCH, MOMENTUM, EPS));
        assertTrue(e.getMessage().contains("(N, C, H, W)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BatchNorm.batchNorm(x, null, null, null, null,
                Statistics.BATCH, 1.5f, EPS));
        assertThrows(IllegalArgumentException.class, () -> BatchNorm.batchNorm(x, null, null, null, null,
                Statistics.BATCH, MOMENTUM, 0f));
        assertEquals(0.1f, MOMENTUM);
    }
}
