package dev.thirty.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Training progress: a bar redrawn in place on a terminal (step, loss, rate, ETA), or a plain
 * log line at every tenth of the run otherwise (logs, CI, pipes).
 */
final class ProgressLine {

    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final boolean terminal;
    private final String label;
    private long start;
    private long firstStep = -1;
    private long lastDraw;

    ProgressLine(PrintWriter out, boolean terminal, String label) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
    }

    /** Whether standard error is a terminal: then the bar is redrawn in place. */
    static boolean stderrIsTerminal() {
        return System.console() != null && System.console().isTerminal();
    }

    void update(long step, long steps, double loss) {
        long now = System.nanoTime();
        if (firstStep < 0) {
            // Rates count from the first step seen: not data loading, and not the steps before a resume.
            firstStep = step;
            start = now;
        }
        double elapsed = (now - start) / 1e9;
        double rate = (step - firstStep) / Math.max(elapsed, 1e-9);
        double eta = (steps - step) / Math.max(rate, 1e-9);
        if (terminal) {
            if (step < steps && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            int filled = (int) (WIDTH * step / Math.max(1, steps));
            out.printf(Locale.ROOT, "\r%s [%s%s] %d/%d%s  %.1f steps/s  ETA %s ",
                    label, "#".repeat(filled), ".".repeat(WIDTH - filled), step, steps, loss(loss), rate, clock(eta));
            if (step == steps) {
                out.println();
            }
            out.flush();
        } else if (step == steps || step % Math.max(1L, steps / 10) == 0) {
            out.printf(Locale.ROOT, "%s step %d/%d%s  %.1f steps/s  elapsed %s%n",
                    label, step, steps, loss(loss), rate, clock(elapsed));
            out.flush();
        }
    }

    /** A data set download: bytes so far of {@code total} (-1 when unknown), redrawn in place. */
    void download(String file, long bytes, long total) {
        long now = System.nanoTime();
        boolean done = total >= 0 && bytes >= total;
        if (!done && now - lastDraw < (terminal ? 100_000_000L : 5_000_000_000L)) {
            return;
        }
        lastDraw = now;
        String name = file.substring(file.lastIndexOf('/') + 1);
        String amount = total > 0 ? String.format(Locale.ROOT, "%.1f / %.1f MB", bytes / 1e6, total / 1e6)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        out.printf(Locale.ROOT, terminal ? "\rdownloading %s: %s " : "downloading %s: %s%n", name, amount);
        if (terminal && done) {
            out.println();
        }
        out.flush();
    }

    /** The loss column, left out for runs that have no loss to show (NaN). */
    private static String loss(double loss) {
        return Double.isNaN(loss) ? "" : String.format(Locale.ROOT, "  loss %.4f", loss);
    }

    private static String clock(double seconds) {
        if (!(seconds < 1e7)) {
            return "--:--";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
