package dev.thirty.cli.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's {@code report.md}: title and paper, the headline table (paper, target, ours, met
 * or not), how the run ended and where it ran, its config with command-line overrides marked, the
 * final value of every metric, the plots, and the experiment's {@code samples.md}. The text depends
 * only on the run folder's files, so rendering again gives the same report.
 */
public final class ReportWriter {

    public static final String FILE = "report.md";

    private ReportWriter() {
    }

    /**
     * Writes {@code report.md} into the run folder, replacing an earlier one, and returns its path.
     *
     * @throws RunFolderException if the file cannot be written
     */
    public static Path write(RunFolder run, List<Plots.Plot> plots) {
        Path file = run.dir().resolve(FILE);
        try {
            Files.writeString(file, markdown(run, plots), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunFolderException("could not write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** The report's Markdown; plots are linked by file name, relative to the run folder. */
    public static String markdown(RunFolder run, List<Plots.Plot> plots) {
        StringBuilder md = new StringBuilder();
        title(run, md);
        headline(run, md);
        runTable(run, md);
        config(run.config(), md);
        finalMetrics(run, md);
        if (!plots.isEmpty()) {
            md.append("\n## Plots\n");
            for (Plots.Plot p : plots) {
                md.append("\n![").append(p.quantity()).append("](").append(p.file().getFileName()).append(")\n");
            }
        }
        run.samples().ifPresent(samples -> md.append("\n## Samples\n\n").append(samples.strip()).append('\n'));
        return md.toString();
    }

    private static void title(RunFolder run, StringBuilder md) {
        RunConfig c = run.config();
        md.append("# ").append(c.title()).append("\n\n");
        md.append("Experiment `").append(c.experiment()).append("`, run `").append(folderName(run.dir()))
                .append("`.\n");
        c.paper().ifPresent(p -> {
            md.append("\n**Paper:** ");
            String citation = p.citation().replace("[", "\\[").replace("]", "\\]");
            md.append(p.url().map(url -> "[" + citation + "](" + url + ")").orElse(citation)).append('\n');
        });
    }

    private static void headline(RunFolder run, StringBuilder md) {
        md.append("\n## Headline\n\n");
        if (run.result().isEmpty()) {
            md.append("No result yet: the run is in progress, or was stopped before writing `")
                    .append(RunFolder.RESULT).append("`.\n");
            return;
        }
        if (run.result().get().headline().isEmpty()) {
            md.append("This run has no headline number.\n");
            return;
        }
        RunResult.Headline h = run.result().get().headline().get();
        String bound = h.direction() == RunResult.Direction.HIGHER ? "≥ " : "≤ ";
        md.append("| metric | paper | target | ours | |\n|---|---|---|---|---|\n");
        String paper = h.paper().map(Numbers::format).orElse("—");
        if (h.ours().isEmpty()) {
            row(md, h.metric(), paper, bound + Numbers.format(h.target()), "—",
                    "not measured: the run stopped before its final measurement");
        } else {
            String[] oursAndTarget = Numbers.distinct(h.ours().get(), h.target());
            row(md, h.metric(), paper, bound + oursAndTarget[1], oursAndTarget[0], h.met() ? "✓ met" : "✗ not met");
        }
        h.paperNote().ifPresent(note -> md.append("\nThe paper's number: ").append(note).append('\n'));
    }

    private static void runTable(RunFolder run, StringBuilder md) {
        RunConfig c = run.config();
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("status", status(run));
        run.result().ifPresent(r -> rows.put("wall time", Numbers.duration(r.wallSeconds())));
        rows.put("started", c.started());
        run.result().flatMap(RunResult::finished).ifPresent(f -> rows.put("finished", f));
        rows.put("machine", machine(c.machine()));
        rows.put("JDK", c.jdk());
        rows.put("threads", Integer.toString(c.threads()));
        rows.put("kernels", c.kernels());
        rows.put("commit", c.commit());
        rows.put("seed", Long.toString(c.seed()));
        md.append("\n## Run\n\n| | |\n|---|---|\n");
        rows.forEach((k, v) -> row(md, k, v));
    }

    private static String status(RunFolder run) {
        if (run.result().isPresent()) {
            RunResult r = run.result().get();
            String how = r.status() == RunResult.Status.COMPLETED ? "completed" : "interrupted";
            return how + " at step " + r.step();
        }
        String last = run.metrics().series().stream().flatMap(s -> s.last().stream())
                .mapToLong(Metrics.Point::step).max().stream()
                .mapToObj(step -> "; last logged step " + step).findFirst().orElse("");
        return "in progress / no " + RunFolder.RESULT + last;
    }

    private static String machine(RunConfig.Machine m) {
        StringBuilder s = new StringBuilder(m.os() + ", " + m.arch() + ", " + m.cpus() + " CPUs");
        m.cpuModel().ifPresent(model -> s.append(" (").append(model).append(')'));
        m.maxHeapMb().ifPresent(mb -> s.append(", max heap ").append(mb).append(" MB"));
        return s.toString();
    }

    private static void config(RunConfig c, StringBuilder md) {
        md.append("\n## Config\n\nPreset `").append(c.preset()).append('`');
        md.append(c.overrides().isEmpty() ? ", no overrides.\n\n" : "; values set on the command line are marked.\n\n");
        md.append("| key | value | |\n|---|---|---|\n");
        c.settings().forEach((key, value) ->
                row(md, key, value, c.overrides().containsKey(key) ? "override: `--set " + key + "="
                        + c.overrides().get(key) + "`" : ""));
        c.overrides().forEach((key, value) -> {
            if (!c.settings().containsKey(key)) {
                row(md, key, value, "override: `--set " + key + "=" + value + "` (not in the config)");
            }
        });
    }

    /** The last value of each metric: result.json's where it has one, else the last row of metrics.csv. */
    private static void finalMetrics(RunFolder run, StringBuilder md) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (Metrics.Series s : run.metrics().series()) {
            s.last().ifPresent(p -> rows.put(s.name(), new String[] {Long.toString(p.step()), Numbers.format(p.value())}));
        }
        run.result().ifPresent(r -> r.metrics().forEach((name, value) ->
                rows.put(name, new String[] {Long.toString(r.step()), Numbers.format(value)})));
        md.append("\n## Final metrics\n\n");
        if (rows.isEmpty()) {
            md.append("No metrics recorded yet.\n");
            return;
        }
        md.append("| metric | step | value |\n|---|---|---|\n");
        rows.forEach((name, stepAndValue) -> row(md, name, stepAndValue[0], stepAndValue[1]));
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(cell.replace("|", "\\|").replaceAll("\\R", " ")).append(" |");
        }
        md.append('\n');
    }

    private static String folderName(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? dir.toString() : name.toString();
    }
}
