package dev.thirty.kernels;

/**
 * The reference convolution: the definition in {@link ConvKernels#conv2d} as nested loops, one
 * output (or one gradient term) at a time, on the calling thread. Slow; the fast path is tested
 * against it. Pooling and response normalisation run the loops of {@link Pooling} and
 * {@link ResponseNorms} plane by plane, serially.
 */
final class ScalarConv implements ConvKernels {

    @Override
    public void conv2d(Conv2dShape s, float[] x, float[] w, float[] bias, float[] y) {
        int plane = s.outPlane();
        for (int n = 0; n < s.batch(); n++) {
            for (int o = 0; o < s.outChannels(); o++) {
                int at = (n * s.outChannels() + o) * plane;
                java.util.Arrays.fill(y, at, at + plane, bias == null ? 0f : bias[o]);
            }
        }
        forEachTap(s, (yIndex, wIndex, xIndex) -> y[yIndex] += w[wIndex] * x[xIndex]);
    }

    @Override
    public void conv2dInputGrad(Conv2dShape s, float[] dy, float[] w, float[] dx) {
        forEachTap(s, (yIndex, wIndex, xIndex) -> dx[xIndex] += dy[yIndex] * w[wIndex]);
    }

    @Override
    public void conv2dWeightGrad(Conv2dShape s, float[] x, float[] dy, float[] dw, float[] dbias) {
        forEachTap(s, (yIndex, wIndex, xIndex) -> dw[wIndex] += dy[yIndex] * x[xIndex]);
        if (dbias != null) {
            int plane = s.outPlane();
            for (int n = 0; n < s.batch(); n++) {
                for (int o = 0; o < s.outChannels(); o++) {
                    int base = (n * s.outChannels() + o) * plane;
                    for (int p = 0; p < plane; p++) {
                        dbias[o] += dy[base + p];
                    }
                }
            }
        }
    }

    /** One multiply of the convolution: output element, weight element, input element. */
    @FunctionalInterface
    private interface Tap {
        void apply(int yIndex, int wIndex, int xIndex);
    }

    /** Visits every in-bounds (output, weight, input) triple of the convolution. */
    private static void forEachTap(Conv2dShape s, Tap tap) {
        Window2d win = s.window();
        int oh = s.outHeight();
        int ow = s.outWidth();
        int cg = s.groupInChannels();
        int og = s.groupOutChannels();
        for (int n = 0; n < s.batch(); n++) {
            for (int o = 0; o < s.outChannels(); o++) {
                int c0 = o / og * cg;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int yIndex = ((n * s.outChannels() + o) * oh + i) * ow + j;
                        for (int c = 0; c < cg; c++) {
                            int xPlane = (n * s.inChannels() + c0 + c) * s.height();
                            int wBase = (o * cg + c) * win.taps();
                            for (int a = 0; a < win.kernelH(); a++) {
                                int r = i * win.strideH() - win.padH() + a * win.dilationH();
                                if (r < 0 || r >= s.height()) {
                                    continue;
                                }
                                for (int b = 0; b < win.kernelW(); b++) {
                                    int col = j * win.strideW() - win.padW() + b * win.dilationW();
                                    if (col >= 0 && col < s.width()) {
                                        tap.apply(yIndex, wBase + a * win.kernelW() + b, (xPlane + r) * s.width() + col);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void pool2d(Pool2dShape s, float[] x, float[] y, int[] argmax) {
        for (int p = 0; p < s.planes(); p++) {
            Pooling.forwardPlane(s, p, x, y, argmax);
        }
    }

    @Override
    public void pool2dBackward(Pool2dShape s, float[] dy, int[] argmax, float[] dx) {
        for (int p = 0; p < s.planes(); p++) {
            Pooling.backwardPlane(s, p, dy, argmax, dx);
        }
    }

    @Override
    public void responseNorm(ResponseNorm n, NchwShape s, float[] x, float[] y, float[] denom) {
        for (int img = 0; img < s.batch(); img++) {
            ResponseNorms.forwardImage(n, s, img, x, y, denom);
        }
    }

    @Override
    public void responseNormBackward(ResponseNorm n, NchwShape s, float[] x, float[] y, float[] denom,
                                     float[] dy, float[] dx) {
        float[] t = new float[s.image()];
        for (int img = 0; img < s.batch(); img++) {
            ResponseNorms.backwardImage(n, s, img, x, y, denom, dy, dx, t);
        }
    }
}
