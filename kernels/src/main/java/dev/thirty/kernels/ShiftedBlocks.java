package dev.thirty.kernels;

import static dev.thirty.kernels.GemmMicroKernel.L;
import static dev.thirty.kernels.GemmMicroKernel.S;

import jdk.incubator.vector.FloatVector;

/**
 * The register blocks of {@link DirectConv}: products whose right-hand rows are runs of one array
 * at fixed shifts {@code off[t]}, so nothing is packed.
 *
 * <ul>
 *   <li>{@link #rows}: {@code out (m x q) = A^T (k x m, stored transposed) * shifted rows} in blocks
 *       of 8, 6, 4 or 1 output rows by 2 vectors of columns (2 loads and one broadcast per row per
 *       tap);</li>
 *   <li>{@link #dots}: {@code dw (m x k) += D (m x q) * shifted rows^T}, in blocks of 4 or 2 rows of D
 *       by 2 taps, accumulated in registers over a chunk of images before their lanes are summed
 *       by the fixed tree of {@link VectorReductions#sumLanes}.</li>
 * </ul>
 *
 * <p>The blocks repeat their unrolled lines on purpose: the accumulators must be locals of one
 * method for C2 to keep them in registers, as in the GEMM's tiles.
 */
final class ShiftedBlocks {

    /**
     * Whether the 8-row block (16 accumulators) may run: only with 32 vector registers (AVX-512);
     * with 16 it would spill, as the GEMM's wide tiles did (see {@link GemmMicroKernel#MR}).
     */
    private static final boolean WIDE_BLOCKS = L >= 16;
    /** Columns per register block. */
    static final int BW = 2 * L;

    private ShiftedBlocks() {
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
