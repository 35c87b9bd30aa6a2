package dev.thirty.nn.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.testkit.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SamplingTest {

    private static final float[] LOGITS = {1f, 2f, 0.5f, 3f, -1f};

    @Test
    void topOneAlwaysPicksTheLargestLogit() {
        RandomGenerator rng = Seeds.generator(1);
        for (int i = 0; i < 200; i++) {
            assertEquals(3, Sampling.sample(LOGITS, 1.0, 1, rng));
        }
    }

    @Test
    void topKNeverLeavesTheKLargest() {
        RandomGenerator rng = Seeds.generator(2);
        for (int i = 0; i < 2000; i++) {
            int t = Sampling.sample(LOGITS, 2.0, 2, rng);
            assertTrue(t == 1 || t == 3, "drew " + t);
        }
    }

    /**
     * Frequencies over 40,000 draws match softmax(logits / T) within 5 binomial standard
     * deviations (at most 0.0125 here), for T = 0.7 and T = 1.5.
     */
    @Test
    void frequenciesMatchTheTemperatureScaledSoftmax() {
        for (double t : new double[] {0.7, 1.5}) {
            RandomGenerator rng = Seeds.generator(3);
            int n = 40_000;
            int[] counts = new int[LOGITS.length];
            for (int i = 0; i < n; i++) {
                counts[Sampling.sample(LOGITS, t, 0, rng)]++;
            }
            double z = 0;
            for (float l : LOGITS) {
                z += Math.exp(l / t);
            }
            for (int k = 0; k < LOGITS.length; k++) {
                double p = Math.exp(LOGITS[k] / t) / z;
                double sd = Math.sqrt(p * (1 - p) / n);
                assertEquals(p, counts[k] / (double) n, 5 * sd + 1e-4, "token " + k + " at T=" + t);
            }
        }
    }

    @Test
    void hugeLogitsDoNotOverflow() {
        assertEquals(1, Sampling.sample(new float[] {1e30f, 3e38f, -3e38f}, 0.01, 0, Seeds.generator(4)));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Sampling.sample(LOGITS, 0, 0, Seeds.generator(5)));
        assertThrows(IllegalArgumentException.class, () -> Sampling.sample(LOGITS, 1, -1, Seeds.generator(5)));
        assertThrows(IllegalArgumentException.class, () -> Sampling.sample(new float[0], 1, 0, Seeds.generator(5)));
    }
}
