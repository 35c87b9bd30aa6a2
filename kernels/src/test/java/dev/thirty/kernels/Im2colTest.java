package dev.thirty.kernels;

import static dev.thirty.testkit.FloatAssert.assertIdentical;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The patch matrix against its definition, element by element: at stride 1 (the padded-buffer
 * path) and at stride 2 (the direct one), with padding, dilation, groups and odd sizes. The fold
 * adds into a dx that already holds values, in the definition's order, so it must match bit for bit.
 */
class Im2colTest {

    private static final Window2d[] WINDOWS = {
        Window2d.square(5, 1, 2), Window2d.square(3, 1, 0), new Window2d(3, 2, 1, 1, 2, 1, 2, 3, Rounding.FLOOR),
        Window2d.square(3, 2, 1), new Window2d(2, 3, 2, 1, 1, 0, 1, 2, Rounding.CEIL)};

    @Test
    void unfoldAndFoldFollowTheDefinition() {
        SplittableRandom rng = new SplittableRandom(5);
        for (Window2d win : WINDOWS) {
            Conv2dShape s = new Conv2dShape(2, 4, 9, 7 + rng.nextInt(4), 6, win, 2);
            float[] x = random(rng, s.inputSize());
            for (int n = 0; n < s.batch(); n++) {
                for (int g = 0; g < s.groups(); g++) {
                    float[] cols = new float[s.patchSize() * s.outPlane()];
                    java.util.Arrays.fill(cols, Float.NaN);
                    Im2col.unfold(s, x, n, g, cols);
                    assertIdentical("unfold " + win.describe(), definition(s, x, n, g), cols);

                    float[] grad = random(rng, cols.length);
                    float[] dx = random(rng, s.inputSize());
                    float[] expected = dx.clone();
                    foldByDefinition(s, grad, n, g, expected);
                    Im2col.foldAdd(s, grad, n, g, dx);
                    assertIdentical("fold " + win.describe(), expected, dx);
                }
            }
        }
    }

    private static float[] random(SplittableRandom rng, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return a;
    }

    /** The input index that patch row {@code row}, output position (i, j) reads, or -1 in the padding. */
    private static int source(Conv2dShape s, int n, int g, int row, int i, int j) {
        Window2d w = s.window();
        int taps = w.kernelH() * w.kernelW();
        int c = row / taps;
        int a = row % taps / w.kernelW();
        int b = row % w.kernelW();
        int r = i * w.strideH() - w.padH() + a * w.dilationH();
        int q = j * w.strideW() - w.padW() + b * w.dilationW();
        if (r < 0 || r >= s.height() || q < 0 || q >= s.width()) {
            return -1;
        }
        return ((n * s.inChannels() + g * s.groupInChannels() + c) * s.height() + r) * s.width() + q;
    }

    private static float[] definition(Conv2dShape s, float[] x, int n, int g) {
        int p = s.outPlane();
        float[] cols = new float[s.patchSize() * p];
        for (int row = 0; row < s.patchSize(); row++) {
            for (int i = 0; i < s.outHeight(); i++) {
                for (int j = 0; j < s.outWidth(); j++) {
                    int at = source(s, n, g, row, i, j);
                    cols[row * p + i * s.outWidth() + j] = at < 0 ? 0f : x[at];
                }
            }
        }
        return cols;
    }

    private static void foldByDefinition(Conv2dShape s, float[] cols, int n, int g, float[] dx) {
        int p = s.outPlane();
        for (int row = 0; row < s.patchSize(); row++) {
            for (int i = 0; i < s.outHeight(); i++) {
                for (int j = 0; j < s.outWidth(); j++) {
                    int at = source(s, n, g, row, i, j);
                    if (at >= 0) {
                        dx[at] += cols[row * p + i * s.outWidth() + j];
                    }
                }
            }
        }
    }
}
