package dev.thirty.cli.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A rendered report: {@code report.md} and the plots it shows, all inside the run folder.
 *
 * @param report the {@code report.md} file
 * @param plots  the PNG files, one per quantity
 */
public record RunReport(Path report, List<Path> plots) {

    public RunReport {
        Objects.requireNonNull(report, "report");
        plots = List.copyOf(plots);
    }

    /**
     * Reads a run folder and (re)writes its plots and {@code report.md}.
     *
     * @throws RunFolderException if the folder is not a readable run folder, or the report cannot be written there
     */
    public static RunReport render(Path runDir) {
        RunFolder run = RunFolder.read(runDir);
        List<Plots.Plot> plots = Plots.render(run.metrics(), run.config().experiment(), runDir);
        Path report = ReportWriter.write(run, plots);
        return new RunReport(report, plots.stream().map(Plots.Plot::file).toList());
    }
}
