package dev.thirty.tensor;

import java.util.Locale;

/**
 * {@code Tensor.toString}: nested brackets like NumPy, summarised with "..." beyond
 * {@value #EDGE} items per axis when a tensor has more than {@value #FULL} elements, followed by
 * the shape and, for recorded results, the op that made it.
 */
final class TensorFormat {

    static final int FULL = 1000;
    static final int EDGE = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder("tensor(");
        boolean summarise = t.size() > FULL;
        appendAxis(sb, t.data(), t.shape().dims(), t.shape().strides(), 0, 0, summarise, "       ");
        sb.append(", shape=").append(t.shape());
        if (t.node() != null) {
            sb.append(", grad_fn=").append(t.node().op());
        } else if (t.requiresGrad()) {
            sb.append(", requires_grad");
        }
        return sb.append(')').toString();
    }

    private static void appendAxis(StringBuilder sb, float[] d, int[] dims, int[] strides, int axis,
                                   int offset, boolean summarise, String indent) {
        if (axis == dims.length) {
            sb.append(number(d[offset]));
            return;
        }
        sb.append('[');
        int n = dims[axis];
        boolean cut = summarise && n > 2 * EDGE;
        for (int i = 0; i < n; i++) {
            if (cut && i == EDGE) {
                sb.append(axis == dims.length - 1 ? "..., " : "...,\n" + indent + " ");
                i = n - EDGE;
            }
            appendAxis(sb, d, dims, strides, axis + 1, offset + i * strides[axis], summarise, indent + " ");
            if (i < n - 1) {
                sb.append(axis == dims.length - 1 ? ", " : ",\n" + indent + " ");
            }
        }
        sb.append(']');
    }

    private static String number(float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7f) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
