package dev.thirty.kernels;

import java.util.Arrays;

/**
 * Unfolding one group of one image into the patch matrix a convolution multiplies by its weights,
 * and folding a patch-matrix gradient back onto the image.
 *
 * <p>The patch matrix is {@code (Cg * kh * kw) x (oh * ow)}, row-major: row {@code (c, a, b)} holds
 * input channel c of the group at tap (a, b) for every output position, zero where the tap falls
 * in the padding. Then the group's output is {@code W_g (og x K) * cols (K x P)}.
 */
final class Im2col {

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
