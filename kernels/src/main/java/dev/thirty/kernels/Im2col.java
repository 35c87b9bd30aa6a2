package dev.thirty.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Unfolding one group of one image into the patch matrix a convolution multiplies by its weights,
 * and folding a patch-matrix gradient back onto the image.
 *
 * <p>The patch matrix is {@code (Cg * kh * kw) x (oh * ow)}, row-major: row {@code (c, a, b)} holds
 * input channel c of the group at tap (a, b) for every output position, zero where the tap falls
 * in the padding. Then the group's output is {@code W_g (og x K) * cols (K x P)}.
 */
final class Im2col {

    private static final VectorSpecies<Float> S = GemmMicroKernel.S;
    private static final int L = S.length();

    private Im2col() {
    }

    /** True when the patch matrix is the input itself: a 1x1 window, stride 1, no padding. */
    static boolean isIdentity(Conv2dShape s) {
        Window2d w = s.window();
        return w.taps() == 1 && w.strideH() == 1 && w.strideW() == 1 && w.padH() == 0 && w.padW() == 0
                && s.outHeight() == s.height() && s.outWidth() == s.width();
    }

    /** Writes the patch matrix of group {@code g} of image {@code n} into {@code cols}. */
    static void unfold(Conv2dShape s, float[] x, int n, int g, float[] cols) {
        if (unitStride(s)) {
            unfoldPadded(s, x, n, g, cols);
            return;
        }
        Window2d win = s.window();
        int oh = s.outHeight();
        int ow = s.outWidth();
        int h = s.height();
        int w = s.width();
        int cg = s.groupInChannels();
        int row = 0;
        for (int c = 0; c < cg; c++) {
            int plane = (n * s.inChannels() + g * cg + c) * h * w;
            for (int a = 0; a < win.kernelH(); a++) {
                for (int b = 0; b < win.kernelW(); b++, row++) {
                    int dst = row * oh * ow;
                    int colShift = b * win.dilationW() - win.padW();
                    int jLo = firstInside(colShift, win.strideW());
                    int jHi = Math.min(ow, lastInside(colShift, win.strideW(), w) + 1);
                    for (int i = 0; i < oh; i++, dst += ow) {
                        int r = i * win.strideH() - win.padH() + a * win.dilationH();
                        if (r < 0 || r >= h || jLo >= jHi) {
                            Arrays.fill(cols, dst, dst + ow, 0f);
                            continue;
                        }
                        Arrays.fill(cols, dst, dst + jLo, 0f);
                        int src = plane + r * w + colShift;
                        if (win.strideW() == 1) {
                            System.arraycopy(x, src + jLo, cols, dst + jLo, jHi - jLo);
                        } else {
                            for (int j = jLo; j < jHi; j++) {
                                cols[dst + j] = x[src + j * win.strideW()];
                            }
                        }
                        Arrays.fill(cols, dst + jHi, dst + ow, 0f);
                    }
                }
            }
        }
    }

    /** Adds the patch-matrix gradient {@code cols} of group {@code g} of image {@code n} into {@code dx}. */
    static void foldAdd(Conv2dShape s, float[] cols, int n, int g, float[] dx) {
        if (unitStride(s)) {
            foldAddPadded(s, cols, n, g, dx);
            return;
        }
        Window2d win = s.window();
        int oh = s.outHeight();
        int ow = s.outWidth();
        int h = s.height();
        int w = s.width();
        int cg = s.groupInChannels();
        int row = 0;
        for (int c = 0; c < cg; c++) {
            int plane = (n * s.inChannels() + g * cg + c) * h * w;
            for (int a = 0; a < win.kernelH(); a++) {
                for (int b = 0; b < win.kernelW(); b++, row++) {
                    int src = row * oh * ow;
                    int colShift = b * win.dilationW() - win.padW();
                    int jLo = firstInside(colShift, win.strideW());
                    int jHi = Math.min(ow, lastInside(colShift, win.strideW(), w) + 1);
                    for (int i = 0; i < oh; i++, src += ow) {
                        int r = i * win.strideH() - win.padH() + a * win.dilationH();
                        if (r < 0 || r >= h) {
                            continue;
                        }
                        int dst = plane + r * w + colShift;
                        int step = win.strideW();
                        for (int j = jLo; j < jHi; j++) {
                            dx[dst + j * step] += cols[src + j];
                        }
                    }
                }
            }
        }
    }

