package dev.thirty.cli;

import dev.thirty.cli.report.RunReport;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Renders a finished (or interrupted) run's plots and report.md right after {@code run}. */
final class Reports {

    private Reports() {
    }

    /** Renders the report; a failure to render is reported but does not lose the run. */
    static void render(Path dir, PrintWriter human) {
        try {
            RunReport.render(dir);
        } catch (RuntimeException e) {
            human.println("warning: the run finished but its report could not be rendered: " + e.getMessage()
                    + "; retry with: ./thirty report " + dir);
        }
    }
}
