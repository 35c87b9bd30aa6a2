package dev.thirty.experiment;

import java.util.Map;

/**
 * What a run reached: whether it completed or was interrupted (and then saved to resume), the
 * last step, and final metric values by name (the headline metric among them when completed).
 */
public record RunResult(Status status, long step, Map<String, Double> metrics) {

    /** How a run ended. */
    public enum Status {
        COMPLETED,
        INTERRUPTED
    }

    public RunResult {
        metrics = Map.copyOf(metrics);
    }

    public static RunResult completed(long step, Map<String, Double> metrics) {
        return new RunResult(Status.COMPLETED, step, metrics);
    }

    public static RunResult interrupted(long step) {
        return new RunResult(Status.INTERRUPTED, step, Map.of());
    }
}
