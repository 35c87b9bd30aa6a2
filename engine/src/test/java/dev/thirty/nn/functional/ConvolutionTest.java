package dev.thirty.nn.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class ConvolutionTest {

    /** The convolution straight from its definition, in double, zero outside the image. */
    private static float[] reference(float[] x, int n, int c, int h, int w, float[] wt, int o, float[] bias,
                                     Window2d win, int groups) {
        int oh = win.outHeight(h);
        int ow = win.outWidth(w);
        int cg = c / groups;
        int og = o / groups;
        float[] y = new float[n * o * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int f = 0; f < o; f++) {
                int g = f / og;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = bias == null ? 0 : bias[f];
                        for (int ch = 0; ch < cg; ch++) {
                            for (int a = 0; a < win.kernelH(); a++) {
                                int r = i * win.strideH() - win.padH() + a * win.dilationH();
                                for (int e = 0; e < win.kernelW(); e++) {
                                    int q = j * win.strideW() - win.padW() + e * win.dilationW();
                                    if (r >= 0 && r < h && q >= 0 && q < w) {
                                        s += (double) wt[((f * cg + ch) * win.kernelH() + a) * win.kernelW() + e]
                                                * x[((b * c + g * cg + ch) * h + r) * w + q];
                                    }
                                }
                            }
                        }
                        y[((b * o + f) * oh + i) * ow + j] = (float) s;
                    }
                }
            }
        }
        return y;
    }

    private static void forwardCase(long seed, int n, int c, int h, int w, int o, Window2d win, int groups,
                                    boolean withBias) {
        RandomGenerator rng = Seeds.generator(seed);
        float[] x = Seeds.normal(rng, n * c * h * w, 0, 1);
        float[] wt = Seeds.normal(rng, o * (c / groups) * win.taps(), 0, 1);
        float[] b = withBias ? Seeds.normal(rng, o, 0, 1) : null;
        Tensor y = Convolution.conv2d(Tensor.of(x, n, c, h, w), Tensor.of(wt, o, c / groups, win.kernelH(),
                win.kernelW()), withBias ? Tensor.vector(b) : null, win, groups);
        assertEquals(Shape.of(n, o, win.outHeight(h), win.outWidth(w)), y.shape(), win.describe());
        FloatAssert.assertClose("conv2d " + win.describe() + " groups " + groups,
                reference(x, n, c, h, w, wt, o, b, win, groups), y.toArray(), Tolerance.of(1e-4, 1e-4));
    }

    @Test
    void forwardMatchesTheDefinition() {
        forwardCase(1, 2, 3, 7, 6, 4, Window2d.square(3, 1, 1), 1, true);
        forwardCase(2, 2, 4, 9, 8, 6, Window2d.square(3, 2, 1), 2, true);
        forwardCase(3, 1, 3, 11, 10, 5, Window2d.square(3, 1, 2).dilated(2), 1, false);
        forwardCase(4, 3, 6, 8, 9, 6, new Window2d(2, 3, 2, 1, 0, 1, 1, 2, Rounding.FLOOR), 3, true);
        forwardCase(5, 2, 3, 13, 13, 4, Window2d.square(5, 4, 0).rounded(Rounding.CEIL), 1, true);
        forwardCase(6, 1, 4, 5, 5, 4, Window2d.square(1, 1, 0), 4, true);
    }

    @Test
    void alexNetsFirstLayerMaps224To55WithCeilRounding() {
        Window2d conv1 = Window2d.square(11, 4, 0).rounded(Rounding.CEIL);
        assertEquals(55, conv1.outHeight(224));
        assertEquals(54, Window2d.square(11, 4, 0).outHeight(224));
    }

    private static void gradCase(String name, long seed, int n, int c, int h, int w, int o, Window2d win, int groups) {
        RandomGenerator rng = Seeds.generator(seed);
        TensorGradCheck.check(name, t -> Convolution.conv2d(t[0], t[1], t[2], win, groups), rng,
                Input.of(Seeds.normal(rng, n * c * h * w, 0, 1), n, c, h, w),
                Input.of(Seeds.normal(rng, o * (c / groups) * win.taps(), 0, 0.5f), o, c / groups, win.kernelH(),
                        win.kernelW()),
                Input.of(Seeds.normal(rng, o, 0, 1), o));
    }

    @Test
    void backwardMatchesFiniteDifferencesForStridePaddingDilationGroupsAndOddSizes() {
        gradCase("conv2d 3x3/1 pad 1", 11, 2, 3, 5, 6, 4, Window2d.square(3, 1, 1), 1);
        gradCase("conv2d 3x3/2 pad 1 groups 2", 12, 2, 4, 7, 7, 6, Window2d.square(3, 2, 1), 2);
        gradCase("conv2d 3x3 dilation 2 pad 2", 13, 1, 2, 7, 6, 3, Window2d.square(3, 1, 2).dilated(2), 1);
        gradCase("conv2d 2x3 mixed", 14, 2, 6, 7, 5, 3, new Window2d(2, 3, 2, 1, 1, 0, 2, 1, Rounding.FLOOR), 3);
        gradCase("conv2d 4x4/3 ceil", 15, 1, 2, 9, 10, 2, Window2d.square(4, 3, 1).rounded(Rounding.CEIL), 1);
    }

    @Test
    void backwardWithoutBiasAndWithAFrozenWeight() {
        RandomGenerator rng = Seeds.generator(16);
        Window2d win = Window2d.square(3, 1, 1);
        TensorGradCheck.check("conv2d without bias", t -> Convolution.conv2d(t[0], t[1], null, win, 1), rng,
                Input.of(Seeds.normal(rng, 2 * 2 * 5 * 5, 0, 1), 2, 2, 5, 5),
                Input.of(Seeds.normal(rng, 3 * 2 * 9, 0, 0.5f), 3, 2, 3, 3));
        TensorGradCheck.check("conv2d, weight frozen", t -> Convolution.conv2d(t[0], t[1], t[2], win, 1), rng,
                Input.of(Seeds.normal(rng, 2 * 2 * 5 * 5, 0, 1), 2, 2, 5, 5),
                Input.constant(Seeds.normal(rng, 3 * 2 * 9, 0, 0.5f), 3, 2, 3, 3),
                Input.of(Seeds.normal(rng, 3, 0, 1), 3));
    }

    @Test
    void frozenWeightGetsNoGradientAndBiasGradientIsTheSumOfDy() {
        Tensor x = Tensor.randn(Seeds.generator(17), 2, 2, 4, 4);
        Tensor w = Tensor.randn(Seeds.generator(18), 3, 2, 3, 3);
        Tensor b = Tensor.zeros(3).requiringGrad();
        Tensor y = Convolution.conv2d(x, w, b, Window2d.square(3, 1, 1), 1);
        y.backward(Tensor.ones(2, 3, 4, 4));
        assertNull(w.grad(), "the frozen weight has no gradient");
        FloatAssert.assertClose("dbias", new float[] {32, 32, 32}, b.grad().toArray(), Tolerance.of(0, 0));
    }

    @Test
    void shapeMistakesAreNamed() {
        Tensor x = Tensor.zeros(1, 4, 5, 5);
        Window2d win = Window2d.square(3, 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv2d(x, Tensor.zeros(2, 3, 3, 3), null, win, 1));
        assertTrue(e.getMessage().contains("needs (2, 4, 3, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv2d(x, Tensor.zeros(3, 2, 3, 3), null, win, 2));
        assertTrue(e.getMessage().contains("groups 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv2d(x, Tensor.zeros(2, 4, 3, 3), Tensor.zeros(3), win, 1));
        assertTrue(e.getMessage().contains("bias"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv2d(Tensor.zeros(4, 5, 5), Tensor.zeros(2, 4, 3, 3), null, win, 1));
        assertTrue(e.getMessage().contains("(N, C, H, W)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv2d(Tensor.zeros(1, 4, 2, 2), Tensor.zeros(2, 4, 3, 3), null, win, 1));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv2d(x, Tensor.zeros(2, 4, 3, 3), null, null, 1));
        assertTrue(e.getMessage().contains("window"), e.getMessage());
    }
}
