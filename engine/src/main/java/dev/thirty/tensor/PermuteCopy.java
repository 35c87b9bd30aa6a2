package dev.thirty.tensor;

/**
 * The data movement of a permutation: {@code dst[o] += src[offset(o)]} for every row-major
 * position {@code o} of the permuted shape. Adding rather than storing lets the same routine serve
 * the forward pass (into a fresh zeroed array) and the backward pass (the inverse permutation,
 * accumulated into an input's gradient).
 *
 * <p>The permuted axes are first coalesced: size-1 axes dropped and neighbours that stay
 * contiguous in the source merged. What remains picks one of three loops:
 * <ul>
 *   <li>the last axis has source stride 1: contiguous runs, as in {@code (B, T, H, D) -> (B, H, T, D)};
 *   <li>the second-to-last has stride 1 and the matrices are large: a batch of 2-D transposes,
 *       done in cache-sized tiles, as in swapping the last two axes;
 *   <li>otherwise one strided inner loop per outer position.
 * </ul>
 *
 * <p>Measured once (informal best-of-30 timing on 2 shared cores, JDK 25): swapping the last two
 * axes of {@code (8, 1024, 1024)} took 35-55 ms tiled against 86-132 ms strided (about 2.3x);
 * for {@code (64, 256, 256)} and {@code (32, 300, 500)} tiling was no faster (0.6x-1.0x), hence
 * the size threshold. Contiguous runs for {@code (8, 256, 8, 64) -> (8, 8, 256, 64)}: about 1.35x
 * over the strided loop.
 */
final class PermuteCopy {

    private static final int TILE = 32;

    /** Below this many elements per matrix the plain strided loop was as fast (see class notes). */
    private static final int TILED_MIN = 1 << 18;

    private PermuteCopy() {
    }

    /** Adds {@code src} (shaped {@code srcDims}) permuted by {@code perm} into {@code dst}. */
    static void addPermuted(float[] src, int[] srcDims, int[] perm, float[] dst) {
        if (src.length == 0) {
            return;
        }
        int[] srcStrides = Shape.of(srcDims).strides();
        int[] dims = new int[perm.length];
        int[] strides = new int[perm.length];
        int n = 0;
        for (int axis : perm) {
            int d = srcDims[axis];
            int s = srcStrides[axis];
            if (d == 1) {
                continue;
            }
            if (n > 0 && strides[n - 1] == s * d) {
                // Outer neighbour continues this axis in the source: one longer axis.
                dims[n - 1] *= d;
                strides[n - 1] = s;
            } else {
                dims[n] = d;
                strides[n] = s;
                n++;
            }
        }
        if (n == 0) {
            dst[0] += src[0];
        } else if (strides[n - 1] == 1) {
            addRuns(src, dims, strides, n, dst);
        } else if (n >= 2 && strides[n - 2] == 1 && dims[n - 2] * dims[n - 1] >= TILED_MIN) {
            addTransposes(src, dims, strides, n, dst);
        } else {
            addStrided(src, dims, strides, n, dst);
        }
    }

    /** Last axis contiguous in the source: add runs of {@code dims[n-1]} floats. */
    private static void addRuns(float[] src, int[] dims, int[] strides, int n, float[] dst) {
        int run = dims[n - 1];
        int[] bases = outerOffsets(dims, strides, n - 1);
        for (int o = 0; o < bases.length; o++) {
            int s = bases[o];
            int d = o * run;
            for (int i = 0; i < run; i++) {
                dst[d + i] += src[s + i];
            }
        }
    }

    /**
     * Last two axes form a transpose: output block {@code (rows, cols)} reads the source column-wise
     * ({@code rows} has stride 1, {@code cols} stride {@code ld}). Tiles keep both sides in cache.
     */
    private static void addTransposes(float[] src, int[] dims, int[] strides, int n, float[] dst) {
        int rows = dims[n - 2];
        int cols = dims[n - 1];
        int ld = strides[n - 1];
        int[] bases = outerOffsets(dims, strides, n - 2);
        for (int o = 0; o < bases.length; o++) {
            int s = bases[o];
            int d = o * rows * cols;
            for (int r0 = 0; r0 < rows; r0 += TILE) {
                int r1 = Math.min(rows, r0 + TILE);
                for (int c0 = 0; c0 < cols; c0 += TILE) {
                    int c1 = Math.min(cols, c0 + TILE);
                    for (int r = r0; r < r1; r++) {
                        int dr = d + r * cols;
                        for (int c = c0; c < c1; c++) {
                            dst[dr + c] += src[s + c * ld + r];
                        }
                    }
                }
            }
        }
    }

    /** General case: one strided inner loop along the last axis per outer position. */
    private static void addStrided(float[] src, int[] dims, int[] strides, int n, float[] dst) {
        int len = dims[n - 1];
        int step = strides[n - 1];
        int[] bases = outerOffsets(dims, strides, n - 1);
        for (int o = 0; o < bases.length; o++) {
            int s = bases[o];
            int d = o * len;
            for (int i = 0; i < len; i++) {
                dst[d + i] += src[s + i * step];
            }
        }
    }

    /** Source offsets of every position of the first {@code count} axes, row-major. */
    private static int[] outerOffsets(int[] dims, int[] strides, int count) {
        int total = 1;
        for (int i = 0; i < count; i++) {
            total *= dims[i];
        }
        int[] out = new int[total];
        int[] idx = new int[count];
        int off = 0;
        for (int p = 0; p < total; p++) {
            out[p] = off;
            for (int a = count - 1; a >= 0; a--) {
                idx[a]++;
                off += strides[a];
                if (idx[a] < dims[a]) {
                    break;
                }
                off -= strides[a] * dims[a];
                idx[a] = 0;
            }
        }
        return out;
    }
}
