package dev.thirty.kernels;

/**
 * How a sliding window's output size is rounded when the last stride does not land exactly on the
 * input's end.
 */
public enum Rounding {
    /** {@code floor}: windows stay inside the padded input (PyTorch's default). */
    FLOOR,
    /**
     * {@code ceil}: one more window may hang off the far edge, reading zeros there (PyTorch's
     * {@code ceil_mode}; cuda-convnet's convolution and pooling sizes). As in PyTorch, a last
     * window that would start beyond the input and its near padding is dropped.
     */
    CEIL
}