    /** Stride 1 both ways: every tap of every output row then reads one whole run of a padded input row. */
    private static boolean unitStride(Conv2dShape s) {
        return s.window().strideH() == 1 && s.window().strideW() == 1;
    }

    /**
     * {@link #unfold} at stride 1: the group's planes are first copied into a zero-bordered buffer
     * ({@code (H + 2 ph) x (W + 2 pw)} each, {@link ConvScratch#padded}), so each row of the patch
     * matrix is {@code oh} whole runs of {@code ow} copied a vector at a time, with no bounds to test.
     * At stride 1 every window stays inside the padded planes: {@code i + a dh < oh + dh (kh - 1) = H + 2 ph}.
     */
    private static void unfoldPadded(Conv2dShape s, float[] x, int n, int g, float[] cols) {
        throughPadded(s, x, n, g, cols, false);
    }

    /**
     * {@link #foldAdd} at stride 1, through the same padded buffer: the group's planes of dx are
     * copied in, every run added a vector at a time, and the interior copied back. Each element of
     * dx takes the same additions in the same order as the direct fold.
     */
    private static void foldAddPadded(Conv2dShape s, float[] cols, int n, int g, float[] dx) {
        throughPadded(s, dx, n, g, cols, true);
    }

    /** Unfolds {@code image} into {@code cols}, or ({@code fold}) adds {@code cols} into it, through the padded buffer. */
    private static void throughPadded(Conv2dShape s, float[] image, int n, int g, float[] cols, boolean fold) {
        int p = s.outPlane();
        int ow = s.outWidth();
        DirectConv.Layout lay = DirectConv.input(s);
        int[] off = DirectConv.offsets(lay, s.groupInChannels(), s.window());
        float[] pad = ConvScratch.padded(lay.size());
        int first = (n * s.inChannels() + g * s.groupInChannels()) * s.height() * s.width();
        lay.fill(image, first, pad, 0);
        for (int row = 0; row < off.length; row++) {
            int at = off[row];
            for (int col = row * p, end = col + p; col < end; col += ow, at += lay.wp()) {
                if (fold) {
                    addRun(cols, col, pad, at, ow);
                } else {
                    copyRun(pad, at, cols, col, ow);
                }
            }
        }
        if (fold) {
            lay.drain(pad, 0, image, first);
        }
    }

    /** {@code dst[to + j] = src[from + j]} for {@code j < len}, a vector at a time. */
    private static void copyRun(float[] src, int from, float[] dst, int to, int len) {
        int j = 0;
        for (; j + L <= len; j += L) {
            FloatVector.fromArray(S, src, from + j).intoArray(dst, to + j);
        }
        for (; j < len; j++) {
            dst[to + j] = src[from + j];
        }
    }

    /** {@code dst[to + j] += src[from + j]} for {@code j < len}, a vector at a time. */
    private static void addRun(float[] src, int from, float[] dst, int to, int len) {
        int j = 0;
        for (; j + L <= len; j += L) {
            FloatVector.fromArray(S, dst, to + j).add(FloatVector.fromArray(S, src, from + j)).intoArray(dst, to + j);
        }
        for (; j < len; j++) {
            dst[to + j] += src[from + j];
        }
    }

    /** The first output column j with {@code j * stride + shift >= 0}. */
    private static int firstInside(int shift, int stride) {
        return shift >= 0 ? 0 : (-shift + stride - 1) / stride;
    }

    /** The last output column j with {@code j * stride + shift < width} (may be negative). */
    private static int lastInside(int shift, int stride, int width) {
        int room = width - 1 - shift;
        return room < 0 ? -1 : room / stride;
    }
}
