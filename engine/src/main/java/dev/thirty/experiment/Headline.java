package dev.thirty.experiment;

/**
 * The number an experiment is judged by: the metric (as logged, e.g. {@code test/accuracy}), what
 * the paper or its reference implementation reports, the target this project holds itself to on
 * a CPU run, and which direction is better.
 *
 * @param note where the paper's number comes from and how its setting differs from ours
 */
public record Headline(String metric, double paper, double target, Direction direction, String note) {

    /** Whether larger or smaller values of the metric are better. */
    public enum Direction {
        HIGHER,
        LOWER
    }

    public Headline {
        if (metric == null || metric.isBlank() || direction == null) {
            throw new IllegalArgumentException("a headline needs a metric and a direction");
        }
        note = note == null ? "" : note;
    }

    /** Whether {@code value} reaches the target. */
    public boolean met(double value) {
        return direction == Direction.HIGHER ? value >= target : value <= target;
    }
}
