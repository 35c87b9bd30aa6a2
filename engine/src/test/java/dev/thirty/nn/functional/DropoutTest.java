package dev.thirty.nn.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Tensor;
import dev.thirty.testing.TensorGradCheck;
import dev.thirty.testing.TensorGradCheck.Input;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DropoutTest {

    @Test
    void sameSeedGivesTheSameMask() {
        Tensor x = Tensor.ones(40, 25);
        float[] a = Dropout.dropout(x, 0.3f, Seeds.generator(41)).toArray();
        float[] b = Dropout.dropout(x, 0.3f, Seeds.generator(41)).toArray();
        float[] c = Dropout.dropout(x, 0.3f, Seeds.generator(42)).toArray();
        FloatAssert.assertIdentical("same seed", a, b);
        assertTrue(FloatAssert.maxAbsDifference(a, c) > 0, "a different seed gives a different mask");
    }

    @Test
    void droppedFractionIsPWithinFiveBinomialStandardDeviations() {
        int n = 20_000;
        float p = 0.3f;
        float[] y = Dropout.dropout(Tensor.ones(n), p, Seeds.generator(43)).toArray();
        int zeros = 0;
        for (float v : y) {
            zeros += v == 0f ? 1 : 0;
        }
        // Zeros ~ Binomial(n, p): sd = sqrt(n p (1 - p)) = 64.8; five sd is about 324 (1.6 %).
        double sd = Math.sqrt(n * p * (1 - p));
        assertEquals(n * p, zeros, 5 * sd, "dropped count");
    }

    @Test
    void keptValuesAreScaledByOneOverOneMinusP() {
        RandomGenerator rng = Seeds.generator(44);
        float[] x = Seeds.awayFromZero(rng, 500, -2, 2, 0.1f);
        float p = 0.25f;
        float[] y = Dropout.dropout(Tensor.of(x, 500), p, Seeds.generator(45)).toArray();
        int kept = 0;
        for (int i = 0; i < x.length; i++) {
            if (y[i] != 0f) {
                kept++;
                assertEquals(x[i] / (1 - p), y[i], 1e-6f * Math.abs(y[i]), "element " + i);
            }
        }
        assertTrue(kept > 300 && kept < 450, "kept " + kept + " of 500");
    }

    @Test
    void gradientFlowsOnlyThroughKeptElements() {
        float p = 0.5f;
        Tensor x = Tensor.of(Seeds.awayFromZero(Seeds.generator(46), 64, -1, 1, 0.1f), 8, 8).requiringGrad();
        Tensor y = Dropout.dropout(x, p, Seeds.generator(47));
        y.backward(Tensor.ones(8, 8));
        float[] yv = y.toArray();
        float[] g = x.grad().toArray();
        for (int i = 0; i < yv.length; i++) {
            assertEquals(yv[i] == 0f ? 0f : 1f / (1 - p), g[i], 0f, "gradient at " + i);
        }
    }

    @Test
    void backwardMatchesFiniteDifferencesForAFixedMask() {
        RandomGenerator rng = Seeds.generator(48);
        float[] x = Seeds.uniform(rng, 30, -1, 1);
        // The op reseeds per call, so every forward of the check sees the same mask.
        TensorGradCheck.check("dropout", t -> Dropout.dropout(t[0], 0.4f, Seeds.generator(49)), rng,
                Input.of(x, 5, 6));
    }

    @Test
    void zeroProbabilityReturnsTheInputUnchanged() {
        Tensor x = Tensor.ones(3, 3);
        assertSame(x, Dropout.dropout(x, 0f, Seeds.generator(50)));
    }

    @Test
    void probabilityOutsideZeroToOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dropout.dropout(Tensor.ones(2), 1f, Seeds.generator(51)));
        assertEquals("dropout: p must be in [0, 1), got 1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dropout.dropout(Tensor.ones(2), -0.1f, Seeds.generator(51)));
        assertThrows(IllegalArgumentException.class,
                () -> Dropout.dropout(Tensor.ones(2), Float.NaN, Seeds.generator(51)));
    }

    @Test
    void dropout2dZeroesOrScalesWholeChannelsAndItsGradientIsTheMask() {
        float p = 0.5f;
        float[] xv = Seeds.awayFromZero(Seeds.generator(52), 4 * 6 * 3 * 3, -1, 1, 0.1f);
        Tensor x = Tensor.of(xv, 4, 6, 3, 3).requiringGrad();
        Tensor y = Dropout.dropout2d(x, p, Seeds.generator(53));
        float[] dy = Seeds.normal(Seeds.generator(54), xv.length, 0, 1);
        y.backward(Tensor.of(dy, 4, 6, 3, 3));
        float[] yv = y.toArray();
        float[] g = x.grad().toArray();
        int dropped = 0;
        for (int plane = 0; plane < 24; plane++) {
            boolean zero = yv[plane * 9] == 0f;
            dropped += zero ? 1 : 0;
            float scale = zero ? 0f : 1f / (1 - p);
            for (int i = plane * 9; i < plane * 9 + 9; i++) {
                assertEquals(xv[i] * scale, yv[i], 1e-6f, "value " + i + " of plane " + plane);
                assertEquals(dy[i] * scale, g[i], 1e-6f, "gradient " + i + " of plane " + plane);
            }
        }
        assertTrue(dropped > 3 && dropped < 21, "dropped " + dropped + " of 24 channels");
        FloatAssert.assertIdentical("same seed, same mask", yv,
                Dropout.dropout2d(Tensor.of(xv, 4, 6, 3, 3), p, Seeds.generator(53)).toArray());
    }

    @Test
    void dropout2dRefusesBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dropout.dropout2d(Tensor.ones(2, 3), 0.5f, Seeds.generator(55)));
        assertTrue(e.getMessage().contains("(N, C, H, W)"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Dropout.dropout2d(Tensor.ones(1, 1, 2, 2), 1f, Seeds.generator(55)));
        Tensor x = Tensor.ones(1, 2, 2, 2);
        assertSame(x, Dropout.dropout2d(x, 0f, Seeds.generator(55)));
    }
}
