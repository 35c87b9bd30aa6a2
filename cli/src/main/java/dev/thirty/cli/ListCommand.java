package dev.thirty.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code thirty list}: every experiment that {@code run} accepts. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the experiments.")
final class ListCommand implements Runnable {

    /** Experiment names and one-line descriptions, in display order. */
    static final Map<String, String> EXPERIMENTS = Map.of(
            "spirals", "engine demo: an MLP learns two interleaved spirals (target: >= 95% test accuracy)");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        EXPERIMENTS.forEach((name, what) -> out.printf("%-10s %s%n", name, what));
        out.flush();
    }
}
