package dev.thirty.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.data.DataLocation;
import dev.thirty.experiment.ConfigOverrides;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.io.Checkpoint;
import dev.thirty.kernels.ComputePool;
import dev.thirty.testkit.FloatAssert;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpiralsExperimentTest {

    @TempDir
    Path tmp;

    static RunResult run(SpiralsConfig config, Path dir, int every, Checkpoint resume, BooleanSupplier stop)
            throws IOException {
        Files.createDirectories(dir);
        RunContext.Settings s = new RunContext.Settings(dir, 42, DataLocation.of(null, Map.of(), dir), null, every,
                resume, stop, RunContext.Progress.NONE, new PrintWriter(Writer.nullWriter()));
        try (ComputePool pool = ComputePool.ofThreads(2); RunContext ctx = RunContext.open(s)) {
            return pool.call(() -> {
                try {
                    return new SpiralsExperiment().run(config, ctx);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * The default configuration separates the spirals: at least 95% on 400 fresh points. A linear
     * classifier gets about 50-65% on this problem, so the threshold needs the hidden layers and a
     * working backward pass through every op.
     */
    @Test
    void defaultRunLearnsTheSpirals() throws IOException {
        RunResult r = run(SpiralsConfig.cpu(), tmp.resolve("run"), 0, null, () -> false);
        assertEquals(RunResult.Status.COMPLETED, r.status());
        assertTrue(r.metrics().get("test/accuracy") >= 0.95, "test accuracy " + r.metrics());
    }

    /** Interrupted after 40 steps, saved, resumed: identical weights and log to a straight run. */
    @Test
    void interruptedAndResumedRunIsBitIdenticalToAStraightRun() throws IOException {
        SpiralsConfig config = ConfigOverrides.apply(SpiralsConfig.tiny(), Map.of("steps", "120"));
        run(config, tmp.resolve("straight"), 50, null, () -> false);

        AtomicInteger polls = new AtomicInteger();
        RunResult stopped = run(config, tmp.resolve("resumed"), 50, null, () -> polls.incrementAndGet() >= 40);
        assertEquals(RunResult.Status.INTERRUPTED, stopped.status());
        assertEquals(40, stopped.step());
        Checkpoint saved = Checkpoint.load(tmp.resolve("resumed/checkpoint"));
        assertEquals(40, saved.step());
        run(config, tmp.resolve("resumed"), 50, saved, () -> false);

        Checkpoint a = Checkpoint.load(tmp.resolve("straight/checkpoint"));
        Checkpoint b = Checkpoint.load(tmp.resolve("resumed/checkpoint"));
        assertEquals(a.tensors().keySet(), b.tensors().keySet());
        a.tensors().forEach((name, t) -> FloatAssert.assertIdentical(name, t.data(), b.tensors().get(name).data()));
        assertEquals(Files.readString(tmp.resolve("straight/metrics.csv")), Files.readString(tmp.resolve("resumed/metrics.csv")));
    }

    @Test
    void aDivergingLearningRateStopsWithAClearMessage() {
        SpiralsConfig wild = new SpiralsConfig(64, 2, 50, 0.02, 200, 1e6, 0.9);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run(wild, tmp.resolve("wild"), 0, null, () -> false));
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
    }
}
