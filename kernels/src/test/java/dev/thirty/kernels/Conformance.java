package dev.thirty.kernels;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import dev.thirty.testkit.Seeds;

/** Shared inputs for the scalar-versus-vector conformance tests. */
final class Conformance {

    private Conformance() {
    }

    /** Run lengths around the vector widths of 4, 8 and 16 lanes, and a long run. */
    static final int[] LENGTHS = {0, 1, 2, 7, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 1000};

    /** Offsets that leave the runs unaligned (and one aligned) to the vector width. */
    static final int[] OFFSETS = {0, 3, 17};

    /** Values every elementwise op is also tried on. */
    static final float[] SPECIALS = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -1f, 1f};

    static final ElementwiseKernels SCALAR_ELEMENTWISE = new ScalarElementwise();
    static final ElementwiseKernels VECTOR_ELEMENTWISE = new VectorElementwise();
    static final ReductionKernels SCALAR_REDUCTIONS = new ScalarReductions();
    static final ReductionKernels VECTOR_REDUCTIONS = new VectorReductions();
    static final RowKernels SCALAR_ROWS = new ScalarRows();
    static final RowKernels VECTOR_ROWS = new VectorRows();

    /**
     * An array of {@code off + n + 5} uniform values in {@code [lo, hi)}: the run starts at
     * {@code off}, and the padding on both sides shows any write outside the run.
     */
    static float[] padded(RandomGenerator rng, int off, int n, float lo, float hi) {
        return Seeds.uniform(rng, off + n + 5, lo, hi);
    }

    /** {@code x} with some elements of the run {@code [off, off+n)} replaced by special values. */
    static float[] withSpecials(float[] x, int off, int n) {
        float[] y = x.clone();
        for (int k = 0; k < SPECIALS.length && k * 7 < n; k++) {
            y[off + k * 7] = SPECIALS[k];
        }
        return y;
    }

    static float[] copy(float[] x) {
        return Arrays.copyOf(x, x.length);
    }

    /** A label for failure messages. */
    static String at(String what, int n, int off) {
        return what + " (n=" + n + ", offset=" + off + ")";
    }
}
