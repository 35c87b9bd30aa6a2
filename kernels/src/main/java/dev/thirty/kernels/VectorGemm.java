package dev.thirty.kernels;

import static dev.thirty.kernels.GemmMicroKernel.MR;
import static dev.thirty.kernels.GemmMicroKernel.NR;

/**
 * The Vector API sgemm: cache-blocked, packed and register-blocked after Goto and van de Geijn,
 * "Anatomy of High-Performance Matrix Multiplication" (ACM TOMS 34(3), 2008), in the loop order
 * of BLIS (Van Zee and van de Geijn, ACM TOMS 41(3), 2015):
 *
 * <pre>
 * for jc in steps of NC over n            B block  op(B)[pc.., jc..]  KC x NC, packed once, shared
 *   for pc in steps of KC over k
 *     pack the B block (threads split its NR-wide panels)
 *     for each thread's share of the MR-row panels (or of the NR-wide panels when m is small)
 *       for ic in steps of MC                  A block  op(A)[ic.., pc..]  MC x KC, per thread
 *         pack the A block
 *         for each NR panel of B, for each MR panel of A:  micro-kernel  (MR x NR tile of C)
 * </pre>
 *
 * <p>Problems of at most {@link #SERIAL_WORK} multiply-adds run on the calling thread alone. Problems
 * with fewer than {@code MR} rows skip packing too (most of each tile would be padding): see
 * {@link SmallGemm}.
 *
 * <p>Determinism: every element of C is reduced over k in increasing order in the same KC blocks,
 * by the same micro-kernel arithmetic, whichever thread computes it, and the first block applies
 * {@code beta} while later blocks add to C. The split between threads only decides who computes a
 * tile, so results are bit-for-bit identical for every thread count.
 *
 * <p>Scratch: each thread keeps its packing buffers between calls (see {@link GemmScratch}); they
 * hold no state that outlives a call.
 */
final class VectorGemm implements Gemm {

    /**
     * Depth of a packed block: a KC x NR panel of B is 32 KiB at NR = 32, about L1. Measured on
     * the 2-core AVX-512 Xeon: 128 was slower, 384 and 512 no faster within the noise.
     */
    static final int KC = 256;
    /** Rows of a packed A block: MC x KC floats (192 KiB) stay in L2. */
    static final int MC = 24 * MR;
    /** Columns of a packed B block: KC x NC floats (3 MiB) are shared by all threads through L3. */
    static final int NC = 96 * NR;
    /** At or below this many multiply-adds, handing work to other threads costs more than it saves. */
    static final long SERIAL_WORK = 64L * 64 * 64;

