package dev.thirty.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The scalar reference against values worked out by hand, and the window arithmetic against the
 * sizes the papers give.
 */
class ConvReferenceTest {

    private static final ConvKernels REF = new ScalarConv();

    @Test
    void alexNetAndCudaConvnetOutputSizesFollowTheirRounding() {
        Window2d conv1 = new Window2d(11, 11, 4, 4, 0, 0, 1, 1, Rounding.CEIL);
        assertEquals(55, conv1.outHeight(224), "AlexNet conv1 on 224 with cuda-convnet's ceil");
        assertEquals(54, conv1.rounded(Rounding.FLOOR).outHeight(224), "floor gives 54: the 224/227 puzzle");
        assertEquals(55, Window2d.square(11, 4, 0).outHeight(227));
        Window2d pool = Window2d.square(3, 2, 0).rounded(Rounding.CEIL);
        assertEquals(16, pool.outHeight(32));
        assertEquals(8, pool.outHeight(16));
        assertEquals(4, pool.outHeight(8));
        assertEquals(27, Window2d.square(3, 2, 0).outHeight(55));
        assertEquals(16, Window2d.square(3, 2, 1).outHeight(32), "TF-tutorial pooling, pad 1");
    }

    @Test
    void windowLargerThanPaddedInputIsRefusedNamingTheSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2dShape(1, 1, 4, 4, 1, Window2d.square(5, 1, 0), 1));
        assertTrue(e.getMessage().contains("spans 5") && e.getMessage().contains("only 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2dShape(1, 3, 4, 4, 4, Window2d.square(1, 1, 0), 2));
        assertTrue(e.getMessage().contains("groups 2"), e.getMessage());
    }

    @Test
    void convolutionOfAKnownImageGivesHandComputedValues() {
        // 1x1x3x3 image 1..9, a 2x2 kernel [[1, 0], [0, -1]], padding 1, stride 2, bias 0.5.
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] w = {1, 0, 0, -1};
        Conv2dShape s = new Conv2dShape(1, 1, 3, 3, 1, Window2d.square(2, 2, 1), 1);
        float[] y = new float[s.outputSize()];
        REF.conv2d(s, x, w, new float[] {0.5f}, y);
        // windows start at rows/cols -1 and 1: y = x[r][c] - x[r+1][c+1], zero outside the image
        assertArrayEquals(new float[] {0.5f - 1, 0.5f - 3, 0.5f - 7, 0.5f + 5 - 9}, y);
    }

    @Test
    void dilatedGroupedConvolutionReadsOnlyItsGroupAndSpacedTaps() {
        // two groups of one channel; group 0 kernel [1, 1] dilation 2 on row [1, 2, 3]; group 1 kernel [2, 0]
        float[] x = {1, 2, 3, 10, 20, 30};
        float[] w = {1, 1, 2, 0};
        Conv2dShape s = new Conv2dShape(1, 2, 1, 3, 2, new Window2d(1, 2, 1, 1, 0, 0, 1, 2, Rounding.FLOOR), 2);
        float[] y = new float[s.outputSize()];
        REF.conv2d(s, x, w, null, y);
        assertArrayEquals(new float[] {1 + 3, 2 * 10}, y);
    }

    @Test
    void averagePoolingDividesByTheCountOfTheChosenRegion() {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        Window2d win = Window2d.square(2, 2, 1);
        float[] incl = new float[4];
        float[] excl = new float[4];
        REF.pool2d(new Pool2dShape(1, 1, 3, 3, win, PoolMode.AVERAGE_INCLUDING_PADDING), x, incl, null);
        REF.pool2d(new Pool2dShape(1, 1, 3, 3, win, PoolMode.AVERAGE_EXCLUDING_PADDING), x, excl, null);
        assertArrayEquals(new float[] {1 / 4f, 5 / 4f, 11 / 4f, 28 / 4f}, incl);
        assertArrayEquals(new float[] {1f, 5 / 2f, 11 / 2f, 28 / 4f}, excl);
        // cuda-convnet: a 3/2 window hanging off a 4-wide row divides by the pixels inside
        float[] row = {1, 2, 3, 4};
        float[] out = new float[2];
        REF.pool2d(new Pool2dShape(1, 1, 1, 4, new Window2d(1, 3, 1, 2, 0, 0, 1, 1, Rounding.CEIL),
                PoolMode.AVERAGE_EXCLUDING_PADDING), row, out, null);
        assertArrayEquals(new float[] {2f, 3.5f}, out);
    }

    @Test
    void maxPoolingPicksTheFirstMaximumAndPropagatesNaN() {
        float[] x = {5, 5, 1, Float.NaN};
        float[] y = new float[1];
        int[] arg = new int[1];
        REF.pool2d(new Pool2dShape(1, 1, 1, 2, new Window2d(1, 2, 1, 1, 0, 0, 1, 1, Rounding.FLOOR), PoolMode.MAX),
                x, y, arg);
        assertEquals(5f, y[0]);
        assertEquals(0, arg[0]);
        REF.pool2d(new Pool2dShape(1, 1, 2, 2, Window2d.square(2, 1, 0), PoolMode.MAX), x, y, arg);
        assertTrue(Float.isNaN(y[0]));
        assertEquals(3, arg[0]);
    }

    @Test
    void responseNormFollowsEachSourcesFormula() {
        // one pixel, 4 channels 1..4
        float[] x = {1, 2, 3, 4};
        NchwShape s = new NchwShape(1, 4, 1, 1);
        float[] y = new float[4];
        float[] d = new float[4];
        REF.responseNorm(ResponseNorm.alexNet(3, 0.1f, 0.75f, 2f), s, x, y, d);
        // channel 0 sums channels 0..1 (clipped), channel 2 sums 1..3
        assertEquals(2 + 0.1 * (1 + 4), d[0], 1e-6);
        assertEquals(2 + 0.1 * (4 + 9 + 16), d[2], 1e-6);
        assertEquals(3 * Math.pow(2 + 0.1 * 29, -0.75), y[2], 1e-6);
        REF.responseNorm(ResponseNorm.cudaConvnetCrossMap(4, 0.4f, 0.5f), s, x, y, d);
        // size 4: maps f-2 .. f+1; scale divided by size
        assertEquals(1 + 0.1 * (1 + 4 + 9 + 16), d[2], 1e-6);
        assertEquals(1 + 0.1 * (1 + 4 + 9), d[1], 1e-6);
        // same map, size 3 on a 1x3 row: offsets -1..1, scale divided by 9
        float[] row = {1, 2, 3};
        float[] d2 = new float[3];
        REF.responseNorm(ResponseNorm.cudaConvnetSameMap(3, 0.9f, 0.75f), new NchwShape(1, 1, 1, 3), row,
                new float[3], d2);
        assertArrayEquals(new float[] {1 + 0.1f * 5, 1 + 0.1f * 14, 1 + 0.1f * 13}, d2, 1e-6f);
    }
}
