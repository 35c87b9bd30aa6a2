package dev.thirty.kernels;

/**
 * The reference {@link AttentionKernels}: each product written out as its sum over the lower
 * triangle, in increasing index order, and the softmax of {@link ScalarRows}.
 */
final class ScalarAttention implements AttentionKernels {

    private final ScalarRows rows = new ScalarRows();

    @Override
    public void causalForward(CausalHead h, float[] probs, int pOff, float[] out, int oOff, int ldo) {
        int t = h.t();
        float[] x = h.qkv();
        float[] s = new float[t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j <= i; j++) {
                s[j] = h.scale() * dot(x, h.q() + i * h.ld(), x, h.k() + j * h.ld(), h.d());
            }
            int row = pOff + i * t;
            rows.softmax(s, 0, probs, row, 1, i + 1);
            java.util.Arrays.fill(probs, row + i + 1, row + t, 0f);
            for (int c = 0; c < h.d(); c++) {
                float sum = 0f;
                for (int j = 0; j <= i; j++) {
                    sum += probs[row + j] * x[h.v() + j * h.ld() + c];
                }
                out[oOff + i * ldo + c] = sum;
            }
        }
    }

    @Override
    public void causalBackward(CausalHead h, float[] probs, int pOff, float[] g, int gOff, int ldg,
                               float[] gqkv) {
        int t = h.t();
        int d = h.d();
        int ld = h.ld();
        float[] x = h.qkv();
        float[] ds = new float[t * t];
        for (int i = 0; i < t; i++) {
            int row = pOff + i * t;
            float rowDot = 0f;
            for (int j = 0; j <= i; j++) {
                float dp = dot(g, gOff + i * ldg, x, h.v() + j * ld, d);
                ds[i * t + j] = dp;
                rowDot += dp * probs[row + j];
            }
            for (int j = 0; j <= i; j++) {
                ds[i * t + j] = probs[row + j] * (ds[i * t + j] - rowDot);
            }
        }
        for (int j = 0; j < t; j++) {
            for (int c = 0; c < d; c++) {
                float dv = 0f;
                float dk = 0f;
                for (int i = j; i < t; i++) {
                    dv += probs[pOff + i * t + j] * g[gOff + i * ldg + c];
                    dk += ds[i * t + j] * x[h.q() + i * ld + c];
                }
                gqkv[h.v() + j * ld + c] += dv;
                gqkv[h.k() + j * ld + c] += h.scale() * dk;
            }
        }
        for (int i = 0; i < t; i++) {
            for (int c = 0; c < d; c++) {
                float dq = 0f;
                for (int j = 0; j <= i; j++) {
                    dq += ds[i * t + j] * x[h.k() + j * ld + c];
                }
                gqkv[h.q() + i * ld + c] += h.scale() * dq;
            }
        }
    }

    private static float dot(float[] a, int ai, float[] b, int bi, int n) {
        float sum = 0f;
        for (int p = 0; p < n; p++) {
            sum += a[ai + p] * b[bi + p];
        }
        return sum;
    }
}
