package dev.thirty.kernels;

import static dev.thirty.kernels.GemmMicroKernel.L;
import static dev.thirty.kernels.GemmMicroKernel.S;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The Vector API {@link AttentionKernels}. Every product of a head is one shape,
 *
 * <pre>O[r][c] = alpha * sum over p in [p0, p1) of X(r, p) * Y[p][c]   (+ O[r][c] when accumulating)</pre>
 *
 * computed on register tiles of {@code 8} rows by two vectors of columns (16 accumulators, after
 * the micro-kernel of {@link GemmMicroKernel}; with AVX2's 16 registers, as two tiles of 4 rows) straight from the operands, without packing: a head
 * is small enough ({@code t x d}, 64 x 32 in a small GPT) that its rows stay in L1. {@code X} is read
 * either along its rows ({@code Q}, {@code P}, {@code dO}, {@code dS}) or down its columns
 * ({@code P^T}, {@code dS^T}); {@code K} and {@code V} are transposed once per head into a scratch
 * block so {@code Q K^T} and {@code dO V^T} read rows too.
 *
 * <p>The causal mask bounds every loop: a block of query rows {@code [i0, i0 + 8)} computes scores
 * only up to column {@code i0 + 7}, sums {@code P V} and {@code dS K} only up to that depth, and
 * {@code P^T dO}, {@code dS^T Q} only from depth {@code j0} on. Entries past a row's diagonal that
 * a tile still covers are exact zeros of {@code P} and {@code dS}, so they add nothing.
 *
 * <p>Each output element is one FMA chain over increasing depth, so results do not depend on the
 * thread that computes a head; they differ from {@link ScalarAttention} only by that rounding and
 * the vector exponential of the softmax.
 */
final class VectorAttention implements AttentionKernels {

    /** Rows of a register tile. */
    private static final int R = 8;
    /** Columns of a register tile: two vectors. */
    private static final int W = 2 * L;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    @Override
    public void causalForward(CausalHead h, float[] probs, int pOff, float[] out, int oOff, int ldo) {
        int t = h.t();
        int d = h.d();
        float[] x = h.qkv();
        int tp = padded(t);
        Scratch s = SCRATCH.get();
        float[] kt = s.transposed(x, h.k(), h.ld(), t, d, tp);
        float[] scores = s.second(R * tp);
        for (int i0 = 0; i0 < t; i0 += R) {
            int n = Math.min(R, t - i0);
            // S = scale * Q K^T for rows [i0, i0 + n), whole tiles of columns up to the last row's diagonal
            product(x, h.q() + i0 * h.ld(), h.ld(), 1, 0, d, kt, 0, tp, h.scale(), scores, 0, tp, false, n,
                    padded(i0 + n));
            for (int r = 0; r < n; r++) {
                softmaxRow(scores, r * tp, i0 + r + 1, probs, pOff + (i0 + r) * t, t);
            }
        }
        for (int i0 = 0; i0 < t; i0 += R) {
            int n = Math.min(R, t - i0);
            // O = P V: row i of P is zero past column i
            product(probs, pOff + i0 * t, t, 1, 0, i0 + n, x, h.v(), h.ld(), 1f, out, oOff + i0 * ldo, ldo,
                    false, n, d);
        }
    }

    @Override
    public void causalBackward(CausalHead h, float[] probs, int pOff, float[] g, int gOff, int ldg,
                               float[] gqkv) {
        int t = h.t();
        int d = h.d();
        int ld = h.ld();
        float[] x = h.qkv();
        for (int j0 = 0; j0 < t; j0 += R) {
            // dV = P^T dO: column j of P is zero above row j
            product(probs, pOff + j0, 1, t, j0, t, g, gOff, ldg, 1f, gqkv, h.v() + j0 * ld, ld,
                    true, Math.min(R, t - j0), d);
        }
        int tp = padded(t);
        Scratch s = SCRATCH.get();
        float[] vt = s.transposed(x, h.v(), ld, t, d, tp);
        float[] ds = s.second(t * tp);
        for (int i0 = 0; i0 < t; i0 += R) {
            int n = Math.min(R, t - i0);
            // dP = dO V^T, whole tiles of columns up to the last row's diagonal
            product(g, gOff + i0 * ldg, ldg, 1, 0, d, vt, 0, tp, 1f, ds, i0 * tp, tp, false, n, padded(i0 + n));
        }
        for (int i = 0; i < t; i++) {
            softmaxGradient(probs, pOff + i * t, ds, i * tp, i + 1);
            Arrays.fill(ds, i * tp + i + 1, i * tp + t, 0f);
        }
        for (int i0 = 0; i0 < t; i0 += R) {
            int n = Math.min(R, t - i0);
            // dQ = scale * dS K
            product(ds, i0 * tp, tp, 1, 0, i0 + n, x, h.k(), ld, h.scale(), gqkv, h.q() + i0 * ld, ld, true, n, d);
        }
        for (int j0 = 0; j0 < t; j0 += R) {
            // dK = scale * dS^T Q
            product(ds, j0, 1, tp, j0, t, x, h.q(), ld, h.scale(), gqkv, h.k() + j0 * ld, ld,
                    true, Math.min(R, t - j0), d);
        }
    }

    /** {@code n} rounded up to whole tiles of columns. */
    private static int padded(int n) {
        return (n + W - 1) / W * W;
    }

    /**
     * Row {@code i} of P from its scores: the softmax of the first {@code cols = i + 1} entries of
     * {@code s} at {@code si} (a scratch row, padded to whole vectors, overwritten), zeros after, as
     * {@code t} entries at {@code pi}. Lanes past the diagonal are set to -inf, whose exponential is
     * exactly zero, so every loop runs on whole vectors. {@link VectorRows#softmax} would give the
     * same row, but its masked last step repeats the exponential, which C2 does not inline once the
     * main loop has spent its budget; the boxed vectors cost about half again the whole attention
     * (14 against 9 ms for the four layers of a gpt-char step, forward and backward).
     */
    private static void softmaxRow(float[] s, int si, int cols, float[] probs, int pi, int t) {
        int whole = (cols + L - 1) / L * L;
        Arrays.fill(s, si + cols, si + whole, Float.NEGATIVE_INFINITY);
        FloatVector max = FloatVector.fromArray(S, s, si);
        for (int j = L; j < whole; j += L) {
            max = max.max(FloatVector.fromArray(S, s, si + j));
        }
        float shift = VectorReductions.maxLanes(max);
        FloatVector sum = FloatVector.zero(S);
        for (int j = 0; j < whole; j += L) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, s, si + j).sub(shift));
            e.intoArray(s, si + j);
            sum = sum.add(e);
        }
        float inv = 1f / VectorReductions.sumLanes(sum);
        int j = 0;
        for (; j < whole && j + L <= t; j += L) {
            FloatVector.fromArray(S, s, si + j).mul(inv).intoArray(probs, pi + j);
        }
        if (j < whole) {
            VectorMask<Float> m = S.indexInRange(j, t);
            FloatVector.fromArray(S, s, si + j).mul(inv).intoArray(probs, pi + j, m);
            j = t;
        }
        Arrays.fill(probs, pi + j, pi + t, 0f);
    }

    /** {@code dp = p * (dp - sum(dp * p))} over one row of {@code cols} entries, in place. */
    private static void softmaxGradient(float[] p, int pi, float[] dp, int di, int cols) {
        float dot = VectorReductions.dotOf(dp, di, p, pi, cols);
        int j = 0;
        for (; j <= cols - L; j += L) {
            FloatVector g = FloatVector.fromArray(S, dp, di + j).sub(dot);
            FloatVector.fromArray(S, p, pi + j).mul(g).intoArray(dp, di + j);
        }
        if (j < cols) {
            VectorMask<Float> m = S.indexInRange(j, cols);
            FloatVector g = FloatVector.fromArray(S, dp, di + j, m).sub(dot);
            FloatVector.fromArray(S, p, pi + j, m).mul(g).intoArray(dp, di + j, m);
        }
    }

    /**
     * {@code O[r][c] = alpha * sum over p in [p0, p1) of X(r, p) * Y[p][c]} (plus {@code O[r][c]}
     * when {@code add}) for {@code r < n}, {@code c < w}, where {@code X(r, p) = xa[x + r*xr + p*xp]},
     * {@code Y[p][c] = y[yo + p*yr + c]} and {@code O[r][c] = o[oo + r*or + c]}.
     */
    private static void product(float[] xa, int x, int xr, int xp, int p0, int p1,
                                float[] y, int yo, int yr, float alpha,
                                float[] o, int oo, int or, boolean add, int n, int w) {
        int c = 0;
        if (n == R) {
            for (; c + W <= w; c += W) {
                tile(xa, x, xr, xp, p0, p1, y, yo + c, yr, alpha, o, oo + c, or, add);
            }
        }
        for (int r = 0; r < n; r++) {
            for (int v = c; v < w; v += L) {
                rowVector(xa, x + r * xr, xp, p0, p1, y, yo + v, yr, alpha, o, oo + r * or + v, add,
                        S.indexInRange(v, w));
            }
        }
    }

    /**
     * An 8 x 2L tile of {@link #product}, {@code X(r, p) = xa[x + r*xr + p*xp]}.
     */
    // One long method on purpose, as GemmMicroKernel.tileInto: the 16 accumulators must stay locals,
    // and every vector operation must be inlined here (a call taking vectors that C2 does not
    // inline makes it box them).
    private static void tile(float[] xa, int x, int xr, int xp, int p0, int p1, float[] y, int yo, int yr,
                             float alpha, float[] o, int oo, int or, boolean add) {
        if (GemmMicroKernel.MR >= R) {
            tile8(xa, x, xr, xp, p0, p1, y, yo, yr, alpha, o, oo, or, add);
        } else {
            tile4(xa, x, xr, xp, p0, p1, y, yo, yr, alpha, o, oo, or, add);
            tile4(xa, x + 4 * xr, xr, xp, p0, p1, y, yo, yr, alpha, o, oo + 4 * or, or, add);
        }
    }

    /** {@link #tile} in one pass, where 16 accumulators fit in the registers (32 of them: AVX-512). */
    private static void tile8(float[] xa, int x, int xr, int xp, int p0, int p1, float[] y, int yo, int yr,
                              float alpha, float[] o, int oo, int or, boolean add) {
        int x0 = x, x1 = x + xr, x2 = x + 2 * xr, x3 = x + 3 * xr;
        int x4 = x + 4 * xr, x5 = x + 5 * xr, x6 = x + 6 * xr, x7 = x + 7 * xr;
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        FloatVector e;
        for (int p = p0; p < p1; p++) {
            int yp = yo + p * yr;
            int xq = p * xp;
            FloatVector b0 = FloatVector.fromArray(S, y, yp);
            FloatVector b1 = FloatVector.fromArray(S, y, yp + L);
            e = FloatVector.broadcast(S, xa[x0 + xq]); c00 = e.fma(b0, c00); c01 = e.fma(b1, c01);
            e = FloatVector.broadcast(S, xa[x1 + xq]); c10 = e.fma(b0, c10); c11 = e.fma(b1, c11);
            e = FloatVector.broadcast(S, xa[x2 + xq]); c20 = e.fma(b0, c20); c21 = e.fma(b1, c21);
            e = FloatVector.broadcast(S, xa[x3 + xq]); c30 = e.fma(b0, c30); c31 = e.fma(b1, c31);
            e = FloatVector.broadcast(S, xa[x4 + xq]); c40 = e.fma(b0, c40); c41 = e.fma(b1, c41);
            e = FloatVector.broadcast(S, xa[x5 + xq]); c50 = e.fma(b0, c50); c51 = e.fma(b1, c51);
            e = FloatVector.broadcast(S, xa[x6 + xq]); c60 = e.fma(b0, c60); c61 = e.fma(b1, c61);
            e = FloatVector.broadcast(S, xa[x7 + xq]); c70 = e.fma(b0, c70); c71 = e.fma(b1, c71);
        }
        FloatVector va = FloatVector.broadcast(S, alpha);
        if (add) {
            c00 = c00.fma(va, FloatVector.fromArray(S, o, oo));
            c01 = c01.fma(va, FloatVector.fromArray(S, o, oo + L));
            c10 = c10.fma(va, FloatVector.fromArray(S, o, oo + 1 * or));
            c11 = c11.fma(va, FloatVector.fromArray(S, o, oo + 1 * or + L));
            c20 = c20.fma(va, FloatVector.fromArray(S, o, oo + 2 * or));
            c21 = c21.fma(va, FloatVector.fromArray(S, o, oo + 2 * or + L));
            c30 = c30.fma(va, FloatVector.fromArray(S, o, oo + 3 * or));
            c31 = c31.fma(va, FloatVector.fromArray(S, o, oo + 3 * or + L));
            c40 = c40.fma(va, FloatVector.fromArray(S, o, oo + 4 * or));
            c41 = c41.fma(va, FloatVector.fromArray(S, o, oo + 4 * or + L));
            c50 = c50.fma(va, FloatVector.fromArray(S, o, oo + 5 * or));
            c51 = c51.fma(va, FloatVector.fromArray(S, o, oo + 5 * or + L));
            c60 = c60.fma(va, FloatVector.fromArray(S, o, oo + 6 * or));
            c61 = c61.fma(va, FloatVector.fromArray(S, o, oo + 6 * or + L));
            c70 = c70.fma(va, FloatVector.fromArray(S, o, oo + 7 * or));
            c71 = c71.fma(va, FloatVector.fromArray(S, o, oo + 7 * or + L));
        } else {
            c00 = c00.mul(va);
            c01 = c01.mul(va);
            c10 = c10.mul(va);
            c11 = c11.mul(va);
            c20 = c20.mul(va);
            c21 = c21.mul(va);
            c30 = c30.mul(va);
            c31 = c31.mul(va);
            c40 = c40.mul(va);
            c41 = c41.mul(va);
            c50 = c50.mul(va);
            c51 = c51.mul(va);
            c60 = c60.mul(va);
            c61 = c61.mul(va);
            c70 = c70.mul(va);
            c71 = c71.mul(va);
        }
        c00.intoArray(o, oo); c01.intoArray(o, oo + L);
        c10.intoArray(o, oo + 1 * or); c11.intoArray(o, oo + 1 * or + L);
        c20.intoArray(o, oo + 2 * or); c21.intoArray(o, oo + 2 * or + L);
        c30.intoArray(o, oo + 3 * or); c31.intoArray(o, oo + 3 * or + L);
        c40.intoArray(o, oo + 4 * or); c41.intoArray(o, oo + 4 * or + L);
        c50.intoArray(o, oo + 5 * or); c51.intoArray(o, oo + 5 * or + L);
        c60.intoArray(o, oo + 6 * or); c61.intoArray(o, oo + 6 * or + L);
        c70.intoArray(o, oo + 7 * or); c71.intoArray(o, oo + 7 * or + L);
    }

    /**
     * Four rows of {@link #tile}: 8 accumulators, for 16 vector registers (AVX2), where 16 would
     * spill (see {@link GemmMicroKernel}). The same arithmetic per element as {@link #tile8}.
     */
    private static void tile4(float[] xa, int x, int xr, int xp, int p0, int p1, float[] y, int yo, int yr,
                              float alpha, float[] o, int oo, int or, boolean add) {
        int x0 = x, x1 = x + xr, x2 = x + 2 * xr, x3 = x + 3 * xr;
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector e;
        for (int p = p0; p < p1; p++) {
            int yp = yo + p * yr;
            int xq = p * xp;
            FloatVector b0 = FloatVector.fromArray(S, y, yp);
            FloatVector b1 = FloatVector.fromArray(S, y, yp + L);
            e = FloatVector.broadcast(S, xa[x0 + xq]); c00 = e.fma(b0, c00); c01 = e.fma(b1, c01);
            e = FloatVector.broadcast(S, xa[x1 + xq]); c10 = e.fma(b0, c10); c11 = e.fma(b1, c11);
            e = FloatVector.broadcast(S, xa[x2 + xq]); c20 = e.fma(b0, c20); c21 = e.fma(b1, c21);
            e = FloatVector.broadcast(S, xa[x3 + xq]); c30 = e.fma(b0, c30); c31 = e.fma(b1, c31);
        }
        FloatVector va = FloatVector.broadcast(S, alpha);
        if (add) {
            c00 = c00.fma(va, FloatVector.fromArray(S, o, oo));
            c01 = c01.fma(va, FloatVector.fromArray(S, o, oo + L));
            c10 = c10.fma(va, FloatVector.fromArray(S, o, oo + 1 * or));
            c11 = c11.fma(va, FloatVector.fromArray(S, o, oo + 1 * or + L));
            c20 = c20.fma(va, FloatVector.fromArray(S, o, oo + 2 * or));
            c21 = c21.fma(va, FloatVector.fromArray(S, o, oo + 2 * or + L));
            c30 = c30.fma(va, FloatVector.fromArray(S, o, oo + 3 * or));
            c31 = c31.fma(va, FloatVector.fromArray(S, o, oo + 3 * or + L));
        } else {
            c00 = c00.mul(va);
            c01 = c01.mul(va);
            c10 = c10.mul(va);
            c11 = c11.mul(va);
            c20 = c20.mul(va);
            c21 = c21.mul(va);
            c30 = c30.mul(va);
            c31 = c31.mul(va);
        }
        c00.intoArray(o, oo); c01.intoArray(o, oo + L);
        c10.intoArray(o, oo + 1 * or); c11.intoArray(o, oo + 1 * or + L);
        c20.intoArray(o, oo + 2 * or); c21.intoArray(o, oo + 2 * or + L);
        c30.intoArray(o, oo + 3 * or); c31.intoArray(o, oo + 3 * or + L);
    }

    /** One row and one (masked) vector of {@link #product}, for the edges the tiles leave. */
    private static void rowVector(float[] xa, int x, int xp, int p0, int p1, float[] y, int yo, int yr,
                                  float alpha, float[] o, int oo, boolean add, VectorMask<Float> m) {
        FloatVector acc = FloatVector.zero(S);
        for (int p = p0; p < p1; p++) {
            acc = FloatVector.broadcast(S, xa[x + p * xp]).fma(FloatVector.fromArray(S, y, yo + p * yr, m), acc);
        }
        FloatVector result = add ? acc.fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, o, oo, m)) : acc.mul(alpha);
        result.intoArray(o, oo, m);
    }

    /** Per-thread blocks for the transposed keys or values and the score rows; nothing carries between calls. */
    private static final class Scratch {
        private float[] first = new float[0];
        private float[] second = new float[0];

        /**
         * {@code t} rows of {@code d} at {@code off} (row stride {@code ld}) as a {@code d x tp}
         * block, columns past {@code t} zero.
         */
        float[] transposed(float[] x, int off, int ld, int t, int d, int tp) {
            if (first.length < d * tp) {
                first = new float[d * tp];
            }
            for (int j = 0; j < t; j++) {
                int src = off + j * ld;
                for (int p = 0; p < d; p++) {
                    first[p * tp + j] = x[src + p];
                }
            }
            for (int p = 0; p < d; p++) {
                Arrays.fill(first, p * tp + t, p * tp + tp, 0f);
            }
            return first;
        }

        float[] second(int size) {
            if (second.length < size) {
                second = new float[size];
            }
            return second;
        }
    }
}
