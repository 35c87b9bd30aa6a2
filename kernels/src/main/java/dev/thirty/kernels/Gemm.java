package dev.thirty.kernels;

/**
 * Single-precision general matrix multiply, as in BLAS {@code sgemm}, on row-major storage:
 *
 * <pre>C = alpha * op(A) * op(B) + beta * C</pre>
 *
 * where {@code op(X)} is {@code X} or its transpose, {@code op(A)} is {@code m x k}, {@code op(B)}
 * is {@code k x n} and {@code C} is {@code m x n}. Leading dimensions are row strides of the
 * matrices as stored ({@code lda >= k} when A is not transposed, {@code lda >= m} when it is).
 * When {@code beta == 0}, C is overwritten and its old contents (even NaN) are ignored.
 *
 * <p>Implementations split work across {@link ComputePool#current()} and are deterministic for a
 * fixed thread count: each element of C is reduced over k in the same order on every run.
 */
public interface Gemm {

    void sgemm(Transpose transA, Transpose transB, int m, int n, int k,
               float alpha, float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);

    /** {@code C = A * B} for dense row-major matrices with no padding between rows. */
    default void multiply(int m, int n, int k, float[] a, float[] b, float[] c) {
        sgemm(Transpose.N, Transpose.N, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
    }
}
