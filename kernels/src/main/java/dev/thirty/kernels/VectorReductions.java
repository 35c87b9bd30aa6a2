package dev.thirty.kernels;

import static dev.thirty.kernels.VectorElementwise.L;
import static dev.thirty.kernels.VectorElementwise.S;
import static jdk.incubator.vector.FloatVector.fromArray;

import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

/**
 * Reductions with the Vector API: four vector accumulators over blocks of {@code 4 L} elements
 * ({@code L} lanes), then the remaining whole vectors and a last masked one into the first
 * accumulator; finally the accumulators are combined pairwise and their lanes by a fixed pairwise
 * tree.
 *
 * <p>The order of operations depends only on {@code n} and the lane count, never on timing. The
 * final lane combination is written out rather than left to {@link FloatVector#reduceLanes},
 * whose order the API leaves unspecified (it may differ between interpreted and compiled code).
 * Dot products and sums of squares accumulate with fused multiply-add. Results differ from the
 * single-accumulator reference by rounding only; max is exact, and NaN wins as in the reference.
 * As in {@link VectorElementwise}, each reduction has its own loop so the JIT specialises it.
 */
final class VectorReductions implements ReductionKernels {

    @Override
    public float sum(float[] x, int off, int n) {
        return sumOf(x, off, n);
    }

