package dev.thirty.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code thirty run <experiment>}: trains an experiment into a new run folder and reports. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Train an experiment into a new run folder: config.json, metrics.csv, checkpoint,"
                + " plots and report.md. See 'thirty list' for the experiments.",
            "Ctrl-C saves a checkpoint and stops; --resume continues it."})
final class RunCommand implements Runnable {

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPERIMENT", description = "The experiment, e.g. mlp-mnist.")
    String experiment;

    @Option(names = "--preset", paramLabel = "P", description = "A named configuration (paper, cpu, tiny, ...).")
    String preset;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting of the configuration;"
            + " a dotted KEY (model.heads) sets a field of a nested one.")
    List<String> settings = new ArrayList<>();

    @Option(names = "--steps", paramLabel = "N", description = "Training steps (the same as --set steps=N).")
    Integer steps;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: 42).")
    Long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Compute threads (default: THIRTY_THREADS, else all cores).")
    Integer threads;

    @Option(names = "--data", paramLabel = "DIR", description = "Where data sets are (default: THIRTY_DATA, else ~/.cache/thirty).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs", description = "Where run folders go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue an interrupted run to its configured end.")
    Path resume;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "500",
            description = "Save a checkpoint every N steps (0: only at the end and on Ctrl-C; default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--offline", description = "Never download a missing data set.")
    boolean offline;

    @Option(names = "--json", description = "Print the result as one JSON object on standard output.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (experiment == null && resume == null) {
            throw usage("run: name an EXPERIMENT (see 'thirty list'), or give --resume RUN_DIR");
        }
        if (experiment != null && resume != null) {
            throw usage("run: give either an EXPERIMENT or --resume RUN_DIR, not both");
        }
        if (steps != null && steps < 1) {
            throw usage("--steps: must be a positive number of steps, got " + steps);
        }
        if (threads != null && threads < 1) {
            throw usage("--threads: must be at least 1, got " + threads);
        }
        if (checkpointEvery < 0) {
            throw usage("--checkpoint-every: must be 0 or more, got " + checkpointEvery);
        }
        new Runner(this, spec.commandLine()).run();
    }

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
