package dev.thirty.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished run's {@code result.json}: how it ended, its final metrics and its headline number.
 *
 * @param status      whether the run completed or was interrupted
 * @param step        the last step it trained
 * @param metrics     final metric values by name, in file order
 * @param headline    the number the paper is judged by; empty for runs without one
 * @param wallSeconds wall-clock seconds the run took
 * @param finished    when it ended, as written (ISO-8601); empty where not recorded
 */
public record RunResult(Status status, long step, Map<String, Double> metrics, Optional<Headline> headline,
        double wallSeconds, Optional<String> finished) {

    public RunResult {
        Objects.requireNonNull(status, "status");
        if (step < 0) {
            throw new RunFolderException("result.json: step must be >= 0, got " + step);
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        Objects.requireNonNull(headline, "headline");
        if (!(wallSeconds >= 0)) {
            throw new RunFolderException("result.json: wallSeconds must be >= 0, got " + wallSeconds);
        }
        Objects.requireNonNull(finished, "finished");
    }

    /** How a run ended. */
    public enum Status { COMPLETED, INTERRUPTED }

    /** Whether a larger or a smaller value of a metric is better. */
    public enum Direction { HIGHER, LOWER }

    /**
     * The headline comparison: our number, the paper's, and the target we hold ourselves to.
     *
     * @param ours      our number; empty when the run stopped before measuring it
     * @param paper     the paper's number; empty where the paper gives none
     * @param paperNote what the paper's number refers to; empty where none was given
     */
    public record Headline(String metric, Optional<Double> ours, Optional<Double> paper, Optional<String> paperNote,
            double target, Direction direction) {

        public Headline {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(ours, "ours");
            Objects.requireNonNull(paper, "paper");
            Objects.requireNonNull(paperNote, "paperNote");
            Objects.requireNonNull(direction, "direction");
        }

        /** Whether our number reaches the target in the better direction; never for NaN or no number. */
        public boolean met() {
            return ours.map(o -> direction == Direction.HIGHER ? o >= target : o <= target).orElse(false);
        }
    }

    static RunResult parse(JsonNode root) {
        JsonFields f = JsonFields.root("result.json", root);
        Map<String, Double> metrics = new LinkedHashMap<>();
        f.optionalObject("metrics").ifPresent(m -> m.node().fieldNames()
                .forEachRemaining(name -> metrics.put(name, m.number(name))));
        Optional<Headline> headline = f.optionalObject("headline").map(h -> new Headline(h.text("metric"),
                h.optionalNumber("ours"), h.optionalNumber("paper"), h.optionalText("paperNote"), h.number("target"),
                enumValue(Direction.class, h, "direction")));
        return new RunResult(enumValue(Status.class, f, "status"), f.integer("step"), metrics, headline,
                f.number("wallSeconds"), f.optionalText("finished"));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, JsonFields f, String field) {
        String text = f.text(field);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        throw new RunFolderException(f.file() + ": field '" + (f.prefix().isEmpty() ? "" : f.prefix() + ".")
                + field + "' must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(Enum::name).toList() + " (any case), got '" + text + "'");
    }
}
