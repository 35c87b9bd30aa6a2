package dev.thirty.kernels;

import static dev.thirty.testkit.FloatAssert.assertClose;
import static dev.thirty.testkit.FloatAssert.assertIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;

import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorConv} (im2col and the packed GEMM) against {@link ScalarConv} (the definition as loops)
 * on seeded random shapes covering stride, padding, dilation, groups, ceil rounding, 1x1 windows
 * and odd sizes, on one and two threads.
 *
 * <p>Tolerance: both sum the same K products of O(1) values in different orders (the GEMM's blocked
 * order versus tap order), an error of about {@code u sqrt(K)} relative to the terms' magnitude
 * {@code sqrt(K)}, i.e. ~1e-5 absolute for the K up to ~150 here; 1e-4 absolute and relative leaves
 * a margin of ten and still catches a single wrong or missing tap (an O(1) error). Pooling and
 * response normalisation run the same loops in both, so they must match exactly.
 */
class VectorConvConformanceTest {

    private static final ConvKernels SCALAR = new ScalarConv();
    private static final ConvKernels VECTOR = new VectorConv();
    private static final ConvKernels IM2COL = new VectorConv(false);
    /** Shapes checked so far on which VECTOR chose {@link DirectConv}, by pass. */
    private static final int[] DIRECT = new int[VectorConv.Pass.values().length];
    private static final Tolerance CLOSE = Tolerance.of(1e-4, 1e-4);

    private static Conv2dShape randomShape(RandomGenerator rng) {
        int groups = 1 + rng.nextInt(3);
        int cin = groups * (1 + rng.nextInt(3));
        int cout = groups * (1 + rng.nextInt(4));
        int kh = 1 + rng.nextInt(4);
        int kw = 1 + rng.nextInt(4);
        int dil = 1 + rng.nextInt(2);
        int pad = rng.nextInt(3);
        int stride = 1 + rng.nextInt(3);
        int h = dil * (kh - 1) + 1 + rng.nextInt(7);
        int w = dil * (kw - 1) + 1 + rng.nextInt(7);
        Rounding rounding = rng.nextBoolean() ? Rounding.FLOOR : Rounding.CEIL;
        Window2d win = new Window2d(kh, kw, stride, stride + rng.nextInt(2) - (stride > 1 ? 1 : 0), pad,
                rng.nextInt(3), dil, 1 + rng.nextInt(2), rounding);
        return new Conv2dShape(1 + rng.nextInt(5), cin, h + win.dilationW(), w + 2 * win.dilationW(), cout, win, groups);
    }

    @Test
    void convolutionAndBothGradientsMatchReferenceOnRandomShapes() {
        RandomGenerator rng = Seeds.generator(131);
        for (int trial = 0; trial < 60; trial++) {
            Conv2dShape s = randomShape(rng);
            checkAll(s, rng, trial % 2 == 0 ? 1 : 2);
        }
    }

    /**
     * Stride-1 shapes, where {@link DirectConv} runs: padding up to the window's reach, dilation,
     * groups, odd sizes, batches up to 5 on one and two threads (two threads split even a batch of
     * 2, so the weight gradient's partial sums meet).
     */
    @Test
    void strideOneConvolutionsMatchReferenceDirectAndThroughIm2col() {
        RandomGenerator rng = Seeds.generator(132);
        int[] before = DIRECT.clone();
        int trials = 40;
        for (int trial = 0; trial < trials; trial++) {
            int groups = 1 + rng.nextInt(2);
            int kh = 1 + rng.nextInt(5);
            int kw = 1 + rng.nextInt(5);
            int dh = 1 + rng.nextInt(2);
            int dw = 1 + rng.nextInt(2);
            Window2d win = new Window2d(kh, kw, 1, 1, rng.nextInt(dh * (kh - 1) + 1), rng.nextInt(dw * (kw - 1) + 1),
                    dh, dw, Rounding.FLOOR);
            Conv2dShape s = new Conv2dShape(2 + rng.nextInt(4), groups * (1 + rng.nextInt(6)),
                    dh * (kh - 1) + 1 + rng.nextInt(12), dw * (kw - 1) + 1 + rng.nextInt(12),
                    groups * (1 + rng.nextInt(9)), win, groups);
            checkAll(s, rng, trial % 2 == 0 ? 1 : 2);
        }
        checkAll(new Conv2dShape(3, 1, 28, 28, 6, Window2d.square(5, 1, 2), 1), rng, 2);
        checkAll(new Conv2dShape(3, 6, 14, 14, 16, Window2d.square(5, 1, 0), 1), rng, 1);
        assertEquals(trials + 2, DIRECT[0] - before[0], "every stride-1 forward with a short reduction runs direct");
        assertTrue(DIRECT[1] - before[1] >= 5, "input gradients from 6 input channels run direct");
        assertEquals(trials + 2, DIRECT[2] - before[2], "every small weight's gradient runs direct");
    }

