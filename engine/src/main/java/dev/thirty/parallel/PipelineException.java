package dev.thirty.parallel;

/**
 * A pipelined step failed: {@link #stage()} threw while working on {@link #microBatch()} in
 * {@link #phase()}. By the time this is thrown every stage has stopped, the gradients of the
 * pipeline's parameters are zero and the random generators are as they were before the step; the
 * weights were never touched (the optimizer runs after a step, not inside it).
 */
public final class PipelineException extends RuntimeException {

    private final int stage;
    private final int microBatch;
    private final String phase;

    PipelineException(int stage, String layers, int microBatch, String phase, Throwable cause) {
        super("pipeline stage " + stage + " (" + layers + "), micro-batch " + microBatch + ", " + phase + ": "
                + describe(cause), cause);
        this.stage = stage;
        this.microBatch = microBatch;
        this.phase = phase;
    }

    PipelineException(String message, Throwable cause) {
        super(message, cause);
        this.stage = -1;
        this.microBatch = -1;
        this.phase = "";
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + m;
    }

    /** The stage that failed, or −1 when the step was stopped from outside (an interrupt). */
    public int stage() {
        return stage;
    }

    /** The micro-batch it was working on, or −1. */
    public int microBatch() {
        return microBatch;
    }

    /** {@code forward}, {@code recompute}, {@code backward} or {@code loss}; empty when stopped from outside. */
    public String phase() {
        return phase;
    }
}
