package dev.thirty.tensor;

import dev.thirty.kernels.ElementwiseKernels;
import dev.thirty.kernels.Kernels;
import java.util.Arrays;

/**
 * Which input elements a reduction folds into each output, planned once and reused by its backward.
 *
 * <p>When the reduced axes are the trailing ones (or all of them), each output is one contiguous
 * run of {@code groupSize} inputs. Otherwise the input is viewed as rows of {@code inner} floats,
 * {@code inner} being the product of the axes after the last reduced one, and row {@code r} folds
 * into the output row at {@code rowTargets[r]}: rows are visited in increasing order, so every
 * result is deterministic.
 */
final class ReducePlan {

    /** Rows shorter than this are processed element by element rather than by kernel calls. */
    private static final int MIN_KERNEL_ROW = 16;

    private final Shape outShape;
    private final int groupSize;
    private final int inner;
    private final int[] rowTargets;

    private ReducePlan(Shape outShape, int groupSize, int inner, int[] rowTargets) {
        this.outShape = outShape;
        this.groupSize = groupSize;
        this.inner = inner;
        this.rowTargets = rowTargets;
    }

    /** A reduction of every element of {@code in} to a rank-0 result. */
    static ReducePlan all(Shape in) {
        return new ReducePlan(Shape.scalar(), in.size(), 1, null);
    }

    /**
     * A reduction of {@code in} over {@code axes} (negative counts from the end).
     *
     * @throws IllegalArgumentException naming {@code op} and the shape when no axis is given, or
     *         an axis is out of range or repeated
     */
    static ReducePlan over(String op, Shape in, KeepDim keep, int... axes) {
        boolean[] reduced = reducedAxes(op, in, axes);
        int rank = in.rank();
        int[] dims = in.dims();
        int[] kept = dims.clone();
        int[] out = new int[rank];
        int outRank = 0;
        int groupSize = 1;
        int last = -1;
        for (int d = 0; d < rank; d++) {
            if (reduced[d]) {
                kept[d] = 1;
                groupSize *= dims[d];
                last = d;
                if (keep == KeepDim.YES) {
                    out[outRank++] = 1;
                }
            } else {
                out[outRank++] = dims[d];
            }
        }
        Shape outShape = Shape.of(Arrays.copyOf(out, outRank));
        int first = last - axes.length + 1;
        if (last == rank - 1 && first >= 0 && isRun(reduced, first, last)) {
            return new ReducePlan(outShape, groupSize, 1, null);
        }
        int inner = Shape.of(Arrays.copyOfRange(dims, last + 1, rank)).size();
        int[] targets = BroadcastIndex.offsets(Shape.of(Arrays.copyOf(kept, last + 1)),
                Shape.of(Arrays.copyOf(dims, last + 1)), inner);
        return new ReducePlan(outShape, groupSize, inner, targets);
    }

    private static boolean isRun(boolean[] reduced, int first, int last) {
        for (int d = first; d <= last; d++) {
            if (!reduced[d]) {
                return false;
            }
        }
        return true;
    }

    private static boolean[] reducedAxes(String op, Shape in, int[] axes) {
        if (axes.length == 0) {
            throw new IllegalArgumentException(op + ": no axes given for shape " + in
                    + "; reduce every element with the overload that takes no axes");
        }
        boolean[] reduced = new boolean[in.rank()];
        for (int axis : axes) {
            int a = axis < 0 ? axis + in.rank() : axis;
            if (a < 0 || a >= in.rank()) {
                throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for shape " + in);
            }
            if (reduced[a]) {
                throw new IllegalArgumentException(op + ": axis " + axis + " is repeated in "
                        + Arrays.toString(axes) + " for shape " + in);
            }
            reduced[a] = true;
        }
        return reduced;
    }

    Shape outShape() {
        return outShape;
    }

    /** How many inputs fold into each output. */
    int groupSize() {
        return groupSize;
    }

    /** Per output, the sum of its group. */
    float[] sum(float[] x) {
        float[] out = new float[outShape.size()];
        if (rowTargets == null) {
            var r = Kernels.active().reductions();
            Chunks.forEachRow(out.length, groupSize, (first, count) -> {
                for (int o = first; o < first + count; o++) {
                    out[o] = r.sum(x, o * groupSize, groupSize);
                }
            });
            return out;
        }
        ElementwiseKernels k = Kernels.active().elementwise();
        for (int row = 0; row < rowTargets.length; row++) {
            if (inner >= MIN_KERNEL_ROW) {
                k.axpy(1f, x, row * inner, out, rowTargets[row], inner);
            } else {
                for (int j = 0; j < inner; j++) {
                    out[rowTargets[row] + j] += x[row * inner + j];
                }
            }
        }
        return out;
    }

    /** {@code gx[i] += scale * g[output of i]}: spreads each output's gradient over its group. */
    void spread(float scale, float[] g, float[] gx) {
        ElementwiseKernels k = Kernels.active().elementwise();
        if (rowTargets == null) {
            Chunks.forEachRow(g.length, groupSize, (first, count) -> {
                for (int o = first; o < first + count; o++) {
                    k.affine(1f, scale * g[o], gx, o * groupSize, gx, o * groupSize, groupSize);
                }
            });
            return;
        }
        Chunks.forEachRow(rowTargets.length, inner, (first, count) -> {
            for (int row = first; row < first + count; row++) {
                if (inner >= MIN_KERNEL_ROW) {
                    k.axpy(scale, g, rowTargets[row], gx, row * inner, inner);
                } else {
                    for (int j = 0; j < inner; j++) {
                        gx[row * inner + j] += scale * g[rowTargets[row] + j];
                    }
                }
            }
        });
    }

    /**
     * Per output, the flat input index of the first largest element of its group (the first NaN,
     * if any). Groups must not be empty.
     */
    int[] argmax(float[] x) {
        int[] best = new int[outShape.size()];
        if (rowTargets == null) {
            for (int o = 0; o < best.length; o++) {
                int at = o * groupSize;
                for (int i = at + 1; i < (o + 1) * groupSize; i++) {
                    if (beats(x[i], x[at])) {
                        at = i;
                    }
                }
                best[o] = at;
            }
            return best;
        }
        Arrays.fill(best, -1);
        for (int row = 0; row < rowTargets.length; row++) {
            for (int j = 0; j < inner; j++) {
                int o = rowTargets[row] + j;
                int i = row * inner + j;
                if (best[o] < 0 || beats(x[i], x[best[o]])) {
                    best[o] = i;
                }
            }
        }
        return best;
    }

    /** Whether {@code v} replaces the running maximum {@code m}: strictly larger, or the first NaN. */
    private static boolean beats(float v, float m) {
        return v > m || (Float.isNaN(v) && !Float.isNaN(m));
    }
}
