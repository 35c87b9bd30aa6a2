package dev.thirty.nn.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.kernels.PoolMode;
import dev.thirty.kernels.Rounding;
import dev.thirty.kernels.Window2d;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import dev.thirty.testing.TensorGradCheck;
import dev.thirty.testing.TensorGradCheck.Input;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class PoolingTest {

    /** Pooling from its definition: max over the window's taps inside the image, or their sum over a divisor. */
    private static float[] reference(float[] x, int planes, int h, int w, Window2d win, PoolMode mode) {
        int oh = win.outHeight(h);
        int ow = win.outWidth(w);
        float[] y = new float[planes * oh * ow];
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double best = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    int inside = 0;
                    int padded = 0;
                    for (int a = 0; a < win.kernelH(); a++) {
                        int r = i * win.strideH() - win.padH() + a;
                        for (int b = 0; b < win.kernelW(); b++) {
                            int q = j * win.strideW() - win.padW() + b;
                            if (r < h + win.padH() && q < w + win.padW()) {
                                padded++;
                            }
                            if (r >= 0 && r < h && q >= 0 && q < w) {
                                double v = x[(p * h + r) * w + q];
                                best = Math.max(best, v);
                                sum += v;
                                inside++;
                            }
                        }
                    }
                    y[(p * oh + i) * ow + j] = (float) switch (mode) {
                        case MAX -> best;
                        case AVERAGE_EXCLUDING_PADDING -> sum / inside;
                        case AVERAGE_INCLUDING_PADDING -> sum / padded;
                    };
                }
            }
        }
        return y;
    }

    /** A random permutation of 0.1, 0.2, ... so that no two taps of a window are within the check's step. */
    private static float[] separated(RandomGenerator rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.1f * (i + 1) - 0.05f * n;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return v;
    }

    private static final Window2d[] WINDOWS = {
        Window2d.square(3, 2, 0),
        Window2d.square(3, 2, 1),
        Window2d.square(2, 2, 0),
        Window2d.square(3, 2, 1).rounded(Rounding.CEIL),
        new Window2d(2, 3, 1, 2, 1, 1, 1, 1, Rounding.CEIL),
    };

    @Test
    void forwardMatchesTheDefinitionForEveryMode() {
        RandomGenerator rng = Seeds.generator(21);
        for (Window2d win : WINDOWS) {
            for (PoolMode mode : PoolMode.values()) {
                float[] x = Seeds.normal(rng, 2 * 3 * 7 * 8, 0, 1);
                Tensor y = Pooling.pool2d(Tensor.of(x, 2, 3, 7, 8), win, mode);
                assertEquals(Shape.of(2, 3, win.outHeight(7), win.outWidth(8)), y.shape());
                FloatAssert.assertClose(mode + " " + win.describe(), reference(x, 6, 7, 8, win, mode), y.toArray(),
                        Tolerance.of(1e-6, 1e-6));
            }
        }
    }

    @Test
    void cudaConvnetAveragePoolingTakes32To16To8To4() {
        Window2d avg = Window2d.square(3, 2, 0).rounded(Rounding.CEIL);
        assertEquals(16, avg.outHeight(32));
        assertEquals(8, avg.outHeight(16));
        assertEquals(4, avg.outHeight(8));
        // The last window of a row hangs over the edge: only two taps are inside, and their mean is taken.
        float[] row = {1, 2, 3, 4};
        Tensor y = Pooling.avgPool2d(Tensor.of(row, 1, 1, 1, 4), new Window2d(1, 3, 1, 2, 0, 0, 1, 1, Rounding.CEIL),
                PoolMode.AVERAGE_EXCLUDING_PADDING);
        FloatAssert.assertClose("edge window", new float[] {2, 3.5f}, y.toArray(), Tolerance.of(0, 0));
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        RandomGenerator rng = Seeds.generator(22);
        for (Window2d win : WINDOWS) {
            for (PoolMode mode : PoolMode.values()) {
                TensorGradCheck.check(mode + " " + win.describe(), t -> Pooling.pool2d(t[0], win, mode), rng,
                        Input.of(separated(rng, 2 * 2 * 7 * 6), 2, 2, 7, 6));
            }
        }
    }

    @Test
    void maxPoolingSendsATiedWindowsGradientToItsFirstMaximum() {
        Tensor x = Tensor.of(new float[] {5, 5, 5, 5}, 1, 1, 2, 2).requiringGrad();
        Pooling.maxPool2d(x, Window2d.square(2, 2, 0)).backward(Tensor.ones(1, 1, 1, 1));
        FloatAssert.assertClose("tie", new float[] {1, 0, 0, 0}, x.grad().toArray(), Tolerance.of(0, 0));
    }

    @Test
    void globalAveragePoolingAndFlatten() {
        RandomGenerator rng = Seeds.generator(23);
        float[] x = Seeds.normal(rng, 2 * 3 * 4 * 5, 0, 1);
        Tensor y = Pooling.globalAvgPool2d(Tensor.of(x, 2, 3, 4, 5));
        assertEquals(Shape.of(2, 3), y.shape());
        float[] expected = new float[6];
        for (int p = 0; p < 6; p++) {
            double s = 0;
            for (int i = 0; i < 20; i++) {
                s += x[p * 20 + i];
            }
            expected[p] = (float) (s / 20);
        }
        FloatAssert.assertClose("globalAvgPool2d", expected, y.toArray(), Tolerance.of(1e-6, 1e-6));
        TensorGradCheck.check("globalAvgPool2d", t -> Pooling.globalAvgPool2d(t[0]), rng,
                Input.of(Seeds.normal(rng, 2 * 3 * 3 * 3, 0, 1), 2, 3, 3, 3));

        Tensor f = Pooling.flatten(Tensor.of(x, 2, 3, 4, 5));
        assertEquals(Shape.of(2, 60), f.shape());
        FloatAssert.assertIdentical("flatten keeps the order", x, f.toArray());
        TensorGradCheck.check("flatten", t -> Pooling.flatten(t[0]), rng,
                Input.of(Seeds.normal(rng, 2 * 3 * 2 * 2, 0, 1), 2, 3, 2, 2));
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pooling.maxPool2d(Tensor.zeros(3, 4, 4), Window2d.square(2, 2, 0)));
        assertTrue(e.getMessage().contains("(N, C, H, W)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Pooling.maxPool2d(Tensor.zeros(1, 1, 2, 2), Window2d.square(3, 1, 0)));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Pooling.avgPool2d(Tensor.zeros(1, 1, 4, 4), Window2d.square(2, 2, 0), PoolMode.MAX));
        assertTrue(e.getMessage().contains("average"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pooling.globalAvgPool2d(Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("(N, C, H, W)"), e.getMessage());
    }
}
