package dev.thirty.parallel;

/**
 * Which micro-batches a pipeline re-materialises (GPipe §2.3; torchgpipe's {@code checkpoint}
 * argument): a checkpointed micro-batch keeps only its stage-boundary input after its forward pass,
 * and each stage recomputes its own forward from that input when the gradient comes back.
 */
public enum Checkpointing {

    /** Keep every micro-batch's activations: the most memory, no recomputation. */
    NEVER("never"),
    /**
     * Re-materialise all but the last micro-batch, torchgpipe's default: the last one's backward
     * starts as soon as its forward ends, so recomputing it would rebuild what is still in memory.
     */
    EXCEPT_LAST("except-last"),
    /** Re-materialise every micro-batch: the least memory. */
    ALWAYS("always");

    private final String key;

    Checkpointing(String key) {
        this.key = key;
    }

    /** The name used on the command line and in reports: {@code never}, {@code except-last}, {@code always}. */
    public String key() {
        return key;
    }

    /** Whether micro-batch {@code m} of {@code microBatches} is re-materialised. */
    public boolean checkpoints(int m, int microBatches) {
        return switch (this) {
            case NEVER -> false;
            case EXCEPT_LAST -> m < microBatches - 1;
            case ALWAYS -> true;
        };
    }

    /**
     * The mode named {@code key} ({@code except_last}, torchgpipe's spelling, is accepted too).
     *
     * @throws IllegalArgumentException naming the modes when {@code key} is none of them
     */
    public static Checkpointing of(String key) {
        for (Checkpointing c : values()) {
            if (c.key.equals(key) || c.name().equalsIgnoreCase(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("checkpointing must be never, except-last or always, got '" + key + "'");
    }
}