    @Override
    public void sgemm(Transpose transA, Transpose transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        GemmChecks.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        GemmProblem q = new GemmProblem(transA == Transpose.T, transB == Transpose.T, m, n, k,
                alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        if (k == 0) {
            scaleC(q);
        } else if (m < MR) {
            SmallGemm.multiply(q);
        } else {
            ComputePool pool = ComputePool.current();
            blocked(q, pool, q.work() <= SERIAL_WORK ? 1 : pool.threads());
        }
    }

    /** {@code C = beta * C} (an empty sum times alpha is zero). */
    private static void scaleC(GemmProblem q) {
        for (int i = 0; i < q.m(); i++) {
            int ci = q.cOff() + i * q.ldc();
            for (int j = 0; j < q.n(); j++) {
                q.c()[ci + j] = GemmMicroKernel.combine(0f, q.alpha(), q.beta(), q.c()[ci + j]);
            }
        }
    }

    private static void blocked(GemmProblem q, ComputePool pool, int threads) {
        GemmScratch caller = GemmScratch.current();
        for (int jc = 0; jc < q.n(); jc += NC) {
            int nc = Math.min(NC, q.n() - jc);
            for (int pc = 0; pc < q.k(); pc += KC) {
                int kc = Math.min(KC, q.k() - pc);
                Block blk = new Block(q, jc, nc, pc, kc, pc == 0 ? q.beta() : 1f);
                float[] bPack = caller.bPanels(blk.colPanels() * blk.kcEven() * NR);
                if (threads == 1) {
                    for (int s = 0; s < blk.colPanels(); s++) {
                        blk.packB(bPack, s);
                    }
                    blk.compute(bPack, 0, blk.rowPanels(), 0, blk.colPanels());
                } else {
                    pool.parallelFor(blk.colPanels(), s -> blk.packB(bPack, s));
                    split(blk, bPack, pool, threads);
                }
            }
        }
    }

    /**
     * Splits the tiles of one block among threads: by row panels when there are enough of them
     * (each thread then packs only its own rows of A), else by column panels.
     */
    private static void split(Block blk, float[] bPack, ComputePool pool, int threads) {
        int rowPanels = blk.rowPanels();
        int colPanels = blk.colPanels();
        if (rowPanels >= threads) {
            pool.parallelFor(threads, t -> blk.compute(bPack,
                    t * rowPanels / threads, (t + 1) * rowPanels / threads, 0, colPanels));
        } else {
            int parts = Math.min(threads, colPanels);
            pool.parallelFor(parts, t -> blk.compute(bPack, 0, rowPanels,
                    t * colPanels / parts, (t + 1) * colPanels / parts));
        }
    }

    /**
     * One KC x NC block of op(B) against all of op(A): columns {@code [jc, jc + nc)}, depths
     * {@code [pc, pc + kc)}, written into C with {@code beta} ({@code 1} after the first depth block).
     */
    private record Block(GemmProblem q, int jc, int nc, int pc, int kc, float beta) {

        int kcEven() {
            return kc + (kc & 1);
        }

        int rowPanels() {
            return (q.m() + MR - 1) / MR;
        }

        int colPanels() {
            return (nc + NR - 1) / NR;
        }

        void packB(float[] bPack, int s) {
            int j = s * NR;
            GemmPacking.packB(q, pc, kc, kcEven(), jc + j, Math.min(NR, nc - j),
                    bPack, s * kcEven() * NR);
        }

        /** Row panels {@code [r0, r1)} times column panels {@code [s0, s1)}, on this thread. */
        void compute(float[] bPack, int r0, int r1, int s0, int s1) {
            GemmScratch own = GemmScratch.current();
            int kce = kcEven();
            int panelsPerBlock = MC / MR;
            for (int ic = r0; ic < r1; ic += panelsPerBlock) {
                int icEnd = Math.min(r1, ic + panelsPerBlock);
                float[] aPack = own.aPanels((icEnd - ic) * kce * MR);
                for (int r = ic; r < icEnd; r++) {
                    int i = r * MR;
                    GemmPacking.packA(q, i, Math.min(MR, q.m() - i), pc, kc, kce,
                            aPack, (r - ic) * kce * MR);
                }
                for (int s = s0; s < s1; s++) {
                    for (int r = ic; r < icEnd; r++) {
                        tile(aPack, (r - ic) * kce * MR, bPack, s * kce * NR, r * MR, s * NR, own);
                    }
                }
            }
        }

        private void tile(float[] aPack, int ai, float[] bPack, int bi, int i, int j,
                          GemmScratch own) {
            float[] acc = own.tile();
            int cols = Math.min(NR, nc - j);
            int rows = Math.min(MR, q.m() - i);
            if (rows == MR && cols == NR && q.alpha() == 1f && (beta == 0f || beta == 1f)) {
                GemmMicroKernel.tileInto(kcEven(), aPack, ai, bPack, bi, q.c(), q.cOff() + i * q.ldc() + jc + j,
                        q.ldc(), beta == 1f);
                return;
            }
            if (cols <= GemmMicroKernel.L) {
                GemmMicroKernel.narrowTile(kcEven(), aPack, ai, bPack, bi, acc);
            } else {
                GemmMicroKernel.tile(kcEven(), aPack, ai, bPack, bi, acc);
            }
            GemmMicroKernel.combine(acc, q.alpha(), beta, q.c(), q.cOff() + i * q.ldc() + jc + j,
                    q.ldc(), rows, cols);
        }
    }
}
