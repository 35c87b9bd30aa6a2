package dev.thirty.tensor;

import java.util.Arrays;

/**
 * Strided block copies shared by the layout and indexing ops, and the small helpers their error
 * messages and gradients need. A tensor seen around one axis is {@code (outer, n, inner)}: a
 * slice, part or selected index along that axis is {@code outer} runs of contiguous floats.
 */
final class Blocks {

    private Blocks() {
    }

    /** {@code dst[dstOff + o*dstStride + i] = src[srcOff + o*srcStride + i]} for o < outer, i < length. */
    static void copy(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride,
                     int outer, int length) {
        for (int o = 0; o < outer; o++) {
            System.arraycopy(src, srcOff + o * srcStride, dst, dstOff + o * dstStride, length);
        }
    }

    /** As {@link #copy} but adding into {@code dst}: the backward of a copy. */
    static void add(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride,
                    int outer, int length) {
        for (int o = 0; o < outer; o++) {
            int s = srcOff + o * srcStride;
            int d = dstOff + o * dstStride;
            for (int i = 0; i < length; i++) {
                dst[d + i] += src[s + i];
            }
        }
    }

    /** {@code into += g} elementwise; nothing when {@code into} is null (input needs no gradient). */
    static void accumulate(float[] into, float[] g) {
        if (into == null) {
            return;
        }
        for (int i = 0; i < g.length; i++) {
            into[i] += g[i];
        }
    }

    /** Formats dimensions the way {@link Shape#toString()} does, for shapes that may hold -1. */
    static String dims(int[] dims) {
        if (dims.length == 1) {
            return "(" + dims[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return sb.append(')').toString();
    }

    /** Normalises an axis of {@code shape} for {@code op}, naming both when out of range. */
    static int axis(String op, Shape shape, int axis) {
        int a = axis < 0 ? axis + shape.rank() : axis;
        if (a < 0 || a >= shape.rank()) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for shape " + shape);
        }
        return a;
    }

    /**
     * {@code mask} (shaped {@code maskShape}) broadcast to {@code target}, one flag per element of
     * {@code target}, row-major.
     *
     * @throws IllegalArgumentException naming {@code op} when the length does not match the shape or
     *                                  the shape does not broadcast to {@code target}
     */
    static boolean[] expandMask(String op, boolean[] mask, Shape maskShape, Shape target) {
        if (mask.length != maskShape.size()) {
            throw new IllegalArgumentException(op + ": mask has " + mask.length + " values but shape "
                    + maskShape + " needs " + maskShape.size());
        }
        requireBroadcastable(op, "mask", maskShape, target);
        if (maskShape.equals(target)) {
            return mask;
        }
        boolean[] out = new boolean[target.size()];
        if (isTrailingBlock(maskShape, target) && mask.length > 0) {
            // (..., T, T) over (B, H, T, T): the mask repeats whole, so tile it.
            for (int i = 0; i < out.length; i += mask.length) {
                System.arraycopy(mask, 0, out, i, mask.length);
            }
            return out;
        }
        int[] offsets = BroadcastIndex.offsets(maskShape, target, 1);
        for (int i = 0; i < out.length; i++) {
            out[i] = mask[offsets[i]];
        }
        return out;
    }

    /**
     * Throws unless {@code source} broadcasts to exactly {@code target}: ranks aligned at the end,
     * each source dimension equal to the target's or 1.
     */
    static void requireBroadcastable(String op, String what, Shape source, Shape target) {
        int shift = target.rank() - source.rank();
        if (shift < 0) {
            throw new IllegalArgumentException(op + ": cannot broadcast " + what + " of shape " + source
                    + " to " + target + ": it has more dimensions");
        }
        for (int i = 0; i < source.rank(); i++) {
            int s = source.dim(i);
            int t = target.dim(i + shift);
            if (s != t && s != 1) {
                throw new IllegalArgumentException(op + ": cannot broadcast " + what + " of shape " + source
                        + " to " + target + ": dimension " + (i - source.rank()) + " is " + s
                        + ", not 1 or " + t);
            }
        }
    }

    /** True when {@code source}, stripped of leading 1s, equals the trailing dimensions of {@code target}. */
    private static boolean isTrailingBlock(Shape source, Shape target) {
        int[] s = source.dims();
        int first = 0;
        while (first < s.length && s[first] == 1) {
            first++;
        }
        int[] t = target.dims();
        int len = s.length - first;
        return Arrays.equals(s, first, s.length, t, t.length - len, t.length);
    }
}