    @Test
    void oneByOneAndCifarShapedConvolutionsMatchReference() {
        RandomGenerator rng = Seeds.generator(7);
        checkAll(new Conv2dShape(3, 8, 5, 7, 6, Window2d.square(1, 1, 0), 1), rng, 2);
        checkAll(new Conv2dShape(4, 4, 6, 6, 4, Window2d.square(1, 1, 0), 2), rng, 1);
        checkAll(new Conv2dShape(5, 3, 32, 32, 32, Window2d.square(5, 1, 2), 1), rng, 2);
        checkAll(new Conv2dShape(2, 3, 23, 23, 8, new Window2d(11, 11, 4, 4, 0, 0, 1, 1, Rounding.CEIL), 1), rng, 2);
    }

    private static void checkAll(Conv2dShape s, RandomGenerator rng, int threads) {
        float[] x = Seeds.normal(rng, s.inputSize(), 0f, 1f);
        float[] w = Seeds.normal(rng, s.weightSize(), 0f, 1f);
        float[] bias = rng.nextBoolean() ? Seeds.normal(rng, s.outChannels(), 0f, 1f) : null;
        float[] dy = Seeds.normal(rng, s.outputSize(), 0f, 1f);
        float[] start = Seeds.normal(rng, s.inputSize(), 0f, 1f);
        float[] startW = Seeds.normal(rng, s.weightSize(), 0f, 1f);
        float[] startB = Seeds.normal(rng, s.outChannels(), 0f, 1f);
        Result expected = run(SCALAR, s, x, w, bias, dy, start, startW, startB);
        for (ConvKernels fast : new ConvKernels[] {VECTOR, IM2COL}) {
            checkFast(fast, s, threads, expected, x, w, bias, dy, start, startW, startB);
        }
    }

    private static void checkFast(ConvKernels fast, Conv2dShape s, int threads, Result expected, float[] x,
                                  float[] w, float[] bias, float[] dy, float[] start, float[] startW,
                                  float[] startB) {
        try (ComputePool pool = ComputePool.ofThreads(threads)) {
            Result actual = pool.call(() -> run(fast, s, x, w, bias, dy, start, startW, startB));
            for (VectorConv.Pass pass : VectorConv.Pass.values()) {
                if (fast == VECTOR && pool.call(() -> ((VectorConv) VECTOR).direct(s, pass))) {
                    DIRECT[pass.ordinal()]++;
                }
            }
            String at = s + " on " + threads + " threads, " + (fast == IM2COL ? "im2col" : "direct where chosen");
            assertClose("conv2d " + at, expected.y, actual.y, CLOSE);
            assertClose("input gradient " + at, expected.dx, actual.dx, CLOSE);
            assertClose("weight gradient " + at, expected.dw, actual.dw, CLOSE);
            assertClose("bias gradient " + at, expected.db, actual.db, CLOSE);
            Result again = pool.call(() -> run(fast, s, x, w, bias, dy, start, startW, startB));
            assertIdentical("weight gradient rerun " + at, actual.dw, again.dw);
        }
    }

    private record Result(float[] y, float[] dx, float[] dw, float[] db) {
    }

    private static Result run(ConvKernels k, Conv2dShape s, float[] x, float[] w, float[] bias, float[] dy,
                              float[] startX, float[] startW, float[] startB) {
        Kernels set = Kernels.of(k == SCALAR ? Backend.SCALAR : Backend.VECTOR);
        return set.call(() -> {
            float[] y = Seeds.uniform(Seeds.generator(1), s.outputSize(), -9f, 9f);
            k.conv2d(s, x, w, bias, y);
            float[] dx = startX.clone();
            k.conv2dInputGrad(s, dy, w, dx);
            float[] dw = startW.clone();
            float[] db = startB.clone();
            k.conv2dWeightGrad(s, x, dy, dw, db);
            return new Result(y, dx, dw, db);
        });
    }

