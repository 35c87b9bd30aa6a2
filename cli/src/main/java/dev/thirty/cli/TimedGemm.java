package dev.thirty.cli;

import dev.thirty.kernels.Gemm;
import dev.thirty.kernels.Transpose;

/**
 * A GEMM that adds up the wall time of the calls made on one thread (the one stepping the
 * model) and passes calls from other threads through untimed. Bound for a scope with
 * {@code Kernels.run}, it shows how much of a training step is matrix multiplication; only the
 * owner writes the total, so it needs no locking.
 */
final class TimedGemm implements Gemm {

    private final Gemm inner;
    private final Thread owner;
    private long nanos;

    TimedGemm(Gemm inner, Thread owner) {
        this.inner = inner;
        this.owner = owner;
    }

    @Override
    public void sgemm(Transpose transA, Transpose transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (Thread.currentThread() != owner) {
            inner.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        long t0 = System.nanoTime();
        inner.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        nanos += System.nanoTime() - t0;
    }

    void reset() {
        nanos = 0;
    }

    long nanos() {
        return nanos;
    }
}
