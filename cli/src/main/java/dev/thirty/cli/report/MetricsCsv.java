package dev.thirty.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses {@code metrics.csv}: the header {@code step,metric,value}, then one row per recorded value,
 * e.g. {@code 100,train/loss,0.4512}. Values are decimal floats or {@code NaN}/{@code Infinity};
 * steps ascend per metric; blank lines are skipped. A last line with no line ending that does not
 * parse is taken as a row still being written by a live run and left out.
 */
final class MetricsCsv {

    static final String FILE = "metrics.csv";
    static final String HEADER = "step,metric,value";

    private static final Pattern STEP = Pattern.compile("\\d{1,18}");
    private static final Pattern METRIC = Pattern.compile("[A-Za-z0-9_.\\-]+(/[A-Za-z0-9_.\\-]+)*");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?"
            + "|NaN|[+-]?Infinity");

    private MetricsCsv() {
    }

    static Metrics parse(String text) {
        List<String> lines = text.lines().toList();
        boolean lastLineComplete = text.endsWith("\n");
        if (lines.isEmpty() || !lines.getFirst().strip().equals(HEADER)) {
            throw error(1, "expected the header " + HEADER + ", got '"
                    + (lines.isEmpty() ? "" : lines.getFirst()) + "'");
        }
        Map<String, List<Metrics.Point>> byName = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean beingWritten = i == lines.size() - 1 && !lastLineComplete;
            try {
                addRow(i + 1, line, byName);
            } catch (RunFolderException e) {
                if (!beingWritten) {
                    throw e;
                }
            }
        }
        List<Metrics.Series> series = new ArrayList<>();
        byName.forEach((name, points) -> series.add(new Metrics.Series(name, points)));
        return new Metrics(series);
    }

    private static void addRow(int lineNumber, String line, Map<String, List<Metrics.Point>> byName) {
        String[] fields = line.split(",", -1);
        if (fields.length != 3) {
            throw error(lineNumber, "expected " + HEADER + ", got '" + line + "'");
        }
        String step = fields[0].strip();
        String metric = fields[1].strip();
        String value = fields[2].strip();
        if (!STEP.matcher(step).matches()) {
            throw error(lineNumber, "step '" + step + "' is not a whole number >= 0");
        }
        if (!METRIC.matcher(metric).matches()) {
            throw error(lineNumber, "metric '" + metric + "' is not a name like train/loss");
        }
        if (!DECIMAL.matcher(value).matches()) {
            throw error(lineNumber, "value '" + value + "' is not a decimal number or NaN");
        }
        List<Metrics.Point> points = byName.computeIfAbsent(metric, m -> new ArrayList<>());
        long s = Long.parseLong(step);
        if (!points.isEmpty() && points.getLast().step() >= s) {
            throw error(lineNumber, "step " + s + " of " + metric + " does not come after step "
                    + points.getLast().step());
        }
        points.add(new Metrics.Point(s, Double.parseDouble(value)));
    }

    private static RunFolderException error(int lineNumber, String problem) {
        return new RunFolderException(FILE + " line " + lineNumber + ": " + problem);
    }
}
