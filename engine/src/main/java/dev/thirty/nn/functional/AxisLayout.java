package dev.thirty.nn.functional;

import dev.thirty.tensor.Shape;

/**
 * A tensor viewed around one axis as {@code (outer, n, inner)}: {@code n} is the axis length,
 * {@code outer} the product of the dimensions before it and {@code inner} of those after it.
 * Row kernels want the axis last and contiguous; when {@code inner > 1} the values are copied to
 * the {@code (outer, inner, n)} layout and back.
 */
record AxisLayout(int outer, int n, int inner) {

    static AxisLayout of(Shape shape, int axis) {
        int a = shape.axis(axis);
        return new AxisLayout(shape.outerSize(a), shape.dim(a), shape.innerSize(a));
    }

    /** True when the axis is already last in memory, so no copy is needed. */
    boolean contiguous() {
        return inner == 1;
    }

    /** Rows of length {@code n} once the axis is last. */
    int rows() {
        return outer * inner;
    }

    /** {@code src} laid out {@code (outer, n, inner)} copied to {@code (outer, inner, n)}. */
    float[] toLast(float[] src) {
        float[] dst = new float[src.length];
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < inner; i++) {
                    dst[base + i * n + k] = src[base + k * inner + i];
                }
            }
        }
        return dst;
    }

    /** {@code src} laid out {@code (outer, inner, n)} copied back to {@code (outer, n, inner)}. */
    float[] fromLast(float[] src) {
        float[] dst = new float[src.length];
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < inner; i++) {
                    dst[base + k * inner + i] = src[base + i * n + k];
                }
            }
        }
        return dst;
    }

    /** Adds {@code src}, laid out {@code (outer, inner, n)}, into {@code dst} laid out {@code (outer, n, inner)}. */
    void addFromLast(float[] src, float[] dst) {
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < inner; i++) {
                    dst[base + k * inner + i] += src[base + i * n + k];
                }
            }
        }
    }
}
