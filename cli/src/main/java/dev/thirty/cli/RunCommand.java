package dev.thirty.cli;

import dev.thirty.cli.demo.SpiralsDemo;
import dev.thirty.kernels.ComputePool;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code thirty run <experiment>}: trains an experiment and reports what it reached. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Train an experiment and report the result. Experiments: see 'thirty list'.")
final class RunCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment to run, e.g. spirals.")
    String experiment;

    @Option(names = "--steps", description = "Training steps (default: the experiment's own).")
    Integer steps;

    @Option(names = "--seed", description = "Random seed (default: the experiment's own).")
    Long seed;

    @Option(names = "--threads", description = "Compute threads (default: THIRTY_THREADS, else all cores).")
    Integer threads;

    @Option(names = "--json", description = "Print the result as one JSON object on standard output.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (!ListCommand.EXPERIMENTS.containsKey(experiment)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "run: unknown experiment '"
                    + experiment + "'; available: " + String.join(", ", ListCommand.EXPERIMENTS.keySet()));
        }
        if (steps != null && steps < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--steps: must be a positive number of steps, got " + steps);
        }
        if (threads != null && threads < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--threads: must be at least 1, got " + threads);
        }
        int t = threads != null ? threads : ComputePool.configuredThreads();
        try (ComputePool pool = ComputePool.ofThreads(t)) {
            pool.run(this::runSpirals);
        }
    }

    private void runSpirals() {
        PrintWriter human = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        SpiralsDemo.Config config = SpiralsDemo.Config.defaults();
        if (steps != null) {
            config = config.withSteps(steps);
        }
        if (seed != null) {
            config = config.withSeed(seed);
        }
        human.println("spirals: an MLP (2-" + config.hidden() + "x" + config.layers()
                + "-2, ReLU) learns two interleaved spirals with SGD; " + VersionInfo.runtime());
        ProgressLine bar = new ProgressLine(spec.commandLine().getErr(), ProgressLine.stderrIsTerminal(), "spirals");
        SpiralsDemo.Result r = SpiralsDemo.run(config, p -> bar.update(p.step(), p.steps(), p.loss()));
        human.printf(Locale.ROOT, "spirals: %d steps in %.1f s; final loss %.4f; train accuracy %.1f%%;"
                        + " test accuracy %.1f%% on %d unseen points (%d parameters)%n",
                r.steps(), r.seconds(), r.finalLoss(), 100 * r.trainAccuracy(), 100 * r.testAccuracy(),
                2 * config.perClass(), r.parameters());
        human.flush();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("experiment", "spirals");
            out.put("config", config);
            out.put("result", r);
            out.put("runtime", VersionInfo.runtime());
            JsonOutput.print(spec.commandLine().getOut(), out);
        }
    }
}
