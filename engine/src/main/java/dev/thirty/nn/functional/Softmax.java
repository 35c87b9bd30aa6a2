package dev.thirty.nn.functional;

import dev.thirty.kernels.Kernels;
import dev.thirty.kernels.RowKernels;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;

/**
 * Softmax and log-softmax along one axis, each one fused node with a hand-written backward.
 *
 * <p>{@code softmax(x)_i = exp(x_i - max(x)) / sum_j exp(x_j - max(x))} and
 * {@code logSoftmax(x)_i = x_i - max(x) - log(sum_j exp(x_j - max(x)))}, over the values along
 * {@code axis} with every other index fixed; subtracting the maximum keeps large logits finite.
 * The output has the input's shape. Backward, from the output y and its gradient g:
 * softmax {@code dx = y * (g - sum(g * y))}; log-softmax {@code dx = g - exp(y) * sum(g)}.
 *
 * <p>The last axis (or any axis with only size-1 axes after it) runs the row kernels in place;
 * another axis is copied to the last position, computed, and copied back. The saved output stays
 * in the row layout for the backward pass.
 */
public final class Softmax {

    private Softmax() {
    }

    /** Softmax of {@code x} along {@code axis} (negative counts from the end). */
    public static Tensor softmax(Tensor x, int axis) {
        return alongAxis("softmax", x, axis, Kind.SOFTMAX);
    }

    /** Log-softmax of {@code x} along {@code axis} (negative counts from the end). */
    public static Tensor logSoftmax(Tensor x, int axis) {
        return alongAxis("logSoftmax", x, axis, Kind.LOG_SOFTMAX);
    }

    /** Which of the two functions a pass computes. */
    enum Kind {
        SOFTMAX, LOG_SOFTMAX
    }

    private static Tensor alongAxis(String op, Tensor x, int axis, Kind kind) {
        if (x.rank() == 0) {
            throw new IllegalArgumentException(op + ": needs at least one axis, got a scalar");
        }
        AxisLayout layout = AxisLayout.of(x.shape(), axis);
        float[] in = layout.contiguous() ? x.data() : layout.toLast(x.data());
        float[] rowsOut = StepArena.toOverwrite(in.length);
        forward(kind, in, rowsOut, layout.rows(), layout.n());
        float[] out = layout.contiguous() ? rowsOut : layout.fromLast(rowsOut);
        return Tensor.derived(op, x.shape(), out, (g, grads) -> {
            if (grads[0] == null) {
                return;
            }
            if (layout.contiguous()) {
                backward(kind, rowsOut, g, grads[0], layout.rows(), layout.n());
            } else {
                float[] gx = StepArena.zeroed(g.length);
                backward(kind, rowsOut, layout.toLast(g), gx, layout.rows(), layout.n());
                layout.addFromLast(gx, grads[0]);
            }
        }, x);
    }

    /** {@code y = f(x)} on {@code rows} contiguous rows of {@code cols}. */
    static void forward(Kind kind, float[] x, float[] y, int rows, int cols) {
        RowKernels k = Kernels.active().rows();
        RowChunks.plan(rows, cols).forEach((chunk, first, n) -> {
            int off = first * cols;
            if (kind == Kind.SOFTMAX) {
                k.softmax(x, off, y, off, n, cols);
            } else {
                k.logSoftmax(x, off, y, off, n, cols);
            }
        });
    }

    /** {@code gx += f'(x)^T gy} on contiguous rows, from the forward output {@code y}. */
    static void backward(Kind kind, float[] y, float[] gy, float[] gx, int rows, int cols) {
        RowKernels k = Kernels.active().rows();
        RowChunks.plan(rows, cols).forEach((chunk, first, n) -> {
            int off = first * cols;
            if (kind == Kind.SOFTMAX) {
                k.softmaxBackward(y, off, gy, off, gx, off, n, cols);
            } else {
                k.logSoftmaxBackward(y, off, gy, off, gx, off, n, cols);
            }
        });
    }
}
