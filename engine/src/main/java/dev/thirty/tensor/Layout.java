package dev.thirty.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shape and layout operations: reshape, flatten, squeeze/unsqueeze, permute/transpose, slice,
 * concat/split/chunk/stack and broadcastTo, each with its gradient.
 *
 * <p>Reshapes (reshape, flatten, squeeze, unsqueeze) share the input's storage: ops never mutate
 * tensors, so sharing is safe, and their gradient is the output gradient unchanged. Everything
 * else copies into fresh contiguous storage. Negative axes count from the end everywhere
 * ({@code -1} is the last axis).
 *
 * <p>Gradients: a permutation's is the inverse permutation; a slice's is added back into its
 * region; a concatenation's is sliced back to each part; a broadcast's is summed over the
 * expanded axes.
 */
public final class Layout {

    private Layout() {
    }

    // ---- reshapes (shared storage) ------------------------------------------------------------

    /**
     * {@code x} with a new shape of the same size, sharing its storage. At most one dimension may
     * be {@code -1}; it is inferred from the others.
     *
     * @throws IllegalArgumentException {@code reshape: cannot reshape (2, 3) into (4, 2)}
     */
    public static Tensor reshape(Tensor x, int... shape) {
        return view("reshape", x, inferShape(x.shape(), shape));
    }

    /** Merges axes {@code startAxis..endAxis} (inclusive) into one: {@code (2, 3, 4), 1, 2 -> (2, 12)}. */
    public static Tensor flatten(Tensor x, int startAxis, int endAxis) {
        int start = Blocks.axis("flatten", x.shape(), startAxis);
        int end = Blocks.axis("flatten", x.shape(), endAxis);
        if (start > end) {
            throw new IllegalArgumentException("flatten: start axis " + startAxis + " comes after end axis "
                    + endAxis + " in shape " + x.shape());
        }
        int[] d = x.shape().dims();
        int[] out = new int[d.length - (end - start)];
        System.arraycopy(d, 0, out, 0, start);
        out[start] = 1; // (..., d_start, ..., d_end, ...) -> (..., d_start * ... * d_end, ...)
        for (int i = start; i <= end; i++) {
            out[start] *= d[i];
        }
        System.arraycopy(d, end + 1, out, start + 1, d.length - end - 1);
        return view("flatten", x, Shape.of(out));
    }

