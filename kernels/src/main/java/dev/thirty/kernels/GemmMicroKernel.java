package dev.thirty.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner loop of {@link VectorGemm}: an {@code MR x NR} tile of C computed
 * from packed panels, as in Goto and van de Geijn, "Anatomy of High-Performance Matrix
 * Multiplication" (ACM TOMS 34(3), 2008), §4 and the BLIS micro-kernel (Van Zee and van de Geijn,
 * ACM TOMS 41(3), 2015).
 *
 * <pre>tile[r][j] = sum over p in [0, kc) of aPanel[p][r] * bPanel[p][j]    (r < MR, j < NR)</pre>
 *
 * <p>The A panel holds {@code MR} values per k step (one per row of the tile), the B panel
 * {@code NR = 2 * lanes} values per k step. Each k step loads two vectors of B, broadcasts each A
 * value and issues {@code 2 * MR} fused multiply-adds into {@code 2 * MR} vector accumulators that
 * stay in registers: 24 accumulators, 2 B vectors and 1 broadcast use 27 of AVX-512's 32 vector
 * registers. Measured on the 2-core AVX-512 Xeon, the kernel alone at k = 128: 12 x 32 reached
 * 122-133 GFLOPS, 14 x 32 116-118, 6 x 64 100-104 and the earlier 8 x 32 (unrolled by two k
 * steps) 94-103: more rows per B load means fewer loads and broadcasts per multiply-add, until the
 * accumulators no longer fit.
 *
 * <p>With 16 vector registers (AVX2) the tile is {@code 4 x 2L}: 8 accumulators, which at a
 * multiply-add latency of 4 cycles and two issued per cycle just keep both FMA pipes busy. Measured
 * on the 2-core AVX2 EPYC (Zen 3), the kernel alone at k = 256: 4 x 16 reached 96 GFLOPS, while
 * 12 x 16 (24 accumulators), 6 x 16, 5 x 16 and 4 x 24 all stayed at 34-43: C2 keeps a spare
 * broadcast register or two, spills one accumulator to the stack, and the store-to-load round
 * trip on that accumulator's chain then bounds every k step. Whole GEMM at 512 cubed, one thread:
 * 33 GFLOPS with 12 rows, 75 with 4 (OpenBLAS on the same machine: 89).
 *
 * <p>Panels are zero-padded to an even k (a zero step adds exact zeros).
 *
 * <p>Each tile element is reduced over k in increasing order with one rounding per step (FMA), and
 * is then written with {@link #combine}: {@code c = alpha * acc + beta * c}, or
 * {@code c = alpha * acc} when {@code beta == 0} so that NaN in C is ignored. The vector and scalar
 * write paths round identically, so a tile at the edge of C gives the same bits as a full one.
 * The tile goes through a small buffer rather than straight into C: that keeps the kernel within
 * what C2 inlines whole, and costs two vector copies per {@code kc} multiply-adds.
 */
final class GemmMicroKernel {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Vector lanes. */
    static final int L = S.length();
    /**
     * Rows of C per tile: 12 with 16-lane vectors (AVX-512, 32 registers), else 4 (AVX2's 16
     * registers); the class comment gives the measurements.
     */
    static final int MR = L >= 16 ? 12 : 4;
    /** Columns of C per tile: two vectors. */
    static final int NR = 2 * L;

    private GemmMicroKernel() {
    }

    /**
     * Computes one tile into {@code acc} (row-major, {@code MR x NR}); see {@link #combine} to
     * write it into C.
     *
     * @param kcEven k steps in the panels, even (odd depths are zero-padded by the packing)
     * @param ai     start of the A panel: {@code kcEven * MR} values
     * @param bi     start of the B panel: {@code kcEven * NR} values
     */
    static void tile(int kcEven, float[] a, int ai, float[] b, int bi, float[] acc) {
        tileInto(kcEven, a, ai, b, bi, acc, 0, NR, false);
    }

    /**
     * The tile of {@link #tile}, as {@link #combine} with {@code alpha = 1} would write it on a
     * full tile, but written straight into C: {@code c = acc} or, when {@code accumulate}, {@code c = acc + c}.
     * These are the two writes almost every call makes (a product, or a product added to a
     * gradient), and the same rounding as {@code combine}'s {@code fma(acc, 1, 1 * c)}; skipping
     * the tile buffer saves a store and a load of every accumulator.
     *
     * @param ci  start of the tile in C: {@code MR} rows of {@code NR} values, row stride {@code ldc}
     */
    // One long method on purpose: the 24 accumulators must be locals for C2 to keep them in
    // registers, and the method must stay small enough for C2 to inline every vector operation
    // (passing vectors to a call it does not inline makes it box them, which is far slower).
    static void tileInto(int kcEven, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc,
                         boolean accumulate) {
        if (MR == 12) {
            tileInto12(kcEven, a, ai, b, bi, c, ci, ldc, accumulate);
        } else {
            tileInto4(kcEven, a, ai, b, bi, c, ci, ldc, accumulate);
        }
    }

    /** {@link #tileInto} with 12 rows (32 vector registers). */
    private static void tileInto12(int kcEven, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc,
                                   boolean accumulate) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z;
        FloatVector c60 = z, c61 = z, c70 = z, c71 = z, c80 = z, c81 = z, c90 = z, c91 = z, ca0 = z, ca1 = z, cb0 = z, cb1 = z;
        FloatVector x;
        for (int p = 0; p < kcEven; p++) {
            int ap = ai + p * MR;
            int bp = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            x = FloatVector.broadcast(S, a[ap]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ap + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ap + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ap + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ap + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            x = FloatVector.broadcast(S, a[ap + 8]); c80 = x.fma(b0, c80); c81 = x.fma(b1, c81);
            x = FloatVector.broadcast(S, a[ap + 9]); c90 = x.fma(b0, c90); c91 = x.fma(b1, c91);
            x = FloatVector.broadcast(S, a[ap + 10]); ca0 = x.fma(b0, ca0); ca1 = x.fma(b1, ca1);
            x = FloatVector.broadcast(S, a[ap + 11]); cb0 = x.fma(b0, cb0); cb1 = x.fma(b1, cb1);
        }
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, c, ci));
            c01 = c01.add(FloatVector.fromArray(S, c, ci + L));
            c10 = c10.add(FloatVector.fromArray(S, c, ci + ldc));
            c11 = c11.add(FloatVector.fromArray(S, c, ci + ldc + L));
            c20 = c20.add(FloatVector.fromArray(S, c, ci + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(S, c, ci + 2 * ldc + L));
            c30 = c30.add(FloatVector.fromArray(S, c, ci + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(S, c, ci + 3 * ldc + L));
            c40 = c40.add(FloatVector.fromArray(S, c, ci + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(S, c, ci + 4 * ldc + L));
            c50 = c50.add(FloatVector.fromArray(S, c, ci + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(S, c, ci + 5 * ldc + L));
            c60 = c60.add(FloatVector.fromArray(S, c, ci + 6 * ldc));
            c61 = c61.add(FloatVector.fromArray(S, c, ci + 6 * ldc + L));
            c70 = c70.add(FloatVector.fromArray(S, c, ci + 7 * ldc));
            c71 = c71.add(FloatVector.fromArray(S, c, ci + 7 * ldc + L));
            c80 = c80.add(FloatVector.fromArray(S, c, ci + 8 * ldc));
            c81 = c81.add(FloatVector.fromArray(S, c, ci + 8 * ldc + L));
            c90 = c90.add(FloatVector.fromArray(S, c, ci + 9 * ldc));
            c91 = c91.add(FloatVector.fromArray(S, c, ci + 9 * ldc + L));
            ca0 = ca0.add(FloatVector.fromArray(S, c, ci + 10 * ldc));
            ca1 = ca1.add(FloatVector.fromArray(S, c, ci + 10 * ldc + L));
            cb0 = cb0.add(FloatVector.fromArray(S, c, ci + 11 * ldc));
            cb1 = cb1.add(FloatVector.fromArray(S, c, ci + 11 * ldc + L));
        }
        c00.intoArray(c, ci); c01.intoArray(c, ci + L);
        c10.intoArray(c, ci + ldc); c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc); c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc); c31.intoArray(c, ci + 3 * ldc + L);
        c40.intoArray(c, ci + 4 * ldc); c41.intoArray(c, ci + 4 * ldc + L);
        c50.intoArray(c, ci + 5 * ldc); c51.intoArray(c, ci + 5 * ldc + L);
        c60.intoArray(c, ci + 6 * ldc); c61.intoArray(c, ci + 6 * ldc + L);
        c70.intoArray(c, ci + 7 * ldc); c71.intoArray(c, ci + 7 * ldc + L);
        c80.intoArray(c, ci + 8 * ldc); c81.intoArray(c, ci + 8 * ldc + L);
        c90.intoArray(c, ci + 9 * ldc); c91.intoArray(c, ci + 9 * ldc + L);
        ca0.intoArray(c, ci + 10 * ldc); ca1.intoArray(c, ci + 10 * ldc + L);
        cb0.intoArray(c, ci + 11 * ldc); cb1.intoArray(c, ci + 11 * ldc + L);
    }

    /** {@link #tileInto} with 4 rows (16 vector registers). */
    private static void tileInto4(int kcEven, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc,
                                  boolean accumulate) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector x;
        for (int p = 0; p < kcEven; p++) {
            int ap = ai + p * 4;
            int bp = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            x = FloatVector.broadcast(S, a[ap]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
        }
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, c, ci));
            c01 = c01.add(FloatVector.fromArray(S, c, ci + L));
            c10 = c10.add(FloatVector.fromArray(S, c, ci + ldc));
            c11 = c11.add(FloatVector.fromArray(S, c, ci + ldc + L));
            c20 = c20.add(FloatVector.fromArray(S, c, ci + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(S, c, ci + 2 * ldc + L));
            c30 = c30.add(FloatVector.fromArray(S, c, ci + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(S, c, ci + 3 * ldc + L));
        }
        c00.intoArray(c, ci); c01.intoArray(c, ci + L);
        c10.intoArray(c, ci + ldc); c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc); c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc); c31.intoArray(c, ci + 3 * ldc + L);
    }

    /**
     * As {@link #tile}, for a B panel whose columns past the first {@code L} are padding: half the
     * multiply-adds, the same per-element arithmetic. Writes the first {@code L} columns of
     * {@code acc}.
     */
    static void narrowTile(int kcEven, float[] a, int ai, float[] b, int bi, float[] acc) {
        if (MR == 12) {
            narrowTile12(kcEven, a, ai, b, bi, acc);
            return;
        }
        FloatVector z = FloatVector.zero(S);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z;
        for (int p = 0; p < kcEven; p++) {
            int ap = ai + p * 4;
            FloatVector b0 = FloatVector.fromArray(S, b, bi + p * NR);
            c0 = FloatVector.broadcast(S, a[ap]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[ap + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[ap + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[ap + 3]).fma(b0, c3);
        }
        c0.intoArray(acc, 0);
        c1.intoArray(acc, NR);
        c2.intoArray(acc, 2 * NR);
        c3.intoArray(acc, 3 * NR);
    }

    /** {@link #narrowTile} with 12 rows. */
    private static void narrowTile12(int kcEven, float[] a, int ai, float[] b, int bi, float[] acc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z, c7 = z, c8 = z, c9 = z, ca = z, cb = z;
        for (int p = 0; p < kcEven; p++) {
            int ap = ai + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi + p * NR);
            c0 = FloatVector.broadcast(S, a[ap]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[ap + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[ap + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[ap + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[ap + 4]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[ap + 5]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, a[ap + 6]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, a[ap + 7]).fma(b0, c7);
            c8 = FloatVector.broadcast(S, a[ap + 8]).fma(b0, c8);
            c9 = FloatVector.broadcast(S, a[ap + 9]).fma(b0, c9);
            ca = FloatVector.broadcast(S, a[ap + 10]).fma(b0, ca);
            cb = FloatVector.broadcast(S, a[ap + 11]).fma(b0, cb);
        }
        c0.intoArray(acc, 0);
        c1.intoArray(acc, NR);
        c2.intoArray(acc, 2 * NR);
        c3.intoArray(acc, 3 * NR);
        c4.intoArray(acc, 4 * NR);
        c5.intoArray(acc, 5 * NR);
        c6.intoArray(acc, 6 * NR);
        c7.intoArray(acc, 7 * NR);
        c8.intoArray(acc, 8 * NR);
        c9.intoArray(acc, 9 * NR);
        ca.intoArray(acc, 10 * NR);
        cb.intoArray(acc, 11 * NR);
    }

    /**
     * Writes the top-left {@code rows x cols} of the tile {@code acc} into C at {@code ci} (row
     * stride {@code ldc}) with {@link #combine(float, float, float, float)}: vectors for a full
     * tile, scalars at the edges of C, with identical rounding.
     */
    static void combine(float[] acc, float alpha, float beta, float[] c, int ci, int ldc,
                        int rows, int cols) {
        if (rows == MR && cols == NR) {
            FloatVector va = FloatVector.broadcast(S, alpha);
            for (int r = 0; r < MR; r++) {
                for (int v = 0; v < NR; v += L) {
                    FloatVector x = FloatVector.fromArray(S, acc, r * NR + v);
                    int idx = ci + r * ldc + v;
                    FloatVector out = beta == 0f ? x.mul(va)
                            : x.fma(va, FloatVector.fromArray(S, c, idx).mul(beta));
                    out.intoArray(c, idx);
                }
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int idx = ci + r * ldc + j;
                c[idx] = combine(acc[r * NR + j], alpha, beta, c[idx]);
            }
        }
    }

    /**
     * The write rule {@code c = alpha * acc + beta * c} with one rounding for the sum, or
     * {@code c = alpha * acc} when {@code beta == 0} so that NaN in C is ignored.
     */
    static float combine(float acc, float alpha, float beta, float old) {
        return beta == 0f ? acc * alpha : Math.fma(acc, alpha, old * beta);
    }
}
