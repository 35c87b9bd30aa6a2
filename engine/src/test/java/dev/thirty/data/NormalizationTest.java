package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void fittedStatisticsStandardiseEachChannel() {
        RandomGenerator rng = Seeds.generator(11);
        int n = 6;
        int channels = 3;
        int plane = 4 * 5;
        float[] x = new float[n * channels * plane];
        for (int i = 0; i < x.length; i++) {
            int c = (i / plane) % channels;
            x[i] = (float) (c * 10 + (c + 1) * rng.nextGaussian());
        }
        Tensor images = Tensor.of(x, n, channels, 4, 5);
        Normalization norm = Normalization.fit(images);
        Normalization again = Normalization.fit(norm.apply(images));
        for (int c = 0; c < channels; c++) {
            assertEquals(0, again.mean()[c], 1e-5, "mean of channel " + c);
            assertEquals(1, again.std()[c], 1e-5, "std of channel " + c);
        }
    }

    @Test
    void applyUsesTheGivenStatistics() {
        Normalization norm = new Normalization(new float[] {0.5f, 1f}, new float[] {0.25f, 2f});
        Tensor out = norm.apply(Tensor.of(new float[] {1, 0, 3, 5}, 1, 2, 2));
        assertEquals(2f, out.get(0, 0, 0));
        assertEquals(-2f, out.get(0, 0, 1));
        assertEquals(1f, out.get(0, 1, 0));
        assertEquals(2f, out.get(0, 1, 1));
    }

    @Test
    void zeroStdAndChannelMismatchAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[] {0}, new float[] {0}));
        Normalization norm = new Normalization(new float[] {0, 0}, new float[] {1, 1});
        assertThrows(IllegalArgumentException.class, () -> norm.apply(Tensor.zeros(2, 3, 4)));
    }
}