    @Test
    void poolingMatchesReferenceExactlyInEveryMode() {
        RandomGenerator rng = Seeds.generator(5);
        for (int trial = 0; trial < 40; trial++) {
            int k = 1 + rng.nextInt(4);
            int stride = 1 + rng.nextInt(3);
            Window2d win = new Window2d(k, k + rng.nextInt(2), stride, stride, rng.nextInt(k / 2 + 1), 0, 1, 1,
                    rng.nextBoolean() ? Rounding.CEIL : Rounding.FLOOR);
            PoolMode mode = PoolMode.values()[trial % 3];
            Pool2dShape s = new Pool2dShape(1 + rng.nextInt(3), 1 + rng.nextInt(4), k + 1 + rng.nextInt(8),
                    k + 1 + rng.nextInt(8), win, mode);
            float[] x = Seeds.normal(rng, s.inputSize(), 0f, 1f);
            float[] dy = Seeds.normal(rng, s.outputSize(), 0f, 1f);
            float[] y1 = new float[s.outputSize()];
            float[] y2 = new float[s.outputSize()];
            int[] a1 = new int[s.outputSize()];
            int[] a2 = new int[s.outputSize()];
            float[] dx1 = new float[s.inputSize()];
            float[] dx2 = new float[s.inputSize()];
            SCALAR.pool2d(s, x, y1, a1);
            SCALAR.pool2dBackward(s, dy, a1, dx1);
            try (ComputePool pool = ComputePool.ofThreads(2)) {
                pool.run(() -> {
                    VECTOR.pool2d(s, x, y2, a2);
                    VECTOR.pool2dBackward(s, dy, a2, dx2);
                });
            }
            assertIdentical("pool " + s, y1, y2);
            assertArrayEquals(a1, a2, "argmax " + s);
            assertIdentical("pool gradient " + s, dx1, dx2);
        }
    }

    @Test
    void maxPoolingMatchesReferenceWithTiesSignedZerosAndNaNInsideAndAtBorders() {
        RandomGenerator rng = Seeds.generator(6);
        Window2d[] windows = {Window2d.square(2, 2, 0), Window2d.square(3, 2, 0), Window2d.square(3, 2, 0)
                .rounded(Rounding.CEIL), Window2d.square(3, 1, 0), Window2d.square(3, 2, 1), Window2d.square(2, 2, 1),
                new Window2d(3, 2, 2, 1, 1, 0, 1, 1, Rounding.CEIL)};
        for (Window2d win : windows) {
            for (int side : new int[] {35, 28, 27, 13, 6}) {
                Pool2dShape s = new Pool2dShape(3, 5, side, side, win, PoolMode.MAX);
                float[] x = Seeds.normal(rng, s.inputSize(), 0f, 1f);
                for (int i = 0; i < x.length; i++) {
                    int kind = rng.nextInt(40);
                    x[i] = kind == 0 ? Float.NaN : kind == 1 ? 0.5f : kind == 2 ? -0f : kind == 3 ? 0f : x[i];
                }
                float[] y1 = new float[s.outputSize()];
                float[] y2 = new float[s.outputSize()];
                int[] a1 = new int[s.outputSize()];
                int[] a2 = new int[s.outputSize()];
                SCALAR.pool2d(s, x, y1, a1);
                try (ComputePool pool = ComputePool.ofThreads(2)) {
                    pool.run(() -> VECTOR.pool2d(s, x, y2, a2));
                }
                assertIdentical("pool " + s, y1, y2);
                assertArrayEquals(a1, a2, "argmax " + s);
            }
        }
    }

    @Test
    void responseNormMatchesReferenceExactlyInBothRegions() {
        RandomGenerator rng = Seeds.generator(9);
        for (ResponseNorm n : new ResponseNorm[] {ResponseNorm.alexNetPaper(), ResponseNorm.pytorch(4, 0.3f, 0.6f, 1.5f),
            ResponseNorm.cudaConvnetSameMap(3, 0.5f, 0.75f), ResponseNorm.cudaConvnetSameMap(4, 0.5f, 0.5f)}) {
            NchwShape s = new NchwShape(3, 7, 5, 6);
            float[] x = Seeds.normal(rng, s.size(), 0f, 2f);
            float[] dy = Seeds.normal(rng, s.size(), 0f, 1f);
            float[][] ref = norm(SCALAR, n, s, x, dy, 1);
            float[][] fast = norm(VECTOR, n, s, x, dy, 2);
            assertIdentical("response norm " + n, ref[0], fast[0]);
            assertIdentical("response norm gradient " + n, ref[1], fast[1]);
        }
    }

    private static float[][] norm(ConvKernels k, ResponseNorm n, NchwShape s, float[] x, float[] dy, int threads) {
        try (ComputePool pool = ComputePool.ofThreads(threads)) {
            return pool.call(() -> {
                float[] y = new float[s.size()];
                float[] d = new float[s.size()];
                float[] dx = new float[s.size()];
                k.responseNorm(n, s, x, y, d);
                k.responseNormBackward(n, s, x, y, d, dy, dx);
                return new float[][] {y, dx};
            });
        }
    }
}
