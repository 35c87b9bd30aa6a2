package dev.thirty.kernels;

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
 * <p>The products run as register blocks over the shifted runs ({@link ShiftedBlocks}); the weight
 * gradient keeps its accumulators over a chunk of images before summing their lanes, so small
 * layers do not pay a lane reduction per image.
 *
 * <p>Work splits over images as in {@link VectorConv}; the weight gradient sums each thread's images
 * into a partial of its own, and the partials in thread order, so results are deterministic for a
 * fixed thread count.
 */
final class DirectConv {

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
    record Layout(int planes, int hp, int wp, int padTop, int padLeft, int rows, int cols,
                          int outRows, int outCols) {

        /** Columns of the output at the padded width, rounded up to whole register blocks. */
        int width() {
            int used = (outRows - 1) * wp + outCols;
            return (used + ShiftedBlocks.BW - 1) / ShiftedBlocks.BW * ShiftedBlocks.BW;
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

        /** The inverse of {@link #fill}: the interior of {@code pad} at {@code at} back over the planes of dst at {@code from}. */
        void drain(float[] pad, int at, float[] dst, int from) {
            for (int c = 0; c < planes; c++) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(pad, at + (c * hp + r + padTop) * wp + padLeft, dst,
                            from + (c * rows + r) * cols, cols);
                }
            }
        }
    }

    static Layout input(Conv2dShape s) {
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
    static int[] offsets(Layout lay, int channels, Window2d w) {
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
                    ShiftedBlocks.rows(at, g * k * og, og, k, off, pad, 0, out, q);
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
                    ShiftedBlocks.rows(at, g * k * cg, cg, k, off, pad, 0, out, q);
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
        Layout lay = input(s);
        int[] off = offsets(lay, s.groupInChannels(), s.window());
        VectorConv.sumOverImages(s, dw, dbias, (from, to, pw, pb) -> weightGradImages(s, lay, off, x, dy, from, to,
                pw, pb));
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
                ShiftedBlocks.dots(dys, dySize, og, q, pads, srcSize, off, k, images, dw, g * og * k);
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
}
