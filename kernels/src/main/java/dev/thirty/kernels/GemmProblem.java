package dev.thirty.kernels;

/**
 * The arguments of one {@link Gemm#sgemm} call, already checked by {@link GemmChecks}, so the
 * pieces of {@link VectorGemm} can pass one value instead of sixteen.
 */
record GemmProblem(boolean transA, boolean transB, int m, int n, int k,
                   float alpha, float[] a, int aOff, int lda,
                   float[] b, int bOff, int ldb,
                   float beta, float[] c, int cOff, int ldc) {

    /** Multiply-adds the call performs: {@code m * n * k}. */
    long work() {
        return (long) m * n * k;
    }
}
