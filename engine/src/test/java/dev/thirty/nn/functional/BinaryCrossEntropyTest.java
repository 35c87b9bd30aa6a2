package dev.thirty.nn.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import dev.thirty.testing.TensorGradCheck;
import dev.thirty.testing.TensorGradCheck.Input;
import org.junit.jupiter.api.Test;

class BinaryCrossEntropyTest {

    @Test
    void valuesAreTheDefinitionEvenForLargeLogits() {
        Tensor x = Tensor.vector(0f, 2f, -3f, 80f, -80f);
        Tensor t = Tensor.vector(1f, 0f, 0.25f, 1f, 1f);
        float[] each = BinaryCrossEntropy.withLogits(x, t, Reduction.NONE).toArray();
        assertEquals(Math.log(2), each[0], 1e-6);
        assertEquals(-Math.log(1 - 1 / (1 + Math.exp(-2))), each[1], 1e-6);
        double s = 1 / (1 + Math.exp(3));
        assertEquals(-(0.25 * Math.log(s) + 0.75 * Math.log(1 - s)), each[2], 1e-6);
        assertEquals(0f, each[3], 1e-6f);            // confident and right: no overflow, no NaN
        assertEquals(80f, each[4], 1e-4f);           // confident and wrong: -log sigma(-80) = 80
        float sum = 0;
        for (float v : each) {
            sum += v;
        }
        assertEquals(sum, BinaryCrossEntropy.withLogits(x, t, Reduction.SUM).item(), 1e-4f);
        assertEquals(sum / 5, BinaryCrossEntropy.withLogits(x, t, Reduction.MEAN).item(), 1e-4f);
    }

    @Test
    void gradientIsSigmoidMinusTarget() {
        Rng rng = Rng.seeded(2);
        float[] t = new float[12];
        for (int i = 0; i < t.length; i++) {
            t[i] = rng.nextFloat();
        }
        for (Reduction r : Reduction.values()) {
            TensorGradCheck.check("bce " + r, x -> BinaryCrossEntropy.withLogits(x[0], x[1], r), rng,
                    Input.of(Tensor.randn(rng, 3, 4).mul(3f).toArray(), 3, 4), Input.constant(t, 3, 4));
        }
    }

    @Test
    void badInputIsNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> BinaryCrossEntropy.withLogits(Tensor.zeros(2, 3), Tensor.zeros(3, 2), Reduction.MEAN));
        assertTrue(e.getMessage().contains("same shape"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BinaryCrossEntropy.withLogits(Tensor.zeros(2), Tensor.vector(0.5f, 2f), Reduction.MEAN));
        assertTrue(e.getMessage().contains("target 1 is 2.0"), e.getMessage());
    }
}
