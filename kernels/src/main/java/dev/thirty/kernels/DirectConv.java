package dev.thirty.kernels;

import static dev.thirty.kernels.GemmMicroKernel.L;
import static dev.thirty.kernels.GemmMicroKernel.S;

import jdk.incubator.vector.FloatVector;

/**
 * Stride-1 convolution without a patch matrix, for the layers whose few channels make im2col and
 * GEMM packing cost as much as the multiply (LeNet-5's, or a first layer on RGB): every pass reads
 * its image through a zero-bordered copy of the group's planes, where a tap is a fixed shift.
 *
 * <p>Lay the output out at the padded width {@code wp = W + 2 pw} instead of {@code ow}: output
 * {@code (i, j)} is column {@code q = i wp + j}, and tap {@code (c, a, b)} of it reads the padded
 * planes at {@code off(c, a, b) + q} with {@code off(c, a, b) = c hp wp + a dh wp + b dw}. So
 *
 * <pre>
 * forward         Y[o][q]  = sum over taps t of  W[o][t] * xp[off(t) + q]            (og x K) (K x Q)
 * input gradient  DX[c][q] = sum over (o, a, b) of W[o][c][kh-1-a][kw-1-b] * dyp[off'(o, a, b) + q]
 * weight gradient dW[o][t] += sum over q of  DYp[o][q] * xp[off(t) + q]
 * </pre>
 *
 * where each row of the right-hand matrix is a contiguous run of the padded planes (no copy), the
 * input gradient is the forward of dy padded by {@code d (k - 1) - p} on each side with the kernel
 * flipped and its channel axes swapped, and {@code DYp} is dy at the padded width with zeros in the
 * columns {@code j >= ow}. The columns {@code j >= ow} of Y and DX are computed and dropped; that
 * waste, {@code (wp - ow) / wp}, is what the copy saves.
 *
 * <p>Register blocks: the forward and the input gradient take 4 output rows by 2 vectors of columns
 * (8 accumulators; 2 loads and 4 broadcasts per 8 FMAs, which fits 16 vector registers), the weight
 * gradient 4 rows of dy by 2 taps. The weight gradient keeps its accumulators over a chunk of
 * images before summing their lanes, so small layers do not pay a lane reduction per image.
 *
 * <p>Work splits over images as in {@link VectorConv}; the weight gradient sums each thread's images
 * into a partial of its own, and the partials in thread order, so results are deterministic for a
 * fixed thread count.
 */
final class DirectConv {

    /**
     * Whether the 8-row block (16 accumulators) may run: only with 32 vector registers (AVX-512);
     * with 16 it would spill, as the GEMM's wide tiles did (see {@link GemmMicroKernel#MR}).
     */
    private static final boolean WIDE_BLOCKS = L >= 16;
    /** Columns per register block. */
    private static final int BW = 2 * L;
    /** Floats of padded input and padded dy that a weight-gradient chunk of images may hold (about L2). */
    private static final int CHUNK_FLOATS = 64 * 1024;

    private DirectConv() {
    }

    /**
     * Whether this class computes {@code s}: stride 1 both ways, and padding of at most the window's
     * reach on each axis (so the input gradient's padding {@code d (k - 1) - p} is not negative).
     */
    static boolean applies(Conv2dShape s) {
        Window2d w = s.window();
        return w.strideH() == 1 && w.strideW() == 1
                && w.padH() <= w.dilationH() * (w.kernelH() - 1) && w.padW() <= w.dilationW() * (w.kernelW() - 1);
    }

