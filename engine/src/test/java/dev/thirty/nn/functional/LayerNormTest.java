package dev.thirty.nn.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thirty.kernels.ComputePool;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import dev.thirty.testing.TensorGradCheck;
import dev.thirty.testing.TensorGradCheck.Input;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class LayerNormTest {

    private static final float EPS = 1e-5f;

    /** Layer norm over rows of {@code c}, in double; beta may be null. */
    private static float[] reference(float[] x, int c, float[] gamma, float[] beta, float eps) {
        float[] y = new float[x.length];
        for (int r = 0; r < x.length / c; r++) {
            double mean = 0;
            for (int j = 0; j < c; j++) {
                mean += x[r * c + j];
            }
            mean /= c;
            double var = 0;
            for (int j = 0; j < c; j++) {
                var += (x[r * c + j] - mean) * (x[r * c + j] - mean);
            }
            var /= c;
            for (int j = 0; j < c; j++) {
                double v = (x[r * c + j] - mean) / Math.sqrt(var + eps) * gamma[j];
                y[r * c + j] = (float) (beta == null ? v : v + beta[j]);
            }
        }
        return y;
    }

    @Test
    void forwardMatchesReferenceWithAndWithoutBeta() {
        RandomGenerator rng = Seeds.generator(31);
        float[] x = Seeds.normal(rng, 2 * 3 * 8, 1, 3);
        float[] gamma = Seeds.uniform(rng, 8, 0.5f, 1.5f);
        float[] beta = Seeds.uniform(rng, 8, -1, 1);
        Tensor y = LayerNorm.layerNorm(Tensor.of(x, 2, 3, 8), Tensor.vector(gamma), Tensor.vector(beta), EPS);
        assertEquals(Shape.of(2, 3, 8), y.shape());
        FloatAssert.assertClose("layerNorm", reference(x, 8, gamma, beta, EPS), y.toArray(), Tolerance.of(1e-5, 1e-5));
        Tensor noShift = LayerNorm.layerNorm(Tensor.of(x, 6, 8), Tensor.vector(gamma), null, EPS);
        FloatAssert.assertClose("layerNorm without beta", reference(x, 8, gamma, null, EPS), noShift.toArray(),
                Tolerance.of(1e-5, 1e-5));
    }

    @Test
    void backwardMatchesFiniteDifferencesForXGammaAndBeta() {
        RandomGenerator rng = Seeds.generator(32);
        TensorGradCheck.check("layerNorm", x -> LayerNorm.layerNorm(x[0], x[1], x[2], EPS), rng,
                Input.of(Seeds.normal(rng, 4 * 6, 0, 1), 2, 2, 6),
                Input.of(Seeds.uniform(rng, 6, 0.5f, 1.5f), 6),
                Input.of(Seeds.uniform(rng, 6, -1, 1), 6));
    }

    @Test
    void backwardMatchesFiniteDifferencesWithoutBetaAndWithConstantGamma() {
        RandomGenerator rng = Seeds.generator(33);
        TensorGradCheck.check("layerNorm without beta", x -> LayerNorm.layerNorm(x[0], x[1], null, EPS), rng,
                Input.of(Seeds.normal(rng, 3 * 5, 0, 1), 3, 5),
                Input.of(Seeds.uniform(rng, 5, 0.5f, 1.5f), 5));
        TensorGradCheck.check("layerNorm, gamma constant", x -> LayerNorm.layerNorm(x[0], x[1], x[2], EPS), rng,
                Input.of(Seeds.normal(rng, 3 * 5, 0, 1), 3, 5),
                Input.constant(Seeds.uniform(rng, 5, 0.5f, 1.5f), 5),
                Input.of(Seeds.uniform(rng, 5, -1, 1), 5));
    }

    @Test
    void largeInputsGiveIdenticalResultsForAnyThreadCount() {
        RandomGenerator rng = Seeds.generator(34);
        int rows = 700;
        int c = 96;
        float[] x = Seeds.normal(rng, rows * c, 0, 1);
        float[] gamma = Seeds.uniform(rng, c, 0.5f, 1.5f);
        float[] beta = Seeds.uniform(rng, c, -1, 1);
        float[] w = Seeds.uniform(rng, rows * c, -1, 1);
        float[][] one = runWith(ComputePool.ofThreads(1), x, gamma, beta, w, rows, c);
        float[][] three = runWith(ComputePool.ofThreads(3), x, gamma, beta, w, rows, c);
        String[] what = {"y", "dx", "dgamma", "dbeta"};
        for (int i = 0; i < what.length; i++) {
            FloatAssert.assertIdentical(what[i], one[i], three[i]);
        }
        FloatAssert.assertClose("chunked forward against reference", reference(x, c, gamma, beta, EPS), three[0],
                Tolerance.of(1e-5, 1e-5));
        double betaGrad = 0;
        for (int r = 0; r < rows; r++) {
            betaGrad += w[r * c + 7];
        }
        assertEquals(betaGrad, three[3][7], 1e-3, "dbeta is the column sum of the upstream gradient");
    }

    private static float[][] runWith(ComputePool pool, float[] x, float[] gamma, float[] beta, float[] w,
                                     int rows, int c) {
        try (pool) {
            return pool.call(() -> {
                Tensor xt = Tensor.of(x, rows, c).requiringGrad();
                Tensor g = Tensor.vector(gamma).requiringGrad();
                Tensor b = Tensor.vector(beta).requiringGrad();
                Tensor y = LayerNorm.layerNorm(xt, g, b, EPS);
                y.backward(Tensor.of(w, rows, c));
                return new float[][] {y.toArray(), xt.grad().toArray(), g.grad().toArray(), b.grad().toArray()};
            });
        }
    }

    @Test
    void mismatchedGammaOrBetaShapesAreNamed() {
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> LayerNorm.layerNorm(Tensor.zeros(4, 8), Tensor.ones(7), null, EPS));
        assertEquals("layerNorm: gamma has shape (7,) but x (4, 8) needs (8,)", g.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> LayerNorm.layerNorm(Tensor.zeros(4, 8), Tensor.ones(8), Tensor.zeros(1, 8), EPS));
        assertEquals("layerNorm: beta has shape (1, 8) but x (4, 8) needs (8,)", b.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LayerNorm.layerNorm(Tensor.zeros(4, 8), Tensor.ones(8), null, -1f));
        assertThrows(IllegalArgumentException.class,
                () -> LayerNorm.layerNorm(Tensor.scalar(1f), Tensor.ones(1), null, EPS));
    }
}
