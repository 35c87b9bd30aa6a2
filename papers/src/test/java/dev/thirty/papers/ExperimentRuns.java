package dev.thirty.papers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.thirty.data.DataLocation;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.io.Checkpoint;
import dev.thirty.kernels.ComputePool;
import dev.thirty.testkit.FloatAssert;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
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
     * The user's home, so that CIFAR-10's JPEG copy is decoded into the user cache once for every test;
     * skips the test when {@code THIRTY_DATA} holds no {@code cifar10-jpeg/}.
     */
    public static Path homeWithCifar10() {
        String env = System.getenv(DataLocation.DATA_ENV);
        assumeTrue(env != null && Files.isDirectory(Path.of(env, "cifar10-jpeg")),
                "CIFAR-10 not found: set THIRTY_DATA to a folder holding cifar10-jpeg/");
        return Path.of(System.getProperty("user.home"));
    }

    /**
     * @param resume a checkpoint to continue from, or null for a fresh run
     * @param stop   polled by the run; true asks it to save and stop, as Ctrl-C does
     */
    public static <C extends Record> RunResult run(Experiment<C> experiment, C config, Path runDir, int threads,
                                                   Checkpoint resume, BooleanSupplier stop) throws IOException {
        return run(experiment, config, runDir, runDir, threads, resume, stop);
    }

    /**
     * {@link #run(Experiment, Record, Path, int, Checkpoint, BooleanSupplier)} with the user cache under
     * {@code home} (e.g. the real home, so a decoded data set is decoded once for all tests).
     */
    public static <C extends Record> RunResult run(Experiment<C> experiment, C config, Path runDir, Path home,
                                                   int threads, Checkpoint resume, BooleanSupplier stop)
            throws IOException {
        Files.createDirectories(runDir);
        DataLocation data = DataLocation.of(null, System.getenv(), home);
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

    /**
     * Runs {@code config} straight through in {@code dir/straight}, and in {@code dir/resumed} stops
     * it (on the 15th poll of the stop request, which lands between the checkpoint at step 10 and
     * step 20) and resumes it from its checkpoint; asserts that both end at {@code steps} with
     * bit-identical weights and optimizer state and identical metrics. The configuration must
     * checkpoint at step 10 (every 10 steps, as {@link #run} sets) and poll the stop request at
     * least once a step.
     */
    public static <C extends Record> void assertStopAndResumeIsExact(Experiment<C> experiment, C config, Path dir,
                                                                     int threads, int steps) throws IOException {
        assertStopAndResumeIsExact(experiment, config, dir, null, threads, steps);
    }

    /** As above, with the user cache under {@code home} (null: under each run folder). */
    public static <C extends Record> void assertStopAndResumeIsExact(Experiment<C> experiment, C config, Path dir,
                                                                     Path home, int threads, int steps)
            throws IOException {
        Path straight = dir.resolve("straight");
        Path resumedDir = dir.resolve("resumed");
        run(experiment, config, straight, home == null ? straight : home, threads, null, () -> false);

        AtomicInteger polls = new AtomicInteger();
        RunResult stopped = run(experiment, config, resumedDir, home == null ? resumedDir : home, threads, null,
                () -> polls.incrementAndGet() >= 15);
        assertEquals(RunResult.Status.INTERRUPTED, stopped.status());
        assertTrue(stopped.step() > 10 && stopped.step() < 20, "stopped at step " + stopped.step());
        Checkpoint saved = Checkpoint.load(dir.resolve("resumed").resolve(RunContext.CHECKPOINT_DIR));
        assertEquals(stopped.step(), saved.step());
        RunResult resumed = run(experiment, config, resumedDir, home == null ? resumedDir : home, threads, saved,
                () -> false);
        assertEquals(RunResult.Status.COMPLETED, resumed.status());

        Checkpoint a = Checkpoint.load(dir.resolve("straight").resolve(RunContext.CHECKPOINT_DIR));
        Checkpoint b = Checkpoint.load(dir.resolve("resumed").resolve(RunContext.CHECKPOINT_DIR));
        assertEquals(steps, b.step());
        assertEquals(a.tensors().keySet(), b.tensors().keySet());
        assertTrue(a.tensors().keySet().stream().anyMatch(k -> k.startsWith("optim.")), "optimizer state saved");
        a.tensors().forEach((name, t) -> FloatAssert.assertIdentical(name, t.data(), b.tensors().get(name).data()));
        assertEquals(Files.readString(dir.resolve("straight/metrics.csv")),
                Files.readString(dir.resolve("resumed/metrics.csv")));
    }
}
