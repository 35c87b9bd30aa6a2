package dev.thirty.papers.charrnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Rng;
import org.junit.jupiter.api.Test;

class TextSamplingTest {

    private static final float[] LOGITS = {0.5f, 2.0f, -1.0f, 1.5f};

    @Test
    void topOneAlwaysPicksTheLikeliestToken() {
        Rng rng = Rng.seeded(1);
        for (int i = 0; i < 200; i++) {
            assertEquals(1, TextSampling.draw(LOGITS, 1.0, 1, rng));
        }
    }

    @Test
    void topKNeverPicksOutsideTheKLikeliest() {
        Rng rng = Rng.seeded(2);
        for (int i = 0; i < 500; i++) {
            int t = TextSampling.draw(LOGITS, 5.0, 2, rng);
            assertTrue(t == 1 || t == 3, "drew " + t);
        }
    }

    /**
     * With 20,000 draws the frequency of each token has a standard error below 0.004, so matching
     * softmax(logits / T) within 0.015 at T = 2 fails for any wrong scaling of the logits.
     */
    @Test
    void frequenciesFollowTheTemperatureScaledSoftmax() {
        double temperature = 2.0;
        double[] p = new double[LOGITS.length];
        double z = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(LOGITS[i] / temperature);
            z += p[i];
        }
        int[] counts = new int[LOGITS.length];
        Rng rng = Rng.seeded(3);
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            counts[TextSampling.draw(LOGITS, temperature, 0, rng)]++;
        }
        for (int i = 0; i < p.length; i++) {
            assertEquals(p[i] / z, counts[i] / (double) n, 0.015, "token " + i);
        }
    }
}
