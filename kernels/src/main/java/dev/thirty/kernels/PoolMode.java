package dev.thirty.kernels;

/** What a pooling window computes. */
public enum PoolMode {
    /** The largest value in the window; padding never wins (it counts as minus infinity). */
    MAX,
    /**
     * The mean, dividing by the window clipped to the padded input: padding counts as zeros
     * (PyTorch's {@code AvgPool2d} default, {@code count_include_pad=True}).
     */
    AVERAGE_INCLUDING_PADDING,
    /**
     * The mean over the input pixels the window covers, padding and overhang excluded (PyTorch's
     * {@code count_include_pad=False}; cuda-convnet's average pooling, which divides by the in-image
     * region size).
     */
    AVERAGE_EXCLUDING_PADDING
}
