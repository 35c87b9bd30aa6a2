package dev.thirty.papers;

import dev.thirty.data.DataLocation;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.io.Checkpoint;
import dev.thirty.kernels.ComputePool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Runs an experiment in process, the way {@code thirty run} does, without the command line: a
 * run folder, seed 11, data found as the command finds it (with the run folder as the cache),
 * a checkpoint every 10 steps, no progress output, and a fixed number of compute threads.
 */
public final class ExperimentRuns {

    /** The seed of every run started here. */
    public static final long SEED = 11;

    private ExperimentRuns() {
    }

    /**
     * @param resume a checkpoint to continue from, or null for a fresh run
     * @param stop   polled by the run; true asks it to save and stop, as Ctrl-C does
     */
    public static <C extends Record> RunResult run(Experiment<C> experiment, C config, Path runDir, int threads,
                                                   Checkpoint resume, BooleanSupplier stop) throws IOException {
        Files.createDirectories(runDir);
        DataLocation data = DataLocation.of(null, System.getenv(), runDir);
        RunContext.Settings s = new RunContext.Settings(runDir, SEED, data, null, 10, resume, stop,
                RunContext.Progress.NONE, new PrintWriter(Writer.nullWriter()));
        try (ComputePool pool = ComputePool.ofThreads(threads); RunContext ctx = RunContext.open(s)) {
            return pool.call(() -> {
                try {
                    return experiment.run(config, ctx);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
