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

class SoftmaxTest {

    private static final int[] SHAPE = {3, 4, 5};

    /** Softmax along {@code axis} of a (d0, d1, d2) block, in double, by explicit index loops. */
    private static float[] reference(float[] x, int[] shape, int axis, boolean log) {
        int[] strides = Shape.of(shape).strides();
        float[] out = new float[x.length];
        for (int flat = 0; flat < x.length; flat++) {
            int pos = (flat / strides[axis]) % shape[axis];
            int start = flat - pos * strides[axis];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < shape[axis]; k++) {
                max = Math.max(max, x[start + k * strides[axis]]);
            }
            double sum = 0;
            for (int k = 0; k < shape[axis]; k++) {
                sum += Math.exp(x[start + k * strides[axis]] - max);
            }
            double z = x[flat] - max;
            out[flat] = (float) (log ? z - Math.log(sum) : Math.exp(z) / sum);
        }
        return out;
    }

    @Test
    void softmaxMatchesReferenceAlongEveryAxis() {
        RandomGenerator rng = Seeds.generator(11);
        float[] x = Seeds.uniform(rng, 60, -3, 3);
        for (int axis = 0; axis < 3; axis++) {
            Tensor y = Softmax.softmax(Tensor.of(x, SHAPE), axis);
            assertEquals(Shape.of(SHAPE), y.shape());
            FloatAssert.assertClose("softmax axis " + axis, reference(x, SHAPE, axis, false), y.toArray(),
                    SHAPE, Tolerance.of(1e-6, 1e-5));
            Tensor ly = Softmax.logSoftmax(Tensor.of(x, SHAPE), axis - 3);
            FloatAssert.assertClose("logSoftmax axis " + axis, reference(x, SHAPE, axis, true), ly.toArray(),
                    SHAPE, Tolerance.of(1e-5, 1e-5));
        }
    }

    @Test
    void softmaxRowsSumToOne() {
        RandomGenerator rng = Seeds.generator(12);
        float[] y = Softmax.softmax(Tensor.of(Seeds.normal(rng, 7 * 33, 0, 5), 7, 33), -1).toArray();
        for (int r = 0; r < 7; r++) {
            double sum = 0;
            for (int j = 0; j < 33; j++) {
                sum += y[r * 33 + j];
            }
            assertEquals(1.0, sum, 1e-5, "row " + r);
        }
    }

    @Test
    void softmaxIsStableForLargeLogits() {
        float[] big = {1000f, 1001f, 1002f, -1000f};
        float[] expected = reference(new float[] {0f, 1f, 2f, -2000f}, new int[] {4}, 0, false);
        FloatAssert.assertClose("softmax of large logits", expected,
                Softmax.softmax(Tensor.vector(big), 0).toArray(), Tolerance.of(1e-6, 1e-5));
        float[] logExpected = reference(new float[] {0f, 1f, 2f, -2000f}, new int[] {4}, 0, true);
        FloatAssert.assertClose("logSoftmax of large logits", logExpected,
                Softmax.logSoftmax(Tensor.vector(big), 0).toArray(), Tolerance.of(1e-4, 1e-6));
    }

    @Test
    void softmaxBackwardMatchesFiniteDifferencesAlongFirstMiddleAndLastAxis() {
        RandomGenerator rng = Seeds.generator(13);
        for (int axis = 0; axis < 3; axis++) {
            int a = axis;
            TensorGradCheck.check("softmax axis " + a, x -> Softmax.softmax(x[0], a), rng,
                    Input.of(Seeds.uniform(rng, 60, -2, 2), SHAPE));
        }
    }

    @Test
    void logSoftmaxBackwardMatchesFiniteDifferencesAlongFirstMiddleAndLastAxis() {
        RandomGenerator rng = Seeds.generator(14);
        for (int axis = 0; axis < 3; axis++) {
            int a = axis;
            TensorGradCheck.check("logSoftmax axis " + a, x -> Softmax.logSoftmax(x[0], a), rng,
                    Input.of(Seeds.uniform(rng, 60, -2, 2), SHAPE));
        }
    }

    @Test
    void largeInputsGiveIdenticalResultsForAnyThreadCount() {
        RandomGenerator rng = Seeds.generator(15);
        float[] x = Seeds.normal(rng, 300 * 257, 0, 2);
        float[] w = Seeds.uniform(rng, x.length, -1, 1);
        float[][] one = softmaxAndGrad(ComputePool.ofThreads(1), x, w);
        float[][] three = softmaxAndGrad(ComputePool.ofThreads(3), x, w);
        FloatAssert.assertIdentical("forward", one[0], three[0]);
        FloatAssert.assertIdentical("backward", one[1], three[1]);
        FloatAssert.assertClose("chunked forward against reference", reference(x, new int[] {300, 257}, 1, false),
                three[0], Tolerance.of(1e-6, 1e-5));
    }

    private static float[][] softmaxAndGrad(ComputePool pool, float[] x, float[] w) {
        try (pool) {
            return pool.call(() -> {
                Tensor leaf = Tensor.of(x, 300, 257).requiringGrad();
                Tensor y = Softmax.softmax(leaf, 1);
                y.backward(Tensor.of(w, 300, 257));
                return new float[][] {y.toArray(), leaf.grad().toArray()};
            });
        }
    }

    @Test
    void scalarInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Softmax.softmax(Tensor.scalar(1f), 0));
        assertEquals("softmax: needs at least one axis, got a scalar", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Softmax.logSoftmax(Tensor.zeros(2, 3), 2));
    }
}
