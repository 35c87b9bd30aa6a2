package dev.thirty.kernels;

/** Argument checks shared by every {@link Gemm}: clear messages instead of index exceptions. */
final class GemmChecks {

    private GemmChecks() {
    }

    static void check(Transpose transA, Transpose transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(
                    "sgemm: negative size m=" + m + ", n=" + n + ", k=" + k);
        }
        int aRows = transA == Transpose.N ? m : k;
        int aCols = transA == Transpose.N ? k : m;
        int bRows = transB == Transpose.N ? k : n;
        int bCols = transB == Transpose.N ? n : k;
        operand("A", a, aOff, lda, aRows, aCols);
        operand("B", b, bOff, ldb, bRows, bCols);
        operand("C", c, cOff, ldc, m, n);
    }

    private static void operand(String name, float[] x, int off, int ld, int rows, int cols) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("sgemm: leading dimension of " + name + " is " + ld
                    + " but its rows hold " + cols + " elements");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = (long) off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new IllegalArgumentException("sgemm: " + name + " is " + rows + "x" + cols
                    + " with leading dimension " + ld + " at offset " + off + ", which needs "
                    + last + " elements, but its array has " + x.length);
        }
    }
}
