package dev.thirty.data;

/** What to do with a final batch (or BPTT chunk) shorter than the others. */
public enum LastBatch {
    /** Yield it, shorter than the rest. */
    KEEP,
    /** Leave it out, so every batch has the full size. */
    DROP
}
