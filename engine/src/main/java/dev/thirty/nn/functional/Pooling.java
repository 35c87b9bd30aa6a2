package dev.thirty.nn.functional;

import dev.thirty.kernels.ConvKernels;
import dev.thirty.kernels.Kernels;
import dev.thirty.kernels.NchwShape;
import dev.thirty.kernels.Pool2dShape;
import dev.thirty.kernels.PoolMode;
import dev.thirty.kernels.Window2d;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;

/**
 * Pooling of NCHW tensors, each channel of each image on its own: max and average pooling over
 * (possibly overlapping) windows, and global average pooling.
 *
 * <p>Shapes: x {@code (N, C, H, W)}, y {@code (N, C, H', W')} with H' and W' from the window
 * (floor or, with {@link dev.thirty.kernels.Rounding#CEIL}, PyTorch's {@code ceil_mode}).
 * Max pooling sends each output's gradient to the first maximum of its window (row-major order),
 * as PyTorch does; average pooling spreads it evenly over the window, dividing by the whole window
 * ({@link PoolMode#AVERAGE_INCLUDING_PADDING}, PyTorch's default) or by the taps inside the image
 * ({@link PoolMode#AVERAGE_EXCLUDING_PADDING}, {@code count_include_pad=False} and cuda-convnet's
 * average pooling).
 */
public final class Pooling {

    private Pooling() {
    }

    /** Max pooling; AlexNet's overlapping pooling is {@code Window2d.square(3, 2, 0)}. */
    public static Tensor maxPool2d(Tensor x, Window2d window) {
        return pool2d(x, window, PoolMode.MAX);
    }

    /** Average pooling, dividing as {@code mode} says ({@link PoolMode#MAX} is refused here). */
    public static Tensor avgPool2d(Tensor x, Window2d window, PoolMode mode) {
        if (mode == PoolMode.MAX) {
            throw new IllegalArgumentException("avgPool2d: mode must be an average, got " + mode);
        }
        return pool2d(x, window, mode);
    }

    /** Pools with {@code mode} over {@code window}. */
    public static Tensor pool2d(Tensor x, Window2d window, PoolMode mode) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("pool2d: x must be (N, C, H, W), got " + x.shape());
        }
        Pool2dShape s;
        try {
            s = new Pool2dShape(x.dim(0), x.dim(1), x.dim(2), x.dim(3), window, mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pool2d: x " + x.shape() + " does not fit "
                    + (window == null ? "a missing window" : "the window " + window.describe()) + ": " + e.getMessage(), e);
        }
        ConvKernels k = Kernels.active().conv();
        float[] y = StepArena.toOverwrite(s.outputSize());
        int[] argmax = mode == PoolMode.MAX ? new int[s.outputSize()] : null;
        k.pool2d(s, x.data(), y, argmax);
        String op = mode == PoolMode.MAX ? "maxPool2d" : "avgPool2d";
        return Tensor.derived(op, Shape.of(s.batch(), s.channels(), s.outHeight(), s.outWidth()), y, (g, grads) -> {
            if (grads[0] != null) {
                Kernels.active().conv().pool2dBackward(s, g, argmax, grads[0]);
            }
        }, x);
    }

    /** The mean of each channel's plane: {@code (N, C, H, W)} to {@code (N, C)}; backward spreads dy / (H W). */
    public static Tensor globalAvgPool2d(Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("globalAvgPool2d: x must be (N, C, H, W), got " + x.shape());
        }
        NchwShape s = new NchwShape(x.dim(0), x.dim(1), x.dim(2), x.dim(3));
        int plane = s.plane();
        int planes = s.batch() * s.channels();
        float[] xd = x.data();
        float[] y = StepArena.toOverwrite(planes);
        float inv = 1f / plane;
        for (int p = 0; p < planes; p++) {
            float sum = 0f;
            for (int i = p * plane, end = i + plane; i < end; i++) {
                sum += xd[i];
            }
            y[p] = sum * inv;
        }
        return Tensor.derived("globalAvgPool2d", Shape.of(s.batch(), s.channels()), y, (g, grads) -> {
            float[] gx = grads[0];
            if (gx == null) {
                return;
            }
            for (int p = 0; p < planes; p++) {
                float share = g[p] * inv;
                for (int i = p * plane, end = i + plane; i < end; i++) {
                    gx[i] += share;
                }
            }
        }, x);
    }

    /** {@code (N, ...)} to {@code (N, product of the rest)}, sharing the data (a reshape). */
    public static Tensor flatten(Tensor x) {
        if (x.rank() < 1) {
            throw new IllegalArgumentException("flatten: x needs a batch axis, got a scalar");
        }
        int n = x.dim(0);
        return x.reshape(n, n == 0 ? 0 : x.size() / n);
    }
}
