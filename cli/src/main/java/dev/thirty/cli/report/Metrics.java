package dev.thirty.cli.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The training curves of a run, read from {@code metrics.csv}: one {@link Series} per metric, in
 * the order each metric first appears in the file.
 */
public record Metrics(List<Series> series) {

    public Metrics {
        series = List.copyOf(series);
        if (series.stream().map(Series::name).distinct().count() != series.size()) {
            throw new IllegalArgumentException("metric names must be unique");
        }
    }

    /** One value of a metric at a training step; {@code NaN} where the run recorded one. */
    public record Point(long step, double value) {
    }

    /**
     * All values of one metric, steps strictly ascending.
     *
     * @param name {@code <split>/<quantity>} such as {@code val/loss}, or a bare quantity such as {@code lr}
     */
    public record Series(String name, List<Point> points) {

        public Series {
            Objects.requireNonNull(name, "name");
            points = List.copyOf(points);
            for (int i = 1; i < points.size(); i++) {
                if (points.get(i).step() <= points.get(i - 1).step()) {
                    throw new IllegalArgumentException(name + ": steps must ascend, got "
                            + points.get(i - 1).step() + " then " + points.get(i).step());
                }
            }
        }

        /** The part before the first {@code /} ({@code val} of {@code val/loss}); a bare name is its own split. */
        public String split() {
            int slash = name.indexOf('/');
            return slash < 0 ? name : name.substring(0, slash);
        }

        /** The part after the first {@code /} ({@code loss} of {@code val/loss}); a bare name is its own quantity. */
        public String quantity() {
            int slash = name.indexOf('/');
            return slash < 0 ? name : name.substring(slash + 1);
        }

        /** The last recorded point, NaN or not; empty for a series without points. */
        public Optional<Point> last() {
            return points.isEmpty() ? Optional.empty() : Optional.of(points.getLast());
        }
    }

    /** The series grouped by quantity, in order of first appearance: train/loss and val/loss together. */
    public Map<String, List<Series>> byQuantity() {
        Map<String, List<Series>> groups = new LinkedHashMap<>();
        for (Series s : series) {
            groups.computeIfAbsent(s.quantity(), q -> new java.util.ArrayList<>()).add(s);
        }
        groups.replaceAll((q, list) -> List.copyOf(list));
        return java.util.Collections.unmodifiableMap(groups);
    }

    public Optional<Series> get(String name) {
        return series.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
