package dev.thirty.nn.functional;

/** How a loss combines its per-element values, as PyTorch's {@code reduction} argument. */
public enum Reduction {
    /** The mean over the elements that count (for cross-entropy: targets not ignored). */
    MEAN,
    /** The sum over all elements. */
    SUM,
    /** No reduction: one loss value per element. */
    NONE
}
