package dev.thirty.kernels;

import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * One sgemm call with random operands stored at an offset and with padded leading dimensions, so
 * two {@link Gemm} implementations can be run on identical copies and compared.
 */
record GemmCase(Transpose ta, Transpose tb, int m, int n, int k, float alpha, float beta,
                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                float[] c, int cOff, int ldc) {

    /**
     * Operands uniform in [-1, 1); every matrix starts {@code offset} elements into its array and
     * has {@code pad} extra elements per row, and the arrays run a few elements past the end.
     */
    static GemmCase random(RandomGenerator rng, Transpose ta, Transpose tb, int m, int n, int k,
                           float alpha, float beta, int offset, int pad) {
        int aCols = ta == Transpose.N ? k : m;
        int aRows = ta == Transpose.N ? m : k;
        int bCols = tb == Transpose.N ? n : k;
        int bRows = tb == Transpose.N ? k : n;
        int lda = aCols + pad;
        int ldb = bCols + pad;
        int ldc = n + pad;
        float[] a = Seeds.uniform(rng, offset + aRows * Math.max(1, lda) + 3, -1f, 1f);
        float[] b = Seeds.uniform(rng, offset + bRows * Math.max(1, ldb) + 3, -1f, 1f);
        float[] c = Seeds.uniform(rng, offset + m * Math.max(1, ldc) + 3, -1f, 1f);
        return new GemmCase(ta, tb, m, n, k, alpha, beta, a, offset, Math.max(1, lda),
                b, offset, Math.max(1, ldb), c, offset, Math.max(1, ldc));
    }

    /** Sets every element of C's array, padding included, to {@code value}. */
    void fillC(float value) {
        Arrays.fill(c, value);
    }

    /** Runs {@code gemm} on copies of the operands and returns the whole array of C. */
    float[] run(Gemm gemm) {
        float[] aCopy = a.clone();
        float[] bCopy = b.clone();
        float[] out = c.clone();
        gemm.sgemm(ta, tb, m, n, k, alpha, aCopy, aOff, lda, bCopy, bOff, ldb, beta, out, cOff, ldc);
        FloatAssert.assertIdentical(this + ": A was modified", a, aCopy);
        FloatAssert.assertIdentical(this + ": B was modified", b, bCopy);
        return out;
    }

    /**
     * Asserts both implementations give the same C within {@link #tolerance()}, and that both
     * leave the padding between and around C's rows exactly as it was.
     */
    void assertAgree(Gemm reference, Gemm candidate) {
        float[] expected = run(reference);
        float[] actual = run(candidate);
        FloatAssert.assertClose(toString(), expected, actual, tolerance());
        float[] untouched = c.clone();
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            System.arraycopy(actual, row, untouched, row, n);
        }
        FloatAssert.assertIdentical(this + ": elements outside C", untouched, actual);
    }

    /**
     * Allowed difference between two float sgemms that sum the same k products in the same order
     * but round differently (one fused multiply-add per step versus a multiply and an add, and a
     * different final combine with alpha and beta). With operands in [-1, 1) a partial sum after
     * p steps has size about sqrt(p)/3, so k roundings of relative size 2^-24 random-walk to an
     * absolute error near 2e-8 * k in each implementation. We allow 1e-6 * (1 + |alpha| k + |beta|),
     * about fifty times that, plus 1e-5 relative; a wrong, missing or repeated product is off by
     * about |a b| ~ 0.25, thousands of times more.
     */
    Tolerance tolerance() {
        return Tolerance.of(1e-6 * (1 + Math.abs(alpha) * k + Math.abs(beta)), 1e-5);
    }

    @Override
    public String toString() {
        return String.format("sgemm(%s, %s, m=%d, n=%d, k=%d, alpha=%s, beta=%s, offset=%d, lda=%d, ldb=%d, ldc=%d)",
                ta, tb, m, n, k, alpha, beta, aOff, lda, ldb, ldc);
    }
}
