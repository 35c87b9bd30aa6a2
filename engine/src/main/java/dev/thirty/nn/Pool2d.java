package dev.thirty.nn;

import dev.thirty.kernels.PoolMode;
import dev.thirty.kernels.Window2d;
import dev.thirty.nn.functional.Pooling;
import dev.thirty.tensor.Tensor;

/**
 * Max or average pooling as a layer (PyTorch's {@code nn.MaxPool2d} and {@code nn.AvgPool2d}),
 * without parameters; see {@link Pooling}.
 */
public final class Pool2d extends Module implements Layer {

    private final Window2d window;
    private final PoolMode mode;

    public Pool2d(Window2d window, PoolMode mode) {
        if (window == null || mode == null) {
            throw new IllegalArgumentException("Pool2d: window and mode must be given");
        }
        this.window = window;
        this.mode = mode;
    }

    /** Max pooling over {@code window}. */
    public static Pool2d max(Window2d window) {
        return new Pool2d(window, PoolMode.MAX);
    }

    /** Average pooling over {@code window}, dividing by the whole window (PyTorch's default). */
    public static Pool2d average(Window2d window) {
        return new Pool2d(window, PoolMode.AVERAGE_INCLUDING_PADDING);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Pooling.pool2d(x, window, mode);
    }

    public Window2d window() {
        return window;
    }

    public PoolMode poolMode() {
        return mode;
    }

    @Override
    public String summary() {
        return (mode == PoolMode.MAX ? "MaxPool2d " : "AvgPool2d ") + window.describe();
    }
}
