package dev.thirty.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thirty.kernels.ComputePool;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The optimizer step and the global gradient norm share their parameters out among a compute
 * pool's threads; on any number of threads they must give the same bits.
 */
class ThreadCountIndependenceTest {

    /** Parameters of uneven sizes (odd lengths exercise the norm's partial sums), with seeded gradients. */
    private static List<Parameter> parameters(long seed) {
        RandomGenerator rng = Seeds.generator(seed);
        List<Parameter> params = new ArrayList<>();
        for (int size : new int[] {1, 7, 130, 4099, 33, 2048, 5}) {
            Parameter p = Parameter.of(Tensor.of(Seeds.normal(rng, size, 0f, 1f), size));
            float[] g = Seeds.normal(rng, size, 0f, 3f);
            System.arraycopy(g, 0, p.gradBuffer(), 0, size);
            params.add(p);
        }
        return params;
    }

    @Test
    void adamWStepsAndClippingGiveTheSameBitsOnOneTwoAndThreeThreads() {
        List<float[]> reference = null;
        double referenceNorm = 0;
        for (int threads : new int[] {1, 2, 3}) {
            List<Parameter> params = parameters(11);
            double[] norm = new double[1];
            try (ComputePool pool = ComputePool.ofThreads(threads)) {
                pool.run(() -> {
                    AdamW opt = new AdamW(params, AdamW.Config.defaults().withWeightDecay(0.1), 1e-2);
                    for (int step = 0; step < 3; step++) {
                        norm[0] = GradClip.clipGlobalNorm(params, 1.0);
                        opt.step();
                    }
                });
            }
            List<float[]> weights = params.stream().map(p -> p.data().clone()).toList();
            if (reference == null) {
                reference = weights;
                referenceNorm = norm[0];
                continue;
            }
            assertEquals(referenceNorm, norm[0], 0.0, "global norm on " + threads + " threads");
            for (int i = 0; i < weights.size(); i++) {
                FloatAssert.assertIdentical("parameter " + i + " on " + threads + " threads",
                        reference.get(i), weights.get(i));
            }
        }
    }

    @Test
    void globalNormMatchesTheSumOfSquaresInDouble() {
        List<Parameter> params = parameters(12);
        double expected = 0;
        for (Parameter p : params) {
            for (float g : p.grad().data()) {
                expected += (double) g * g;
            }
        }
        assertEquals(Math.sqrt(expected), GradClip.globalNorm(params), 1e-12 * Math.sqrt(expected));
    }
}
