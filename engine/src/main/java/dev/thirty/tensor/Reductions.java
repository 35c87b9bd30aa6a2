package dev.thirty.tensor;

import dev.thirty.kernels.Kernels;

/**
 * Sums, means and maxima over all elements or over chosen axes.
 *
 * <p>Axes may be negative (counting from the end) and must not repeat. {@link KeepDim#YES} keeps
 * each reduced axis as size 1, so {@code x - max(x, -1, YES)} broadcasts; {@link KeepDim#NO}
 * removes it: {@code (B, T, C)} summed over axis 1 is {@code (B, 1, C)} or {@code (B, C)}.
 * Reducing every element gives a rank-0 tensor.
 *
 * <p>Backward: {@code sum} copies the output gradient to every element of its group, {@code mean}
 * the same divided by the group size, and {@code max} sends it to the first maximal element of
 * each group only (ties go to the lowest index, NaN wins). A mean is the sum times
 * {@code 1 / groupSize}. Summation order depends only on the shapes, so results are deterministic.
 */
public final class Reductions {

    private Reductions() {
    }

    /** The sum of every element, as a rank-0 tensor. */
    public static Tensor sum(Tensor x) {
        return sum("sum", x, ReducePlan.all(x.shape()));
    }

    /** The mean of every element, as a rank-0 tensor (NaN for an empty tensor). */
    public static Tensor mean(Tensor x) {
        return mean("mean", x, ReducePlan.all(x.shape()));
    }

    /** The largest element, as a rank-0 tensor. */
    public static Tensor max(Tensor x) {
        return max("max", x, ReducePlan.all(x.shape()));
    }

    /** Sum over one axis. */
    public static Tensor sum(Tensor x, int axis, KeepDim keep) {
        return sum(x, keep, axis);
    }

    /** Mean over one axis. */
    public static Tensor mean(Tensor x, int axis, KeepDim keep) {
        return mean(x, keep, axis);
    }

    /** Maximum over one axis. */
    public static Tensor max(Tensor x, int axis, KeepDim keep) {
        return max(x, keep, axis);
    }

    /** Sum over the given axes. */
    public static Tensor sum(Tensor x, KeepDim keep, int... axes) {
        return sum("sum", x, ReducePlan.over("sum", x.shape(), keep, axes));
    }

    /** Mean over the given axes. */
    public static Tensor mean(Tensor x, KeepDim keep, int... axes) {
        return mean("mean", x, ReducePlan.over("mean", x.shape(), keep, axes));
    }

    /** Maximum over the given axes. */
    public static Tensor max(Tensor x, KeepDim keep, int... axes) {
        return max("max", x, ReducePlan.over("max", x.shape(), keep, axes));
    }

    /**
     * For each position of the other axes, the index along {@code axis} of the first largest
     * element: {@code (B, C)} with axis -1 gives {@code B} class predictions. Row-major over the
     * remaining axes; no gradient.
     */
    public static int[] argmax(Tensor x, int axis) {
        ReducePlan plan = ReducePlan.over("argmax", x.shape(), KeepDim.NO, axis);
        requireNonEmpty("argmax", x, plan);
        int[] flat = plan.argmax(x.data());
        int a = x.shape().axis(axis);
        int inner = x.shape().innerSize(a);
        int extent = x.shape().dim(a);
        for (int i = 0; i < flat.length; i++) {
            flat[i] = flat[i] / inner % extent;
        }
        return flat;
    }

    private static Tensor sum(String op, Tensor x, ReducePlan plan) {
        float[] out = plan.sum(x.data());
        return Tensor.derived(op, plan.outShape(), out, (g, grads) -> {
            if (grads[0] != null) {
                plan.spread(1f, g, grads[0]);
            }
        }, x);
    }

    private static Tensor mean(String op, Tensor x, ReducePlan plan) {
        float[] out = plan.sum(x.data());
        float scale = 1f / plan.groupSize();
        Kernels.active().elementwise().affine(scale, 0f, out, 0, out, 0, out.length);
        return Tensor.derived(op, plan.outShape(), out, (g, grads) -> {
            if (grads[0] != null) {
                plan.spread(scale, g, grads[0]);
            }
        }, x);
    }

    private static Tensor max(String op, Tensor x, ReducePlan plan) {
        requireNonEmpty(op, x, plan);
        float[] xd = x.data();
        int[] at = plan.argmax(xd);
        float[] out = StepArena.toOverwrite(at.length);
        for (int o = 0; o < at.length; o++) {
            out[o] = xd[at[o]];
        }
        return Tensor.derived(op, plan.outShape(), out, (g, grads) -> {
            if (grads[0] != null) {
                for (int o = 0; o < at.length; o++) {
                    grads[0][at[o]] += g[o];
                }
            }
        }, x);
    }

    private static void requireNonEmpty(String op, Tensor x, ReducePlan plan) {
        if (plan.groupSize() == 0 && plan.outShape().size() > 0) {
            throw new IllegalArgumentException(op + ": no elements to take the maximum of: shape "
                    + x.shape() + " reduced to " + plan.outShape());
        }
    }
}
