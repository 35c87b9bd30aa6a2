package dev.thirty.experiment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run's {@code metrics.csv}: a header {@code step,metric,value}, then one row per logged value,
 * appended and flushed as it comes so a killed run keeps what it logged. Reopening for a resume
 * drops the rows logged after the checkpoint's step, so a resumed run's log equals an
 * uninterrupted one's.
 */
public final class MetricsLog implements AutoCloseable {

    public static final String FILE = "metrics.csv";
    static final String HEADER = "step,metric,value";

    private final BufferedWriter out;

    private MetricsLog(BufferedWriter out) {
        this.out = out;
    }

    /** A new, empty log in {@code runDir}. */
    public static MetricsLog create(Path runDir) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(runDir.resolve(FILE), StandardCharsets.UTF_8);
        w.write(HEADER);
        w.newLine();
        w.flush();
        return new MetricsLog(w);
    }

    /** The existing log of {@code runDir}, keeping only rows with a step of at most {@code lastStep}. */
    public static MetricsLog resume(Path runDir, long lastStep) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.exists(file)) {
            return create(runDir);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + ": not a metrics log (first line should be '" + HEADER + "')");
        }
        List<String> kept = new ArrayList<>();
        kept.add(HEADER);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int comma = line.indexOf(',');
            if (comma > 0 && line.indexOf(',', comma + 1) > comma) {
                try {
                    if (Long.parseLong(line.substring(0, comma)) <= lastStep) {
                        kept.add(line);
                    }
                } catch (NumberFormatException e) {
                    // a torn last line from a killed run: dropped
                }
            }
        }
        Files.write(file, kept, StandardCharsets.UTF_8);
        return new MetricsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    /** Appends one value. Metric names look like {@code train/loss}; commas are not allowed. */
    public synchronized void log(long step, String metric, double value) {
        if (metric.indexOf(',') >= 0 || metric.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("metric names cannot contain commas or newlines: '" + metric + "'");
        }
        try {
            out.write(step + "," + metric + "," + format(value));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + FILE, e);
        }
    }

    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return String.format(Locale.ROOT, "%.8g", v);
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