    /** Removes axis {@code axis}, which must have size 1: {@code (2, 1, 3), 1 -> (2, 3)}. */
    public static Tensor squeeze(Tensor x, int axis) {
        int a = Blocks.axis("squeeze", x.shape(), axis);
        if (x.dim(a) != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " of shape " + x.shape()
                    + " has size " + x.dim(a) + ", not 1");
        }
        int[] d = x.shape().dims();
        int[] out = new int[d.length - 1];
        System.arraycopy(d, 0, out, 0, a);
        System.arraycopy(d, a + 1, out, a, d.length - a - 1); // (..., 1, ...) -> (..., ...)
        return view("squeeze", x, Shape.of(out));
    }

    /**
     * Inserts an axis of size 1 so that it becomes axis {@code axis} of the result;
     * {@code axis} ranges over {@code [-(rank+1), rank]}: {@code (2, 3), -1 -> (2, 3, 1)}.
     */
    public static Tensor unsqueeze(Tensor x, int axis) {
        return view("unsqueeze", x, unsqueezedShape("unsqueeze", x.shape(), axis));
    }

    // ---- permutations -----------------------------------------------------------------------

    /**
     * Reorders the axes: axis {@code i} of the result is axis {@code axes[i]} of {@code x}, e.g.
     * {@code (B, T, H, D), (0, 2, 1, 3) -> (B, H, T, D)}. Copies into contiguous storage, except
     * that the identity permutation shares {@code x}'s storage like a reshape.
     */
    public static Tensor permute(Tensor x, int... axes) {
        int[] perm = permutation(x.shape(), axes);
        int[] in = x.shape().dims();
        int[] out = new int[perm.length];
        int[] inverse = new int[perm.length];
        boolean identity = true;
        for (int i = 0; i < perm.length; i++) {
            out[i] = in[perm[i]]; // axis i of the result is axis perm[i] of x
            inverse[perm[i]] = i;
            identity &= perm[i] == i;
        }
        if (identity) {
            return view("permute", x, x.shape());
        }
        float[] data = StepArena.zeroed(x.size());
        PermuteCopy.addPermuted(x.data(), in, perm, data);
        return Tensor.derived("permute", Shape.of(out), data, (g, grads) -> {
            if (grads[0] != null) {
                PermuteCopy.addPermuted(g, out, inverse, grads[0]);
            }
        }, x);
    }

    /** Swaps two axes: {@code (B, T, C), -2, -1 -> (B, C, T)}. */
    public static Tensor transpose(Tensor x, int axis0, int axis1) {
        int a = Blocks.axis("transpose", x.shape(), axis0);
        int b = Blocks.axis("transpose", x.shape(), axis1);
        int[] perm = new int[x.rank()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        perm[a] = b;
        perm[b] = a;
        return permute(x, perm);
    }

    // ---- slicing and joining --------------------------------------------------------------------

    /**
     * Elements {@code start} (inclusive) to {@code end} (exclusive) along {@code axis}; negative
     * bounds count from the end, so {@code slice(x, -1, -3, -1)} keeps the second and third last.
     * {@code (4, 10), 1, 2, 5 -> (4, 3)}.
     */
    public static Tensor slice(Tensor x, int axis, int start, int end) {
        Shape shape = x.shape();
        int a = Blocks.axis("slice", shape, axis);
        int n = shape.dim(a);
        int s = start < 0 ? start + n : start;
        int e = end < 0 ? end + n : end;
        if (s < 0 || e > n || s > e) {
            throw new IllegalArgumentException("slice: [" + start + ", " + end + ") is not a valid range of axis "
                    + axis + " (size " + n + ") of shape " + shape);
        }
        int outer = shape.outerSize(a);
        int inner = shape.innerSize(a);
        int len = (e - s) * inner;
        float[] data = StepArena.toOverwrite(outer * len);
        Blocks.copy(x.data(), s * inner, n * inner, data, 0, len, outer, len);
        Shape outShape = shape.with(a, e - s); // axis a: n -> end - start
        return Tensor.derived("slice", outShape, data, (g, grads) -> {
            if (grads[0] != null) {
                Blocks.add(g, 0, len, grads[0], s * inner, n * inner, outer, len);
            }
        }, x);
    }

    /**
     * Joins tensors along {@code axis}; all must agree on every other dimension.
     * {@code (2, 3), (2, 5), axis 1 -> (2, 8)}.
     */
    public static Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat: needs at least one tensor");
        }
        Shape first = parts[0].shape();
        int a = Blocks.axis("concat", first, axis);
        int[] offsets = new int[parts.length + 1];
        for (int p = 0; p < parts.length; p++) {
            Shape s = parts[p].shape();
            if (s.rank() != first.rank() || !s.with(a, 0).equals(first.with(a, 0))) {
                throw new IllegalArgumentException("concat: along axis " + axis + ", part " + p + " has shape "
                        + s + " but part 0 has " + first + "; they must agree on every other axis");
            }
            offsets[p + 1] = offsets[p] + s.dim(a);
        }
        Shape outShape = first.with(a, offsets[parts.length]); // axis a: sum of the parts' sizes
        int outer = first.outerSize(a);
        int inner = first.innerSize(a);
        int row = offsets[parts.length] * inner;
        float[] data = StepArena.toOverwrite(outShape.size());
        for (int p = 0; p < parts.length; p++) {
            int len = (offsets[p + 1] - offsets[p]) * inner;
            Blocks.copy(parts[p].data(), 0, len, data, offsets[p] * inner, row, outer, len);
        }
        return Tensor.derived("concat", outShape, data, (g, grads) -> {
            for (int p = 0; p < grads.length; p++) {
                if (grads[p] != null) {
                    int len = (offsets[p + 1] - offsets[p]) * inner;
                    Blocks.add(g, offsets[p] * inner, row, grads[p], 0, len, outer, len);
                }
            }
        }, parts);
    }

    /** {@link #concat(int, Tensor...)} of a list. */
    public static Tensor concat(int axis, List<Tensor> parts) {
        return concat(axis, parts.toArray(new Tensor[0]));
    }

    /**
     * Cuts {@code x} along {@code axis} into consecutive pieces of the given sizes, which must sum
     * to that axis's size: {@code (2, 8), 1, (3, 5) -> [(2, 3), (2, 5)]}.
     */
    public static List<Tensor> split(Tensor x, int axis, int... sizes) {
        int a = Blocks.axis("split", x.shape(), axis);
        long total = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes)
                        + " include a negative size");
            }
            total += s;
        }
        if (total != x.dim(a)) {
            throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " sum to " + total
                    + " but axis " + axis + " of shape " + x.shape() + " has size " + x.dim(a));
        }
        List<Tensor> out = new ArrayList<>(sizes.length);
        int start = 0;
        for (int s : sizes) {
            out.add(slice(x, a, start, start + s));
            start += s;
        }
        return out;
    }

    /**
     * Cuts {@code x} along {@code axis} into pieces of {@code ceil(n / chunks)} elements, the last
     * possibly smaller, as {@code torch.chunk} does: {@code (5,), 0, 3 -> [(2,), (2,), (1,)]}.
     * There may be fewer than {@code chunks} pieces ({@code (4,), 0, 3 -> [(2,), (2,)]}).
     */
    public static List<Tensor> chunk(Tensor x, int axis, int chunks) {
        int a = Blocks.axis("chunk", x.shape(), axis);
        if (chunks < 1) {
            throw new IllegalArgumentException("chunk: chunks must be at least 1, got " + chunks);
        }
        int n = x.dim(a);
        int size = Math.max(1, (n + chunks - 1) / chunks);
        List<Tensor> out = new ArrayList<>(chunks);
        for (int start = 0; start < n; start += size) {
            out.add(slice(x, a, start, Math.min(n, start + size)));
        }
        if (out.isEmpty()) {
            out.add(slice(x, a, 0, 0));
        }
        return out;
    }

    /**
     * Joins same-shaped tensors along a new axis {@code axis} (ranging over
     * {@code [-(rank+1), rank]}): three {@code (2, 3)} along 0 give {@code (3, 2, 3)}.
     */
    public static Tensor stack(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        Shape first = parts[0].shape();
        Tensor[] lifted = new Tensor[parts.length];
        for (int p = 0; p < parts.length; p++) {
            if (!parts[p].shape().equals(first)) {
                throw new IllegalArgumentException("stack: part " + p + " has shape " + parts[p].shape()
                        + " but part 0 has " + first + "; all must be equal");
            }
            lifted[p] = view("stack", parts[p], unsqueezedShape("stack", first, axis));
        }
        int a = axis < 0 ? axis + first.rank() + 1 : axis;
        return concat(a, lifted); // (...) x parts -> (..., parts, ...) at axis a
    }

    /** {@link #stack(int, Tensor...)} of a list. */
    public static Tensor stack(int axis, List<Tensor> parts) {
        return stack(axis, parts.toArray(new Tensor[0]));
    }

    // ---- broadcasting -----------------------------------------------------------------------------

    /**
     * {@code x} expanded to {@code target} NumPy style: dimensions aligned at the end, each of
     * {@code x}'s equal to the target's or 1. {@code (3, 1) -> (2, 3, 4)}. The gradient sums over
     * the expanded axes.
     */
    public static Tensor broadcastTo(Tensor x, Shape target) {
        Blocks.requireBroadcastable("broadcastTo", "tensor", x.shape(), target);
        if (x.shape().equals(target)) {
            return view("broadcastTo", x, target);
        }
        int[] offsets = BroadcastIndex.offsets(x.shape(), target, 1);
        float[] src = x.data();
        float[] data = StepArena.toOverwrite(offsets.length);
        for (int i = 0; i < data.length; i++) {
            data[i] = src[offsets[i]];
        }
        return Tensor.derived("broadcastTo", target, data, (g, grads) -> {
            float[] gx = grads[0];
            if (gx != null) {
                for (int i = 0; i < g.length; i++) {
                    gx[offsets[i]] += g[i];
                }
            }
        }, x);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** {@code x}'s storage under {@code shape} (same size); the gradient passes straight through. */
    private static Tensor view(String op, Tensor x, Shape shape) {
        return Tensor.derived(op, shape, x.data(), (g, grads) -> Blocks.accumulate(grads[0], g), x);
    }

    private static Shape inferShape(Shape from, int[] requested) {
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < requested.length; i++) {
            if (requested[i] == -1 && inferred < 0) {
                inferred = i;
            } else if (requested[i] < 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + from + " into "
                        + Blocks.dims(requested) + ": only one dimension may be -1 and none other negative");
            } else {
                known *= requested[i];
            }
        }
        int[] dims = requested.clone();
        if (inferred >= 0) {
            if (known == 0 || from.size() % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + from + " into "
                        + Blocks.dims(requested));
            }
            dims[inferred] = (int) (from.size() / known);
        } else if (known != from.size()) {
            throw new IllegalArgumentException("reshape: cannot reshape " + from + " into "
                    + Blocks.dims(requested));
        }
        return Shape.of(dims);
    }

    private static Shape unsqueezedShape(String op, Shape shape, int axis) {
        int rank = shape.rank();
        int a = axis < 0 ? axis + rank + 1 : axis;
        if (a < 0 || a > rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for inserting an axis into "
                    + shape + " (allowed " + (-rank - 1) + " to " + rank + ")");
        }
        int[] d = shape.dims();
        int[] out = new int[rank + 1];
        System.arraycopy(d, 0, out, 0, a);
        out[a] = 1; // (..., ...) -> (..., 1, ...)
        System.arraycopy(d, a, out, a + 1, rank - a);
        return Shape.of(out);
    }

    /** {@code axes} normalised, or an error naming them and the shape if not a permutation. */
    private static int[] permutation(Shape shape, int[] axes) {
        int rank = shape.rank();
        int[] perm = new int[axes.length];
        boolean[] seen = new boolean[rank];
        boolean valid = axes.length == rank;
        for (int i = 0; i < axes.length && valid; i++) {
            int a = axes[i] < 0 ? axes[i] + rank : axes[i];
            valid = a >= 0 && a < rank && !seen[a];
            if (valid) {
                seen[a] = true;
                perm[i] = a;
            }
        }
        if (!valid) {
            throw new IllegalArgumentException("permute: " + Blocks.dims(axes)
                    + " is not a permutation of the axes of shape " + shape);
        }
        return perm;
    }
}
