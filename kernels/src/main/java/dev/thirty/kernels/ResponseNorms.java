package dev.thirty.kernels;

/**
 * Local response normalisation of one image, the loops both backends run (the fast one in parallel
 * over images). See {@link ResponseNorm} for the formula.
 *
 * <p>An element's neighbourhood along an axis runs from {@code size / 2} before it to
 * {@code size - 1 - size / 2} after it, clipped; so element i is in the neighbourhood of the j with
 * {@code i - after <= j <= i + before}, which the backward pass sums over. Across channels the
 * loops run over whole planes, so the inner loops are contiguous.
 */
final class ResponseNorms {

    private ResponseNorms() {
    }

    static void forwardImage(ResponseNorm n, NchwShape s, int img, float[] x, float[] y, float[] denom) {
        int off = img * s.image();
        int plane = s.plane();
        int before = n.size() / 2;
        int after = n.size() - 1 - before;
        for (int c = 0; c < s.channels(); c++) {
            int at = off + c * plane;
            java.util.Arrays.fill(denom, at, at + plane, 0f);
            if (n.region() == ResponseNorm.Region.ACROSS_CHANNELS) {
                for (int q = Math.max(0, c - before); q <= Math.min(s.channels() - 1, c + after); q++) {
                    int from = off + q * plane;
                    for (int p = 0; p < plane; p++) {
                        float v = x[from + p];
                        denom[at + p] += v * v;
                    }
                }
            } else {
                squaresInSquares(s, x, at, denom, before, after);
            }
            for (int p = at; p < at + plane; p++) {
                float d = n.k() + n.alpha() * denom[p];
                denom[p] = d;
                y[p] = x[p] * negPow(d, n.beta());
            }
        }
    }

    /** Adds into {@code out[at + r*W + q]} the sum of squares of x over rows r-before..r+after, columns likewise. */
    private static void squaresInSquares(NchwShape s, float[] x, int at, float[] out, int before, int after) {
        int h = s.height();
        int w = s.width();
        for (int r = 0; r < h; r++) {
            for (int q = 0; q < w; q++) {
                float sum = 0f;
                for (int rr = Math.max(0, r - before); rr <= Math.min(h - 1, r + after); rr++) {
                    for (int qq = Math.max(0, q - before); qq <= Math.min(w - 1, q + after); qq++) {
                        float v = x[at + rr * w + qq];
                        sum += v * v;
                    }
                }
                out[at + r * w + q] += sum;
            }
        }
    }

    /**
     * Backward of one image; {@code t} is scratch of one image's length.
     */
    static void backwardImage(ResponseNorm n, NchwShape s, int img, float[] x, float[] y, float[] denom,
                              float[] dy, float[] dx, float[] t) {
        int off = img * s.image();
        int plane = s.plane();
        int before = n.size() / 2;
        int after = n.size() - 1 - before;
        for (int i = 0; i < s.image(); i++) {
            t[i] = dy[off + i] * y[off + i] / denom[off + i];
        }
        float twoAlphaBeta = 2f * n.alpha() * n.beta();
        float[] gathered = new float[plane];
        for (int c = 0; c < s.channels(); c++) {
            java.util.Arrays.fill(gathered, 0f);
            if (n.region() == ResponseNorm.Region.ACROSS_CHANNELS) {
                for (int q = Math.max(0, c - after); q <= Math.min(s.channels() - 1, c + before); q++) {
                    for (int p = 0; p < plane; p++) {
                        gathered[p] += t[q * plane + p];
                    }
                }
            } else {
                gatherSquares(s, t, c * plane, gathered, before, after);
            }
            int at = off + c * plane;
            for (int p = 0; p < plane; p++) {
                dx[at + p] += dy[at + p] * negPow(denom[at + p], n.beta()) - twoAlphaBeta * x[at + p] * gathered[p];
            }
        }
    }

    /** {@code out[r*W + q] += sum of t[at + ...]} over rows r-after..r+before, columns likewise. */
    private static void gatherSquares(NchwShape s, float[] t, int at, float[] out, int before, int after) {
        int h = s.height();
        int w = s.width();
        for (int r = 0; r < h; r++) {
            for (int q = 0; q < w; q++) {
                float sum = 0f;
                for (int rr = Math.max(0, r - after); rr <= Math.min(h - 1, r + before); rr++) {
                    for (int qq = Math.max(0, q - after); qq <= Math.min(w - 1, q + before); qq++) {
                        sum += t[at + rr * w + qq];
                    }
                }
                out[r * w + q] += sum;
            }
        }
    }

    /** {@code d^(-beta)}; the common beta = 3/4 by square roots, which is faster than pow. */
    static float negPow(float d, float beta) {
        if (beta == 0.75f) {
            double r = Math.sqrt(d);
            return (float) (1.0 / (r * Math.sqrt(r)));
        }
        return (float) Math.pow(d, -beta);
    }
}
