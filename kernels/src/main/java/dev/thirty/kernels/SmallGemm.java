package dev.thirty.kernels;

import static dev.thirty.kernels.GemmMicroKernel.L;
import static dev.thirty.kernels.GemmMicroKernel.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The path of {@link VectorGemm} for problems with fewer rows than a micro-kernel tile, where
 * packing B would cost as much as using it: one thread, each row of C built as a sum of scaled rows
 * of {@code op(B)},
 *
 * <pre>C[i][j..j+L) = alpha * sum over p of op(A)[i][p] * op(B)[p][j..j+L) (+ beta * C[i][j..j+L))</pre>
 *
 * accumulated in registers over p in increasing order, four vectors of columns at a time. When B
 * is transposed and the depth is long ({@link #DOT_MIN_K}), each entry is a dot product of an A row
 * and a B row instead; otherwise B's rows are first copied into a contiguous {@code k x n} block, so
 * the inner loop always reads {@code op(B)} rows contiguously.
 */
final class SmallGemm {

    /** Columns per register block: four vectors, four independent FMA chains. */
    private static final int BLOCK = 4 * L;

    /**
     * From this depth on, {@code A B^T} is computed as dot products of rows (both contiguous in p)
     * rather than by transposing B: a convolution's weight gradient, {@code dy (og x P) cols^T},
     * has few rows, few columns and a long P.
     */
    static final int DOT_MIN_K = 4 * L;

    private SmallGemm() {
    }

    /**
     * {@code C = alpha A B^T (+ beta C)} with A and B both read along their rows: each A row against
     * four B rows at a time, a vector of p per step into four accumulators, then the lanes summed
     * and the remainder of p added in order.
     */
    private static void dots(GemmProblem q) {
        float[] a = q.a();
        float[] b = q.b();
        int k = q.k();
        int kv = S.loopBound(k);
        for (int i = 0; i < q.m(); i++) {
            int ai = q.aOff() + i * q.lda();
            int ci = q.cOff() + i * q.ldc();
            int j = 0;
            for (; j + 4 <= q.n(); j += 4) {
                int b0 = q.bOff() + j * q.ldb();
                int b1 = b0 + q.ldb();
                int b2 = b1 + q.ldb();
                int b3 = b2 + q.ldb();
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0; p < kv; p += L) {
                    FloatVector x = FloatVector.fromArray(S, a, ai + p);
                    s0 = x.fma(FloatVector.fromArray(S, b, b0 + p), s0);
                    s1 = x.fma(FloatVector.fromArray(S, b, b1 + p), s1);
                    s2 = x.fma(FloatVector.fromArray(S, b, b2 + p), s2);
                    s3 = x.fma(FloatVector.fromArray(S, b, b3 + p), s3);
                }
                float d0 = VectorReductions.sumLanes(s0);
                float d1 = VectorReductions.sumLanes(s1);
                float d2 = VectorReductions.sumLanes(s2);
                float d3 = VectorReductions.sumLanes(s3);
                for (int p = kv; p < k; p++) {
                    float x = a[ai + p];
                    d0 += x * b[b0 + p];
                    d1 += x * b[b1 + p];
                    d2 += x * b[b2 + p];
                    d3 += x * b[b3 + p];
                }
                float[] c = q.c();
                c[ci + j] = GemmMicroKernel.combine(d0, q.alpha(), q.beta(), c[ci + j]);
                c[ci + j + 1] = GemmMicroKernel.combine(d1, q.alpha(), q.beta(), c[ci + j + 1]);
                c[ci + j + 2] = GemmMicroKernel.combine(d2, q.alpha(), q.beta(), c[ci + j + 2]);
                c[ci + j + 3] = GemmMicroKernel.combine(d3, q.alpha(), q.beta(), c[ci + j + 3]);
            }
            for (; j < q.n(); j++) {
                int bj = q.bOff() + j * q.ldb();
                FloatVector s0 = FloatVector.zero(S);
                for (int p = 0; p < kv; p += L) {
                    s0 = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, bj + p), s0);
                }
                float d = VectorReductions.sumLanes(s0);
                for (int p = kv; p < k; p++) {
                    d += a[ai + p] * b[bj + p];
                }
                q.c()[ci + j] = GemmMicroKernel.combine(d, q.alpha(), q.beta(), q.c()[ci + j]);
            }
        }
    }

    static void multiply(GemmProblem q) {
        if (q.transB() && !q.transA() && q.k() >= DOT_MIN_K) {
            dots(q);
            return;
        }
        float[] b = q.b();
        int bOff = q.bOff();
        int ldb = q.ldb();
        if (q.transB()) {
            b = transposed(q);
            bOff = 0;
            ldb = q.n();
        }
        int aStepI = q.transA() ? 1 : q.lda();
        int aStepP = q.transA() ? q.lda() : 1;
        for (int i = 0; i < q.m(); i++) {
            int ai = q.aOff() + i * aStepI;
            int ci = q.cOff() + i * q.ldc();
            int j = 0;
            for (; j + BLOCK <= q.n(); j += BLOCK) {
                block(q, ai, aStepP, b, bOff + j, ldb, ci + j);
            }
            for (; j < q.n(); j += L) {
                vector(q, ai, aStepP, b, bOff + j, ldb, ci + j, S.indexInRange(j, q.n()));
            }
        }
    }

    private static void block(GemmProblem q, int ai, int aStep, float[] b, int bi, int ldb, int ci) {
        float[] a = q.a();
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        for (int p = 0; p < q.k(); p++) {
            FloatVector x = FloatVector.broadcast(S, a[ai + p * aStep]);
            int row = bi + p * ldb;
            s0 = x.fma(FloatVector.fromArray(S, b, row), s0);
            s1 = x.fma(FloatVector.fromArray(S, b, row + L), s1);
            s2 = x.fma(FloatVector.fromArray(S, b, row + 2 * L), s2);
            s3 = x.fma(FloatVector.fromArray(S, b, row + 3 * L), s3);
        }
        VectorMask<Float> all = S.maskAll(true);
        store(q, s0, ci, all);
        store(q, s1, ci + L, all);
        store(q, s2, ci + 2 * L, all);
        store(q, s3, ci + 3 * L, all);
    }

    private static void vector(GemmProblem q, int ai, int aStep, float[] b, int bi, int ldb, int ci,
                               VectorMask<Float> lanes) {
        float[] a = q.a();
        FloatVector s = FloatVector.zero(S);
        for (int p = 0; p < q.k(); p++) {
            FloatVector x = FloatVector.broadcast(S, a[ai + p * aStep]);
            s = x.fma(FloatVector.fromArray(S, b, bi + p * ldb, lanes), s);
        }
        store(q, s, ci, lanes);
    }

    /** Lanewise {@link GemmMicroKernel#combine}. */
    private static void store(GemmProblem q, FloatVector acc, int ci, VectorMask<Float> lanes) {
        float[] c = q.c();
        if (q.beta() == 0f) {
            acc.mul(q.alpha()).intoArray(c, ci, lanes);
        } else {
            FloatVector old = FloatVector.fromArray(S, c, ci, lanes);
            acc.fma(FloatVector.broadcast(S, q.alpha()), old.mul(q.beta())).intoArray(c, ci, lanes);
        }
    }

    /** {@code op(B)} as a dense {@code k x n} row-major block. */
    private static float[] transposed(GemmProblem q) {
        int k = q.k();
        int n = q.n();
        float[] t = new float[k * n];
        for (int j = 0; j < n; j++) {
            int src = q.bOff() + j * q.ldb();
            for (int p = 0; p < k; p++) {
                t[p * n + j] = q.b()[src + p];
            }
        }
        return t;
    }
}