    @Override
    public float max(float[] x, int off, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("max of an empty run");
        }
        return maxOf(x, off, n);
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return dotOf(a, aOff, b, bOff, n);
    }

    @Override
    public float sumOfSquares(float[] x, int off, int n) {
        return dotOf(x, off, x, off, n);
    }

    /** The sum of {@code x[off .. off+n)}; 0 when empty. */
    static float sumOf(float[] x, int off, int n) {
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            acc0 = acc0.add(fromArray(S, x, off + i));
            acc1 = acc1.add(fromArray(S, x, off + i + L));
            acc2 = acc2.add(fromArray(S, x, off + i + 2 * L));
            acc3 = acc3.add(fromArray(S, x, off + i + 3 * L));
        }
        for (; i <= n - L; i += L) {
            acc0 = acc0.add(fromArray(S, x, off + i));
        }
        if (i < n) {
            // masked-off lanes read as 0
            acc0 = acc0.add(fromArray(S, x, off + i, S.indexInRange(i, n)));
        }
        return sumLanes(acc0.add(acc1).add(acc2.add(acc3)));
    }

    /** The largest of {@code x[off .. off+n)}, NaN if any is NaN; negative infinity when empty. */
    static float maxOf(float[] x, int off, int n) {
        FloatVector acc0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            acc0 = acc0.lanewise(VectorOperators.MAX, fromArray(S, x, off + i));
            acc1 = acc1.lanewise(VectorOperators.MAX, fromArray(S, x, off + i + L));
            acc2 = acc2.lanewise(VectorOperators.MAX, fromArray(S, x, off + i + 2 * L));
            acc3 = acc3.lanewise(VectorOperators.MAX, fromArray(S, x, off + i + 3 * L));
        }
        for (; i <= n - L; i += L) {
            acc0 = acc0.lanewise(VectorOperators.MAX, fromArray(S, x, off + i));
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            acc0 = acc0.lanewise(VectorOperators.MAX, fromArray(S, x, off + i, m), m);
        }
        // lanewise MAX follows Math.max: NaN propagates
        return maxLanes(acc0.lanewise(VectorOperators.MAX, acc1)
                .lanewise(VectorOperators.MAX, acc2.lanewise(VectorOperators.MAX, acc3)));
    }

    /** {@code sum(a[aOff+i] * b[bOff+i])} over {@code n} elements, with fused multiply-add. */
    static float dotOf(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            acc0 = fromArray(S, a, aOff + i).fma(fromArray(S, b, bOff + i), acc0);
            acc1 = fromArray(S, a, aOff + i + L).fma(fromArray(S, b, bOff + i + L), acc1);
            acc2 = fromArray(S, a, aOff + i + 2 * L).fma(fromArray(S, b, bOff + i + 2 * L), acc2);
            acc3 = fromArray(S, a, aOff + i + 3 * L).fma(fromArray(S, b, bOff + i + 3 * L), acc3);
        }
        for (; i <= n - L; i += L) {
            acc0 = fromArray(S, a, aOff + i).fma(fromArray(S, b, bOff + i), acc0);
        }
        if (i < n) {
            // masked-off lanes read as 0 and add 0 * 0
            VectorMask<Float> m = S.indexInRange(i, n);
            acc0 = fromArray(S, a, aOff + i, m).fma(fromArray(S, b, bOff + i, m), acc0);
        }
        return sumLanes(acc0.add(acc1).add(acc2.add(acc3)));
    }

    /**
     * Lane {@code i}'s partner at each step of the lane trees: lane {@code i + width} (mod L), for
     * width L/2, L/4, .., 1. Each is a constant, and rearranging by a constant shuffle is one
     * permute instruction. The steps are written out for up to 32 lanes (no loop, so the trees stay
     * small enough for C2 to inline into the kernels that call them); wider vectors first run the
     * steps of {@code WIDE}.
     */
    private static final VectorShuffle<Float> HALF16 = partner(16);
    private static final VectorShuffle<Float> HALF8 = partner(8);
    private static final VectorShuffle<Float> HALF4 = partner(4);
    private static final VectorShuffle<Float> HALF2 = partner(2);
    private static final VectorShuffle<Float> HALF1 = partner(1);
    private static final List<VectorShuffle<Float>> WIDE = wide();

    /** The partner shuffle at {@code width} lanes, or null when a vector has no more lanes than that. */
    private static VectorShuffle<Float> partner(int width) {
        return width < L ? VectorShuffle.iota(S, width, 1, true) : null;
    }

    private static List<VectorShuffle<Float>> wide() {
        List<VectorShuffle<Float>> steps = new ArrayList<>();
        for (int width = L / 2; width >= 32; width /= 2) {
            steps.add(VectorShuffle.iota(S, width, 1, true));
        }
        return List.copyOf(steps);
    }

    /**
     * The sum of the lanes of {@code v} as a fixed pairwise tree: lanes {@code i} and
     * {@code i + L/2} first, then the halves of that, down to lane 0. The order depends only on L,
     * and log2(L) vector adds replace a chain of L scalar ones. Called once per reduction.
     */
    static float sumLanes(FloatVector v) {
        if (L > 32) {
            for (VectorShuffle<Float> half : WIDE) {
                v = v.add(v.rearrange(half));
            }
        }
        if (L > 16) {
            v = v.add(v.rearrange(HALF16));
        }
        if (L > 8) {
            v = v.add(v.rearrange(HALF8));
        }
        if (L > 4) {
            v = v.add(v.rearrange(HALF4));
        }
        if (L > 2) {
            v = v.add(v.rearrange(HALF2));
        }
        if (L > 1) {
            v = v.add(v.rearrange(HALF1));
        }
        return v.lane(0);
    }

    /** The largest lane of {@code v} by the same tree as {@link #sumLanes}; NaN wins as in Math.max. */
    static float maxLanes(FloatVector v) {
        if (L > 32) {
            for (VectorShuffle<Float> half : WIDE) {
                v = v.max(v.rearrange(half));
            }
        }
        if (L > 16) {
            v = v.max(v.rearrange(HALF16));
        }
        if (L > 8) {
            v = v.max(v.rearrange(HALF8));
        }
        if (L > 4) {
            v = v.max(v.rearrange(HALF4));
        }
        if (L > 2) {
            v = v.max(v.rearrange(HALF2));
        }
        if (L > 1) {
            v = v.max(v.rearrange(HALF1));
        }
        return v.lane(0);
    }
}
