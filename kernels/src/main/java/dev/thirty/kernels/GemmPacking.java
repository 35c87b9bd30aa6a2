package dev.thirty.kernels;

import static dev.thirty.kernels.GemmMicroKernel.L;
import static dev.thirty.kernels.GemmMicroKernel.MR;
import static dev.thirty.kernels.GemmMicroKernel.NR;
import static dev.thirty.kernels.GemmMicroKernel.S;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Packing of {@code op(A)} and {@code op(B)} into the contiguous panels {@link GemmMicroKernel}
 * reads (Goto and van de Geijn 2008, §4.4). Transposition is resolved here, so the kernel sees one
 * layout whatever {@code transA} and {@code transB} are.
 *
 * <ul>
 *   <li>A panel: rows {@code [i0, i0 + MR)} of {@code op(A)} over depths {@code [p0, p0 + kc)},
 *       stored k-major: {@code dst[di + p * MR + r] = op(A)[i0 + r][p0 + p]}.</li>
 *   <li>B panel: columns {@code [j0, j0 + NR)} of {@code op(B)} over the same depths:
 *       {@code dst[di + p * NR + j] = op(B)[p0 + p][j0 + j]}.</li>
 * </ul>
 *
 * Rows or columns past the edge of the matrix and the extra depth step of an odd {@code kc} are
 * zero, so the kernel always runs a full, even tile.
 */
final class GemmPacking {

    private GemmPacking() {
    }

    /** Packs one A panel of {@code rows <= MR} rows and {@code kcEven * MR} values at {@code di}. */
    static void packA(GemmProblem q, int i0, int rows, int p0, int kc, int kcEven,
                      float[] dst, int di) {
        if (rows < MR || kc < kcEven) {
            Arrays.fill(dst, di, di + kcEven * MR, 0f);
        }
        float[] a = q.a();
        if (q.transA()) {
            // op(A)[i][p] = A[p][i]: each depth step copies `rows` contiguous values, a masked
            // vector at a time (one vector when MR <= L)
            for (int r = 0; r < rows; r += L) {
                VectorMask<Float> m = S.indexInRange(r, rows);
                for (int p = 0; p < kc; p++) {
                    FloatVector.fromArray(S, a, q.aOff() + (p0 + p) * q.lda() + i0 + r, m)
                            .intoArray(dst, di + p * MR + r, m);
                }
            }
        } else {
            for (int r = 0; r < rows; r++) {
                int src = q.aOff() + (i0 + r) * q.lda() + p0;
                int d = di + r;
                for (int p = 0; p < kc; p++) {
                    dst[d + p * MR] = a[src + p];
                }
            }
        }
    }

    /** Packs one B panel of {@code cols <= NR} columns and {@code kcEven * NR} values at {@code di}. */
    static void packB(GemmProblem q, int p0, int kc, int kcEven, int j0, int cols,
                      float[] dst, int di) {
        if (cols < NR || kc < kcEven) {
            Arrays.fill(dst, di, di + kcEven * NR, 0f);
        }
        float[] b = q.b();
        if (q.transB()) {
            // op(B)[p][j] = B[j][p]: each column of the panel is a contiguous run of B.
            for (int j = 0; j < cols; j++) {
                int src = q.bOff() + (j0 + j) * q.ldb() + p0;
                int d = di + j;
                for (int p = 0; p < kc; p++) {
                    dst[d + p * NR] = b[src + p];
                }
            }
        } else if (cols == NR) {
            for (int p = 0; p < kc; p++) {
                int src = q.bOff() + (p0 + p) * q.ldb() + j0;
                int d = di + p * NR;
                FloatVector.fromArray(S, b, src).intoArray(dst, d);
                FloatVector.fromArray(S, b, src + L).intoArray(dst, d + L);
            }
        } else {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, q.bOff() + (p0 + p) * q.ldb() + j0, dst, di + p * NR, cols);
            }
        }
    }
}
