package dev.thirty.kernels;

/**
 * Max and average pooling of one plane, the loops both backends run (the fast one in parallel
 * over planes).
 *
 * <p>A window of output (i, j) starts at input row {@code i * strideH - padH} and column
 * {@code j * strideW - padW}. The averages divide by the window clipped to the padded input
 * ({@link PoolMode#AVERAGE_INCLUDING_PADDING}) or to the input
 * ({@link PoolMode#AVERAGE_EXCLUDING_PADDING}), as PyTorch's {@code avg_pool2d} does. Max pooling
 * propagates NaN (a NaN in the window is its maximum), as PyTorch does.
 */
final class Pooling {

    private Pooling() {
    }

    static void forwardPlane(Pool2dShape s, int plane, float[] x, float[] y, int[] argmax) {
        Window2d win = s.window();
        int h = s.height();
        int w = s.width();
        int oh = s.outHeight();
        int ow = s.outWidth();
        int xOff = plane * h * w;
        int yi = plane * oh * ow;
        for (int i = 0; i < oh; i++) {
            Span rows = Span.of(i * win.strideH() - win.padH(), win.kernelH(), h, win.padH());
            int r0 = rows.lo();
            int r1 = rows.hi();
            for (int j = 0; j < ow; j++, yi++) {
                Span cols = Span.of(j * win.strideW() - win.padW(), win.kernelW(), w, win.padW());
                int c0 = cols.lo();
                int c1 = cols.hi();
                if (s.mode() == PoolMode.MAX) {
                    int best = -1;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int r = r0; r < r1; r++) {
                        for (int c = c0; c < c1; c++) {
                            float v = x[xOff + r * w + c];
                            if (v > max || Float.isNaN(v) || best < 0) {
                                max = v;
                                best = r * w + c;
                                if (Float.isNaN(v)) {
                                    r = r1;
                                    break;
                                }
                            }
                        }
                    }
                    y[yi] = max;
                    argmax[yi] = best;
                } else {
                    float sum = 0f;
                    for (int r = r0; r < r1; r++) {
                        for (int c = c0; c < c1; c++) {
                            sum += x[xOff + r * w + c];
                        }
                    }
                    int divisor = divisor(s.mode(), rows, cols);
                    y[yi] = sum / divisor;
                }
            }
        }
    }

    static void backwardPlane(Pool2dShape s, int plane, float[] dy, int[] argmax, float[] dx) {
        int h = s.height();
        int w = s.width();
        int oh = s.outHeight();
        int ow = s.outWidth();
        int xOff = plane * h * w;
        int yOff = plane * oh * ow;
        if (s.mode() == PoolMode.MAX) {
            for (int k = 0; k < oh * ow; k++) {
                dx[xOff + argmax[yOff + k]] += dy[yOff + k];
            }
            return;
        }
        Window2d win = s.window();
        for (int i = 0; i < oh; i++) {
            Span rows = Span.of(i * win.strideH() - win.padH(), win.kernelH(), h, win.padH());
            int r0 = rows.lo();
            int r1 = rows.hi();
            for (int j = 0; j < ow; j++) {
                Span cols = Span.of(j * win.strideW() - win.padW(), win.kernelW(), w, win.padW());
                int c0 = cols.lo();
                int c1 = cols.hi();
                int divisor = divisor(s.mode(), rows, cols);
                float g = dy[yOff + i * ow + j] / divisor;
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        dx[xOff + r * w + c] += g;
                    }
                }
            }
        }
    }

    /**
     * A window's extent along one axis: {@code [lo, hi)} inside the input, and its length inside
     * the padded input.
     */
    private record Span(int lo, int hi, int withPadding) {

        static Span of(int start, int kernel, int size, int pad) {
            int end = Math.min(start + kernel, size + pad);
            return new Span(Math.max(start, 0), Math.min(end, size), end - start);
        }
    }

    private static int divisor(PoolMode mode, Span rows, Span cols) {
        return mode == PoolMode.AVERAGE_INCLUDING_PADDING
                ? rows.withPadding() * cols.withPadding() : (rows.hi() - rows.lo()) * (cols.hi() - cols.lo());
    }
}