    /**
     * A zero-bordered view of {@code planes} planes of {@code rows x cols} padded to
     * {@code hp x wp}, from which {@code outRows x outCols} outputs are taken at width {@code wp}.
     */
    private record Layout(int planes, int hp, int wp, int padTop, int padLeft, int rows, int cols,
                          int outRows, int outCols) {

        /** Columns of the output at the padded width, rounded up to whole register blocks. */
        int width() {
            int used = (outRows - 1) * wp + outCols;
            return (used + BW - 1) / BW * BW;
        }

        /** Floats of the padded buffer: the planes, then room for the last block's overrun. */
        int size() {
            return planes * hp * wp + width() - ((outRows - 1) * wp + outCols);
        }

        /** Copies {@code planes} planes starting at {@code from} of {@code src} into {@code pad} at {@code at}. */
        void fill(float[] src, int from, float[] pad, int at) {
            java.util.Arrays.fill(pad, at, at + size(), 0f);
            for (int c = 0; c < planes; c++) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(src, from + (c * rows + r) * cols, pad,
                            at + (c * hp + r + padTop) * wp + padLeft, cols);
                }
            }
        }
    }

    private static Layout input(Conv2dShape s) {
        Window2d w = s.window();
        return new Layout(s.groupInChannels(), s.height() + 2 * w.padH(), s.width() + 2 * w.padW(), w.padH(),
                w.padW(), s.height(), s.width(), s.outHeight(), s.outWidth());
    }

    /** dy padded by {@code d (k - 1) - p}: the input gradient's source. */
    private static Layout outputGradient(Conv2dShape s) {
        Window2d w = s.window();
        int qh = w.dilationH() * (w.kernelH() - 1) - w.padH();
        int qw = w.dilationW() * (w.kernelW() - 1) - w.padW();
        return new Layout(s.groupOutChannels(), s.outHeight() + 2 * qh, s.outWidth() + 2 * qw, qh, qw,
                s.outHeight(), s.outWidth(), s.height(), s.width());
    }

    /** The shift of tap {@code (c, a, b)} in a layout: {@code c hp wp + a dh wp + b dw}, taps in weight order. */
    private static int[] offsets(Layout lay, int channels, Window2d w) {
        int[] off = new int[channels * w.taps()];
        int t = 0;
        for (int c = 0; c < channels; c++) {
            for (int a = 0; a < w.kernelH(); a++) {
                for (int b = 0; b < w.kernelW(); b++) {
                    off[t++] = c * lay.hp() * lay.wp() + a * w.dilationH() * lay.wp() + b * w.dilationW();
                }
            }
        }
        return off;
    }

    /** {@code y = conv(x, w) + bias}, overwriting y. */
    static void forward(Conv2dShape s, float[] x, float[] w, float[] bias, float[] y) {
        int og = s.groupOutChannels();
        int k = s.patchSize();
        Layout lay = input(s);
        int[] off = offsets(lay, s.groupInChannels(), s.window());
        float[] at = transposed(s, w);
        int q = lay.width();
        VectorConv.forImages(s.batch(), VectorConv.tasksFor(s.batch()), (task, from, to) -> {
            float[] pad = ConvScratch.padded(lay.size());
            float[] out = ConvScratch.cols(og * q);
            for (int n = from; n < to; n++) {
                for (int g = 0; g < s.groups(); g++) {
                    lay.fill(x, (n * s.inChannels() + g * s.groupInChannels()) * s.height() * s.width(), pad, 0);
                    rows(at, g * k * og, og, k, off, pad, 0, out, q);
                    int oh = s.outHeight();
                    int ow = s.outWidth();
                    for (int o = 0; o < og; o++) {
                        int dst = (n * s.outChannels() + g * og + o) * oh * ow;
                        float b = bias == null ? 0f : bias[g * og + o];
                        for (int i = 0; i < oh; i++) {
                            int src = o * q + i * lay.wp();
                            for (int j = 0; j < ow; j++) {
                                y[dst + i * ow + j] = out[src + j] + b;
                            }
                        }
                    }
                }
            }
        });
    }

    /** {@code dx += conv^T(dy, w)}. */
    static void inputGrad(Conv2dShape s, float[] dy, float[] w, float[] dx) {
        int og = s.groupOutChannels();
        int cg = s.groupInChannels();
        Window2d win = s.window();
        int k = og * win.taps();
        Layout lay = outputGradient(s);
        int[] off = offsets(lay, og, win);
        float[] at = flipped(s, w);
        int q = lay.width();
        int plane = s.height() * s.width();
        VectorConv.forImages(s.batch(), VectorConv.tasksFor(s.batch()), (task, from, to) -> {
            float[] pad = ConvScratch.padded(lay.size());
            float[] out = ConvScratch.cols(cg * q);
            for (int n = from; n < to; n++) {
                for (int g = 0; g < s.groups(); g++) {
                    lay.fill(dy, (n * s.outChannels() + g * og) * s.outPlane(), pad, 0);
                    rows(at, g * k * cg, cg, k, off, pad, 0, out, q);
                    for (int c = 0; c < cg; c++) {
                        int dst = (n * s.inChannels() + g * cg + c) * plane;
                        for (int r = 0; r < s.height(); r++) {
                            int src = c * q + r * lay.wp();
                            int d = dst + r * s.width();
                            for (int j = 0; j < s.width(); j++) {
                                dx[d + j] += out[src + j];
                            }
                        }
                    }
                }
            }
        });
    }

    /** {@code dw += dconv/dw}, {@code dbias += sum of dy} per channel (when dbias is given). */
    static void weightGrad(Conv2dShape s, float[] x, float[] dy, float[] dw, float[] dbias) {
        int tasks = VectorConv.tasksFor(s.batch());
        float[][] partW = new float[tasks][];
        float[][] partB = new float[tasks][];
        partW[0] = dw;
        partB[0] = dbias;
        for (int t = 1; t < tasks; t++) {
            partW[t] = new float[dw.length];
            partB[t] = dbias == null ? null : new float[dbias.length];
        }
        Layout lay = input(s);
        int[] off = offsets(lay, s.groupInChannels(), s.window());
        VectorConv.forImages(s.batch(), tasks, (task, from, to) -> weightGradImages(s, lay, off, x, dy, from, to,
                partW[task], partB[task]));
        for (int t = 1; t < tasks; t++) {
            VectorConv.addInto(partW[t], dw);
            if (dbias != null) {
                VectorConv.addInto(partB[t], dbias);
            }
        }
    }

    private static void weightGradImages(Conv2dShape s, Layout lay, int[] off, float[] x, float[] dy, int from,
                                         int to, float[] dw, float[] dbias) {
        int og = s.groupOutChannels();
        int k = s.patchSize();
        int q = lay.width();
        int srcSize = lay.size();
        int dySize = og * q;
        int chunk = Math.max(1, Math.min(to - from, CHUNK_FLOATS / (srcSize + dySize)));
        float[] pads = ConvScratch.padded(chunk * srcSize);
        float[] dys = ConvScratch.cols(chunk * dySize);
        int oh = s.outHeight();
        int ow = s.outWidth();
        for (int g = 0; g < s.groups(); g++) {
            for (int n0 = from; n0 < to; n0 += chunk) {
                int images = Math.min(chunk, to - n0);
                for (int i = 0; i < images; i++) {
                    int n = n0 + i;
                    lay.fill(x, (n * s.inChannels() + g * s.groupInChannels()) * s.height() * s.width(), pads,
                            i * srcSize);
                    int base = i * dySize;
                    java.util.Arrays.fill(dys, base, base + dySize, 0f);
                    for (int o = 0; o < og; o++) {
                        int src = (n * s.outChannels() + g * og + o) * oh * ow;
                        for (int r = 0; r < oh; r++) {
                            System.arraycopy(dy, src + r * ow, dys, base + o * q + r * lay.wp(), ow);
                        }
                    }
                }
                dots(dys, dySize, og, q, pads, srcSize, off, k, images, dw, g * og * k);
            }
        }
        if (dbias != null) {
            VectorConv.addBiasGradient(s, dy, from, to, dbias);
        }
    }

    /** The weights of every group as {@code K x og} blocks: {@code at[g K og + t og + o] = w[g og + o][t]}. */
    private static float[] transposed(Conv2dShape s, float[] w) {
        int og = s.groupOutChannels();
        int k = s.patchSize();
        float[] at = new float[w.length];
        for (int g = 0; g < s.groups(); g++) {
            for (int o = 0; o < og; o++) {
                for (int t = 0; t < k; t++) {
                    at[(g * k + t) * og + o] = w[(g * og + o) * k + t];
                }
            }
        }
        return at;
    }

    /**
     * The input gradient's weights, as {@code (og kh kw) x cg} blocks per group: row {@code (o, a, b)},
     * column c holds {@code w[g og + o][c][kh - 1 - a][kw - 1 - b]}.
     */
    private static float[] flipped(Conv2dShape s, float[] w) {
        int og = s.groupOutChannels();
        int cg = s.groupInChannels();
        int kh = s.window().kernelH();
        int kw = s.window().kernelW();
        int k = og * kh * kw;
        float[] at = new float[w.length];
        for (int g = 0; g < s.groups(); g++) {
            for (int o = 0; o < og; o++) {
                for (int c = 0; c < cg; c++) {
                    for (int a = 0; a < kh; a++) {
                        for (int b = 0; b < kw; b++) {
                            int row = (o * kh + a) * kw + b;
                            at[(g * k + row) * cg + c] =
                                    w[(((g * og + o) * cg + c) * kh + kh - 1 - a) * kw + kw - 1 - b];
                        }
                    }
                }
            }
        }
        return at;
    }

    /**
     * {@code out[r][j] = sum over t < k of at[a0 + t m + r] * src[s0 + off[t] + j]} for {@code r < m},
     * {@code j < q} (a multiple of {@link #BW}); out is {@code m x q}, row-major.
     */
    static void rows(float[] at, int a0, int m, int k, int[] off, float[] src, int s0, float[] out, int q) {
        int r = 0;
        for (; WIDE_BLOCKS && r + 8 <= m; r += 8) {
            for (int j = 0; j < q; j += BW) {
                rows8(at, a0 + r, m, k, off, src, s0 + j, out, r * q + j, q);
            }
        }
        for (; r + 6 <= m; r += 6) {
            for (int j = 0; j < q; j += BW) {
                rows6(at, a0 + r, m, k, off, src, s0 + j, out, r * q + j, q);
            }
        }
        for (; r + 4 <= m; r += 4) {
            for (int j = 0; j < q; j += BW) {
                rows4(at, a0 + r, m, k, off, src, s0 + j, out, r * q + j, q);
            }
        }
        for (; r < m; r++) {
            for (int j = 0; j < q; j += BW) {
                rows1(at, a0 + r, m, k, off, src, s0 + j, out, r * q + j);
            }
        }
    }

    private static void rows8(float[] at, int a, int m, int k, int[] off, float[] src, int s0, float[] out,
                              int o, int q) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        FloatVector c60 = c00;
        FloatVector c61 = c00;
        FloatVector c70 = c00;
        FloatVector c71 = c00;
        for (int t = 0; t < k; t++, a += m) {
            int p = s0 + off[t];
            FloatVector b0 = FloatVector.fromArray(S, src, p);
            FloatVector b1 = FloatVector.fromArray(S, src, p + L);
            FloatVector w = FloatVector.broadcast(S, at[a]);
            c00 = w.fma(b0, c00);
            c01 = w.fma(b1, c01);
            w = FloatVector.broadcast(S, at[a + 1]);
            c10 = w.fma(b0, c10);
            c11 = w.fma(b1, c11);
            w = FloatVector.broadcast(S, at[a + 2]);
            c20 = w.fma(b0, c20);
            c21 = w.fma(b1, c21);
            w = FloatVector.broadcast(S, at[a + 3]);
            c30 = w.fma(b0, c30);
            c31 = w.fma(b1, c31);
            w = FloatVector.broadcast(S, at[a + 4]);
            c40 = w.fma(b0, c40);
            c41 = w.fma(b1, c41);
            w = FloatVector.broadcast(S, at[a + 5]);
            c50 = w.fma(b0, c50);
            c51 = w.fma(b1, c51);
            w = FloatVector.broadcast(S, at[a + 6]);
            c60 = w.fma(b0, c60);
            c61 = w.fma(b1, c61);
            w = FloatVector.broadcast(S, at[a + 7]);
            c70 = w.fma(b0, c70);
            c71 = w.fma(b1, c71);
        }
        c00.intoArray(out, o);
        c01.intoArray(out, o + L);
        c10.intoArray(out, o + q);
        c11.intoArray(out, o + q + L);
        c20.intoArray(out, o + 2 * q);
        c21.intoArray(out, o + 2 * q + L);
        c30.intoArray(out, o + 3 * q);
        c31.intoArray(out, o + 3 * q + L);
        c40.intoArray(out, o + 4 * q);
        c41.intoArray(out, o + 4 * q + L);
        c50.intoArray(out, o + 5 * q);
        c51.intoArray(out, o + 5 * q + L);
        c60.intoArray(out, o + 6 * q);
        c61.intoArray(out, o + 6 * q + L);
        c70.intoArray(out, o + 7 * q);
        c71.intoArray(out, o + 7 * q + L);
    }

    private static void rows6(float[] at, int a, int m, int k, int[] off, float[] src, int s0, float[] out,
                              int o, int q) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        for (int t = 0; t < k; t++, a += m) {
            int p = s0 + off[t];
            FloatVector b0 = FloatVector.fromArray(S, src, p);
            FloatVector b1 = FloatVector.fromArray(S, src, p + L);
            FloatVector w = FloatVector.broadcast(S, at[a]);
            c00 = w.fma(b0, c00);
            c01 = w.fma(b1, c01);
            w = FloatVector.broadcast(S, at[a + 1]);
            c10 = w.fma(b0, c10);
            c11 = w.fma(b1, c11);
            w = FloatVector.broadcast(S, at[a + 2]);
            c20 = w.fma(b0, c20);
            c21 = w.fma(b1, c21);
            w = FloatVector.broadcast(S, at[a + 3]);
            c30 = w.fma(b0, c30);
            c31 = w.fma(b1, c31);
            w = FloatVector.broadcast(S, at[a + 4]);
            c40 = w.fma(b0, c40);
            c41 = w.fma(b1, c41);
            w = FloatVector.broadcast(S, at[a + 5]);
            c50 = w.fma(b0, c50);
            c51 = w.fma(b1, c51);
        }
        c00.intoArray(out, o);
        c01.intoArray(out, o + L);
        c10.intoArray(out, o + q);
        c11.intoArray(out, o + q + L);
        c20.intoArray(out, o + 2 * q);
        c21.intoArray(out, o + 2 * q + L);
        c30.intoArray(out, o + 3 * q);
        c31.intoArray(out, o + 3 * q + L);
        c40.intoArray(out, o + 4 * q);
        c41.intoArray(out, o + 4 * q + L);
        c50.intoArray(out, o + 5 * q);
        c51.intoArray(out, o + 5 * q + L);
    }

    private static void rows4(float[] at, int a, int m, int k, int[] off, float[] src, int s0, float[] out,
                              int o, int q) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        for (int t = 0; t < k; t++, a += m) {
            int p = s0 + off[t];
            FloatVector b0 = FloatVector.fromArray(S, src, p);
            FloatVector b1 = FloatVector.fromArray(S, src, p + L);
            FloatVector w = FloatVector.broadcast(S, at[a]);
            c00 = w.fma(b0, c00);
            c01 = w.fma(b1, c01);
            w = FloatVector.broadcast(S, at[a + 1]);
            c10 = w.fma(b0, c10);
            c11 = w.fma(b1, c11);
            w = FloatVector.broadcast(S, at[a + 2]);
            c20 = w.fma(b0, c20);
            c21 = w.fma(b1, c21);
            w = FloatVector.broadcast(S, at[a + 3]);
            c30 = w.fma(b0, c30);
            c31 = w.fma(b1, c31);
        }
        c00.intoArray(out, o);
        c01.intoArray(out, o + L);
        c10.intoArray(out, o + q);
        c11.intoArray(out, o + q + L);
        c20.intoArray(out, o + 2 * q);
        c21.intoArray(out, o + 2 * q + L);
        c30.intoArray(out, o + 3 * q);
        c31.intoArray(out, o + 3 * q + L);
    }

    private static void rows1(float[] at, int a, int m, int k, int[] off, float[] src, int s0, float[] out, int o) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        for (int t = 0; t < k; t++, a += m) {
            int p = s0 + off[t];
            FloatVector w = FloatVector.broadcast(S, at[a]);
            c0 = w.fma(FloatVector.fromArray(S, src, p), c0);
            c1 = w.fma(FloatVector.fromArray(S, src, p + L), c1);
        }
        c0.intoArray(out, o);
        c1.intoArray(out, o + L);
    }

    /**
     * {@code dw[w0 + r k + t] += sum over images i, j < q of dys[i dyStride + r q + j] *
     * src[i srcStride + off[t] + j]}, for {@code r < m}, {@code t < k}; each sum in registers over
     * every image of the chunk, its lanes then added.
     */
    static void dots(float[] dys, int dyStride, int m, int q, float[] src, int srcStride, int[] off, int k,
                     int images, float[] dw, int w0) {
        int r = 0;
        for (; r + 4 <= m; r += 4) {
            int t = 0;
            for (; t + 2 <= k; t += 2) {
                dots4x2(dys, dyStride, r, q, src, srcStride, off[t], off[t + 1], images, dw, w0 + r * k + t, k);
            }
            for (; t < k; t++) {
                for (int i = 0; i < 4; i++) {
                    dw[w0 + (r + i) * k + t] += dot(dys, dyStride, r + i, q, src, srcStride, off[t], images);
                }
            }
        }
        for (; r + 2 <= m; r += 2) {
            int t = 0;
            for (; t + 2 <= k; t += 2) {
                dots2x2(dys, dyStride, r, q, src, srcStride, off[t], off[t + 1], images, dw, w0 + r * k + t, k);
            }
            for (; t < k; t++) {
                for (int i = 0; i < 2; i++) {
                    dw[w0 + (r + i) * k + t] += dot(dys, dyStride, r + i, q, src, srcStride, off[t], images);
                }
            }
        }
        for (; r < m; r++) {
            for (int t = 0; t < k; t++) {
                dw[w0 + r * k + t] += dot(dys, dyStride, r, q, src, srcStride, off[t], images);
            }
        }
    }

    private static void dots2x2(float[] dys, int dyStride, int r, int q, float[] src, int srcStride, int off0,
                                int off1, int images, float[] dw, int at, int k) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        for (int i = 0; i < images; i++) {
            int d = i * dyStride + r * q;
            int s0 = i * srcStride + off0;
            int s1 = i * srcStride + off1;
            for (int j = 0; j < q; j += L) {
                FloatVector x0 = FloatVector.fromArray(S, src, s0 + j);
                FloatVector x1 = FloatVector.fromArray(S, src, s1 + j);
                FloatVector g = FloatVector.fromArray(S, dys, d + j);
                c00 = g.fma(x0, c00);
                c01 = g.fma(x1, c01);
                g = FloatVector.fromArray(S, dys, d + q + j);
                c10 = g.fma(x0, c10);
                c11 = g.fma(x1, c11);
            }
        }
        dw[at] += VectorReductions.sumLanes(c00);
        dw[at + 1] += VectorReductions.sumLanes(c01);
        dw[at + k] += VectorReductions.sumLanes(c10);
        dw[at + k + 1] += VectorReductions.sumLanes(c11);
    }

    private static void dots4x2(float[] dys, int dyStride, int r, int q, float[] src, int srcStride, int off0,
                                int off1, int images, float[] dw, int at, int k) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        for (int i = 0; i < images; i++) {
            int d = i * dyStride + r * q;
            int s0 = i * srcStride + off0;
            int s1 = i * srcStride + off1;
            for (int j = 0; j < q; j += L) {
                FloatVector x0 = FloatVector.fromArray(S, src, s0 + j);
                FloatVector x1 = FloatVector.fromArray(S, src, s1 + j);
                FloatVector g = FloatVector.fromArray(S, dys, d + j);
                c00 = g.fma(x0, c00);
                c01 = g.fma(x1, c01);
                g = FloatVector.fromArray(S, dys, d + q + j);
                c10 = g.fma(x0, c10);
                c11 = g.fma(x1, c11);
                g = FloatVector.fromArray(S, dys, d + 2 * q + j);
                c20 = g.fma(x0, c20);
                c21 = g.fma(x1, c21);
                g = FloatVector.fromArray(S, dys, d + 3 * q + j);
                c30 = g.fma(x0, c30);
                c31 = g.fma(x1, c31);
            }
        }
        dw[at] += VectorReductions.sumLanes(c00);
        dw[at + 1] += VectorReductions.sumLanes(c01);
        dw[at + k] += VectorReductions.sumLanes(c10);
        dw[at + k + 1] += VectorReductions.sumLanes(c11);
        dw[at + 2 * k] += VectorReductions.sumLanes(c20);
        dw[at + 2 * k + 1] += VectorReductions.sumLanes(c21);
        dw[at + 3 * k] += VectorReductions.sumLanes(c30);
        dw[at + 3 * k + 1] += VectorReductions.sumLanes(c31);
    }

    private static float dot(float[] dys, int dyStride, int r, int q, float[] src, int srcStride, int off,
                             int images) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        for (int i = 0; i < images; i++) {
            int d = i * dyStride + r * q;
            int s = i * srcStride + off;
            for (int j = 0; j < q; j += BW) {
                c0 = FloatVector.fromArray(S, dys, d + j).fma(FloatVector.fromArray(S, src, s + j), c0);
                c1 = FloatVector.fromArray(S, dys, d + j + L).fma(FloatVector.fromArray(S, src, s + j + L), c1);
            }
        }
        return VectorReductions.sumLanes(c0.add(c1));
    }
}
