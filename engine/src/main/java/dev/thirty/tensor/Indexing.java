package dev.thirty.tensor;

import java.util.Arrays;

/**
 * Indexing operations: selecting slices by index ({@code indexSelect}, {@code embedding}),
 * elementwise gathering ({@code gather}), and elementwise choice under a boolean mask
 * ({@code where}, {@code maskedFill}), each with its gradient.
 *
 * <p>Indices and masks are plain Java arrays with an explicit shape: they are data, never
 * differentiated. Every index is checked before any copying, and a bad one is reported with its
 * value, its position and the valid range. The gradients of the selecting ops scatter-add, so an
 * index that appears twice receives the sum of both gradients; they run in index order and are
 * deterministic.
 */
public final class Indexing {

    private Indexing() {
    }

    /**
     * The slices of {@code x} at {@code indices} along {@code axis}, in that order, like
     * {@code torch.index_select}: {@code (4, 5), axis 1, [3, 0, 3] -> (4, 3)}. Indices lie in
     * {@code [0, x.dim(axis))} and may repeat.
     */
    public static Tensor indexSelect(Tensor x, int axis, int[] indices) {
        Shape shape = x.shape();
        int a = Blocks.axis("indexSelect", shape, axis);
        int n = shape.dim(a);
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= n) {
                throw new IllegalArgumentException("indexSelect: index " + indices[i] + " at position " + i
                        + " is out of range [0, " + n + ") for axis " + axis + " of shape " + shape);
            }
        }
        int[] idx = indices.clone();
        return selectBlocks("indexSelect", x, shape.outerSize(a), n, shape.innerSize(a), idx,
                shape.with(a, idx.length)); // axis a: n -> indices.length
    }

    /**
     * Rows of the embedding table {@code weight} {@code (V, D)} picked by token ids, shaped
     * {@code idsShape + (D,)}: ids {@code (B, T)} give {@code (B, T, D)}. {@code ids} holds
     * {@code prod(idsShape)} values, row-major, each in {@code [0, V)}; repeats accumulate in the
     * gradient.
     */
    public static Tensor embedding(Tensor weight, int[] ids, int... idsShape) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("embedding: weight must be (vocabulary, dim), got shape "
                    + weight.shape());
        }
        Shape idShape = Shape.of(idsShape);
        if (ids.length != idShape.size()) {
            throw new IllegalArgumentException("embedding: " + ids.length + " ids for ids shape " + idShape
                    + ", which needs " + idShape.size());
        }
        int vocab = weight.dim(0);
        int dim = weight.dim(1);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new IllegalArgumentException("embedding: id " + ids[i] + " at position "
                        + position(i, idsShape) + " is out of range [0, " + vocab + ") for weight of shape "
                        + weight.shape());
            }
        }
        int[] outDims = Arrays.copyOf(idsShape, idsShape.length + 1);
        outDims[idsShape.length] = dim; // idsShape -> idsShape + (D,)
        return selectBlocks("embedding", weight, 1, vocab, dim, ids.clone(), Shape.of(outDims));
    }

    /**
     * Elementwise gather along {@code axis}, like {@code torch.gather}: for a rank-3 {@code x} and
     * axis 1, {@code out[i][j][k] = x[i][index[i][j][k]][k]}. {@code index} has {@code x}'s rank
     * and shape {@code indexShape} (no larger than {@code x} on the other axes); the result has
     * {@code indexShape}. Values lie in {@code [0, x.dim(axis))}.
     */
    public static Tensor gather(Tensor x, int axis, int[] index, int... indexShape) {
        Shape shape = x.shape();
        int a = Blocks.axis("gather", shape, axis);
        Shape outShape = Shape.of(indexShape);
        if (outShape.rank() != shape.rank() || index.length != outShape.size()) {
            throw new IllegalArgumentException("gather: index of shape " + outShape + " with " + index.length
                    + " values does not fit tensor of shape " + shape + " (needs the same rank, one value"
                    + " per element)");
        }
        for (int d = 0; d < shape.rank(); d++) {
            if (d != a && indexShape[d] > shape.dim(d)) {
                throw new IllegalArgumentException("gather: index of shape " + outShape + " is larger than "
                        + shape + " on axis " + d);
            }
        }
        int[] offsets = gatherOffsets(shape, a, index, indexShape);
        float[] src = x.data();
        float[] data = StepArena.toOverwrite(offsets.length);
        for (int i = 0; i < data.length; i++) {
            data[i] = src[offsets[i]];
        }
        return Tensor.derived("gather", outShape, data, (g, grads) -> {
            float[] gx = grads[0];
            if (gx != null) {
                for (int i = 0; i < g.length; i++) {
                    gx[offsets[i]] += g[i];
                }
            }
        }, x);
    }

    /**
     * {@code condition ? a : b} elementwise. {@code condition} (shaped {@code conditionShape}),
     * {@code a} and {@code b} broadcast NumPy style to a common shape, which is the result's; the
     * gradient flows to {@code a} where the condition holds and to {@code b} elsewhere, summed over
     * broadcast axes.
     */
    public static Tensor where(boolean[] condition, Shape conditionShape, Tensor a, Tensor b) {
        Shape outShape = Shape.broadcast("where", Shape.broadcast("where", a.shape(), b.shape()), conditionShape);
        boolean[] cond = Blocks.expandMask("where", condition, conditionShape, outShape);
        int[] aAt = BroadcastIndex.offsets(a.shape(), outShape, 1);
        int[] bAt = BroadcastIndex.offsets(b.shape(), outShape, 1);
        float[] ad = a.data();
        float[] bd = b.data();
        float[] data = StepArena.toOverwrite(outShape.size());
        for (int i = 0; i < data.length; i++) {
            data[i] = cond[i] ? ad[aAt[i]] : bd[bAt[i]];
        }
        return Tensor.derived("where", outShape, data, (g, grads) -> {
            float[] ga = grads[0];
            float[] gb = grads[1];
            for (int i = 0; i < g.length; i++) {
                if (cond[i] && ga != null) {
                    ga[aAt[i]] += g[i];
                } else if (!cond[i] && gb != null) {
                    gb[bAt[i]] += g[i];
                }
            }
        }, a, b);
    }

    /** {@link #where(boolean[], Shape, Tensor, Tensor)} with the condition shaped like {@code a}. */
    public static Tensor where(boolean[] condition, Tensor a, Tensor b) {
        return where(condition, a.shape(), a, b);
    }

    /**
     * {@code x} with {@code value} wherever {@code mask} (shaped {@code maskShape}, broadcast to
     * {@code x}'s shape) is true; the gradient is zero there. A causal mask {@code (T, T)} applies
     * to attention scores {@code (B, H, T, T)}.
     */
    public static Tensor maskedFill(Tensor x, boolean[] mask, Shape maskShape, float value) {
        boolean[] m = Blocks.expandMask("maskedFill", mask, maskShape, x.shape());
        float[] src = x.data();
        float[] data = StepArena.toOverwrite(src.length);
        for (int i = 0; i < data.length; i++) {
            data[i] = m[i] ? value : src[i];
        }
        return Tensor.derived("maskedFill", x.shape(), data, (g, grads) -> {
            float[] gx = grads[0];
            if (gx != null) {
                for (int i = 0; i < g.length; i++) {
                    gx[i] += m[i] ? 0f : g[i];
                }
            }
        }, x);
    }

    /**
     * Copies blocks of {@code inner} floats: for each of {@code outer} groups of {@code n} blocks
     * in {@code x}, the blocks at {@code indices}. Gradient: the same blocks scatter-added back.
     */
    private static Tensor selectBlocks(String op, Tensor x, int outer, int n, int inner, int[] indices,
                                       Shape outShape) {
        int k = indices.length;
        float[] src = x.data();
        float[] data = StepArena.toOverwrite(outer * k * inner);
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                System.arraycopy(src, (o * n + indices[j]) * inner, data, (o * k + j) * inner, inner);
            }
        }
        return Tensor.derived(op, outShape, data, (g, grads) -> {
            if (grads[0] != null) {
                for (int o = 0; o < outer; o++) {
                    for (int j = 0; j < k; j++) {
                        Blocks.add(g, (o * k + j) * inner, 0, grads[0], (o * n + indices[j]) * inner, 0, 1, inner);
                    }
                }
            }
        }, x);
    }

    /** Flat offsets into {@code x} of every gathered element, checking each index value. */
    private static int[] gatherOffsets(Shape shape, int axis, int[] index, int[] indexShape) {
        int[] strides = shape.strides();
        int n = shape.dim(axis);
        int rank = indexShape.length;
        int[] offsets = new int[index.length];
        int[] pos = new int[rank];
        int base = 0; // offset of pos with the gathered axis at 0
        for (int i = 0; i < index.length; i++) {
            int v = index[i];
            if (v < 0 || v >= n) {
                throw new IllegalArgumentException("gather: index " + v + " at position " + Arrays.toString(pos)
                        + " is out of range [0, " + n + ") for axis " + axis + " of shape " + shape);
            }
            offsets[i] = base + v * strides[axis];
            for (int d = rank - 1; d >= 0; d--) {
                pos[d]++;
                base += d == axis ? 0 : strides[d];
                if (pos[d] < indexShape[d]) {
                    break;
                }
                base -= d == axis ? 0 : strides[d] * indexShape[d];
                pos[d] = 0;
            }
        }
        return offsets;
    }

    /** The multi-index of flat position {@code flat} in {@code dims}, as {@code [i, j, ...]}. */
    private static String position(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        int rest = flat;
        for (int d = dims.length - 1; d >= 0; d--) {
            idx[d] = rest % dims[d];
            rest /= dims[d];
        }
        return Arrays.toString(idx);
    }
}
