package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.data.PcaColour.Magnitude;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PcaColourTest {

    /** Pixels whose RGB is {@code t * (1, 2, 2) / 3} plus a little independent noise: one dominant axis. */
    private static Tensor alongOneAxis(int n, Rng rng) {
        int plane = 16;
        float[] x = new float[n * 3 * plane];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < plane; k++) {
                double t = 50 * rng.nextGaussian();
                double[] dir = {1 / 3.0, 2 / 3.0, 2 / 3.0};
                for (int c = 0; c < 3; c++) {
                    x[(i * 3 + c) * plane + k] = (float) (128 + t * dir[c] + rng.nextGaussian());
                }
            }
        }
        return Tensor.wrap(x, Shape.of(n, 3, 4, 4));
    }

    @Test
    void fitFindsTheDominantColourAxisAndItsVariance() {
        PcaColour pca = PcaColour.fit(alongOneAxis(500, Rng.seeded(2)));
        double[] p1 = pca.eigen().vectors()[0];
        double sign = Math.signum(p1[0]);
        assertArrayEquals(new double[] {1 / 3.0, 2 / 3.0, 2 / 3.0}, new double[] {sign * p1[0], sign * p1[1],
            sign * p1[2]}, 0.01);
        assertEquals(2500 + 1, pca.eigen().values()[0], 2500 * 0.05, "variance 50^2 along the axis, plus noise");
        assertEquals(1, pca.eigen().values()[2], 0.2, "the noise variance across it");
    }

    @Test
    void jitterShiftsEachImageByOneColourAlongThePrincipalAxesAndIsSeeded() {
        Tensor images = alongOneAxis(64, Rng.seeded(3));
        PcaColour pca = PcaColour.fit(images);
        Tensor a = pca.jitter(images, PcaColour.PAPER_SIGMA, Magnitude.ROOT_EIGENVALUE, Rng.seeded(11));
        assertArrayEquals(a.data(), pca.jitter(images, 0.1, Magnitude.ROOT_EIGENVALUE, Rng.seeded(11)).data());
        Rng rng = Rng.seeded(11);
        for (int n = 0; n < 64; n++) {
            double[] expected = new double[3];
            for (int i = 0; i < 3; i++) {
                double alpha = 0.1 * rng.nextGaussian();
                for (int c = 0; c < 3; c++) {
                    expected[c] += alpha * Math.sqrt(pca.eigen().values()[i]) * pca.eigen().vectors()[i][c];
                }
            }
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < 16; k++) {
                    double shift = a.get(n, c, k / 4, k % 4) - images.get(n, c, k / 4, k % 4);
                    assertEquals(expected[c], shift, 1e-4, "image " + n + " channel " + c + " pixel " + k);
                }
            }
        }
        Tensor literal = pca.jitter(images, 0.1, Magnitude.EIGENVALUE, Rng.seeded(11));
        double ratio = (literal.get(0, 0, 0, 0) - images.get(0, 0, 0, 0)) / (a.get(0, 0, 0, 0) - images.get(0, 0, 0, 0));
        assertTrue(Math.abs(ratio) > 5, "the literal eigenvalue scales shifts by ~sqrt(lambda): " + ratio);
    }

    @Test
    void greyImagesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PcaColour.fit(Tensor.zeros(2, 1, 4, 4)));
    }
}
