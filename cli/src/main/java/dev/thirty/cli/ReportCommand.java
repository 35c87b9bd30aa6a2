package dev.thirty.cli;

import dev.thirty.cli.report.RunReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code thirty report <run-dir>}: re-renders a run's plots and {@code report.md}. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Re-render a run's plots and report.md from its config.json, metrics.csv and result.json.")
final class ReportCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "RUN-DIR", description = "A run folder, e.g. runs/mlp-mnist-20261128-172000.")
    Path runDir;

    @Option(names = "--json", description = "Print {\"report\": path, \"plots\": [paths]} on standard output.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        RunReport rendered = RunReport.render(runDir);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("report", rendered.report().toString());
            result.put("plots", rendered.plots().stream().map(Path::toString).toList());
            JsonOutput.print(out, result);
        } else {
            out.println(rendered.report());
            out.flush();
        }
    }
}
