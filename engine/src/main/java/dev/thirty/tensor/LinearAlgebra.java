package dev.thirty.tensor;

import dev.thirty.kernels.Gemm;
import dev.thirty.kernels.Kernels;
import dev.thirty.kernels.Transpose;

/**
 * Matrix products on the last two axes, with broadcasting over the leading (batch) axes.
 *
 * <p>{@code matmul(a, b)} for {@code a: (..., M, K)} and {@code b: (..., K, N)} gives
 * {@code (..., M, N)}; either operand may be transposed on its last two axes. All products go to
 * the active {@link Gemm}. The backward pass is two more GEMMs per batch,
 * {@code dA = dC . op(B)^T} and {@code dB = op(A)^T . dC}, accumulated straight into the input
 * gradients (beta = 1), batches reduced in index order so results are deterministic.
 */
public final class LinearAlgebra {

    private LinearAlgebra() {
    }

    /** {@code a @ b}. */
    public static Tensor matmul(Tensor a, Tensor b) {
        return matmul(a, Transpose.N, b, Transpose.N);
    }

    /** {@code op(a) @ op(b)} where {@code op} transposes the last two axes when asked. */
    public static Tensor matmul(Tensor a, Transpose ta, Tensor b, Transpose tb) {
        Product p = Product.plan(a, ta, b, tb);
        Gemm gemm = Kernels.active().gemm();
        // with beta = 0 the GEMM writes every element of C, whatever it held
        float[] out = p.k > 0 ? StepArena.toOverwrite(p.outShape.size()) : StepArena.zeroed(p.outShape.size());
        float[] ad = a.data();
        float[] bd = b.data();
        for (int i = 0; i < p.batches; i++) {
            gemm.sgemm(ta, tb, p.m, p.n, p.k, 1f, ad, p.aOffset(i), p.lda, bd, p.bOffset(i), p.ldb,
                    0f, out, i * p.m * p.n, p.n);
        }
        return Tensor.derived("matmul", p.outShape, out, (g, grads) -> {
            if (grads[0] != null) {
                // dA = dC . op(B)^T, laid out as A is stored (transposed back when A was).
                for (int i = 0; i < p.batches; i++) {
                    if (ta == Transpose.N) {
                        gemm.sgemm(Transpose.N, flip(tb), p.m, p.k, p.n, 1f, g, i * p.m * p.n, p.n,
                                bd, p.bOffset(i), p.ldb, 1f, grads[0], p.aOffset(i), p.lda);
                    } else {
                        gemm.sgemm(tb, Transpose.T, p.k, p.m, p.n, 1f, bd, p.bOffset(i), p.ldb,
                                g, i * p.m * p.n, p.n, 1f, grads[0], p.aOffset(i), p.lda);
                    }
                }
            }
            if (grads[1] != null) {
                // dB = op(A)^T . dC, laid out as B is stored.
                for (int i = 0; i < p.batches; i++) {
                    if (tb == Transpose.N) {
                        gemm.sgemm(flip(ta), Transpose.N, p.k, p.n, p.m, 1f, ad, p.aOffset(i), p.lda,
                                g, i * p.m * p.n, p.n, 1f, grads[1], p.bOffset(i), p.ldb);
                    } else {
                        gemm.sgemm(Transpose.T, ta, p.n, p.k, p.m, 1f, g, i * p.m * p.n, p.n,
                                ad, p.aOffset(i), p.lda, 1f, grads[1], p.bOffset(i), p.ldb);
                    }
                }
            }
        }, a, b);
    }

    private static Transpose flip(Transpose t) {
        return t == Transpose.N ? Transpose.T : Transpose.N;
    }

    /** The shapes and offsets of one (possibly batched) product, fixed before any arithmetic. */
    private record Product(int m, int n, int k, int lda, int ldb, int batches, Shape outShape,
                           int[] aBatchOffsets, int[] bBatchOffsets) {

        int aOffset(int batch) {
            return aBatchOffsets[batch];
        }

        int bOffset(int batch) {
            return bBatchOffsets[batch];
        }

        static Product plan(Tensor a, Transpose ta, Tensor b, Transpose tb) {
            Shape as = a.shape();
            Shape bs = b.shape();
            if (as.rank() < 2 || bs.rank() < 2) {
                throw new IllegalArgumentException("matmul: " + as + " x " + bs
                        + ": both operands need at least two dimensions");
            }
            int aRows = as.dim(-2);
            int aCols = as.dim(-1);
            int bRows = bs.dim(-2);
            int bCols = bs.dim(-1);
            int m = ta == Transpose.N ? aRows : aCols;
            int k = ta == Transpose.N ? aCols : aRows;
            int kb = tb == Transpose.N ? bRows : bCols;
            int n = tb == Transpose.N ? bCols : bRows;
            if (k != kb) {
                throw new IllegalArgumentException("matmul: " + describe(as, ta) + " x " + describe(bs, tb)
                        + ": inner dimensions " + k + " and " + kb + " differ");
            }
            int[] aDims = as.dims();
            int[] bDims = bs.dims();
            if (bs.rank() == 2 && ta == Transpose.N) {
                // (..., M, K) x (K, N): fold the batch axes of A into M, one GEMM.
                int rows = as.size() / Math.max(1, aCols);
                aDims[aDims.length - 1] = n;
                return new Product(as.rank() == 2 ? m : rows, n, k, aCols, bCols, 1, Shape.of(aDims),
                        new int[] {0}, new int[] {0});
            }
            Shape aBatch = Shape.of(java.util.Arrays.copyOf(aDims, aDims.length - 2));
            Shape bBatch = Shape.of(java.util.Arrays.copyOf(bDims, bDims.length - 2));
            Shape batch = Shape.broadcast("matmul", aBatch, bBatch);
            int batches = batch.size();
            int[] aOff = BroadcastIndex.offsets(aBatch, batch, aRows * aCols);
            int[] bOff = BroadcastIndex.offsets(bBatch, batch, bRows * bCols);
            int[] outDims = java.util.Arrays.copyOf(batch.dims(), batch.rank() + 2);
            outDims[batch.rank()] = m;
            outDims[batch.rank() + 1] = n;
            return new Product(m, n, k, aCols, bCols, batches, Shape.of(outDims), aOff, bOff);
        }

        private static String describe(Shape s, Transpose t) {
            return t == Transpose.N ? s.toString() : s + "^T";
        }
    }
}
