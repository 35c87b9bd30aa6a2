package dev.thirty.papers.rnnreg;

import dev.thirty.data.DataLocation;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.io.Checkpoint;
import dev.thirty.kernels.ComputePool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** What the PTB tests share: a made-up PTB folder and running an experiment into a folder. */
final class PtbRuns {

    private PtbRuns() {
    }

    /** Runs {@code config} with seed 42 on 2 threads; {@code resume} and {@code stop} may be null. */
    static <C extends Record> RunResult run(Experiment<C> experiment, C config, Path dir, DataLocation data,
                                            Checkpoint resume, BooleanSupplier stop) throws IOException {
        Files.createDirectories(dir);
        RunContext.Settings s = RunContext.Settings.quiet(dir, 42, data);
        if (resume != null || stop != null) {
            s = s.withResume(resume, 0, stop == null ? () -> false : stop);
        }
        try (ComputePool pool = ComputePool.ofThreads(2); RunContext ctx = RunContext.open(s)) {
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
     * A PTB-shaped folder under {@code tmp} of made-up sentences over an 11-word vocabulary (with {@code <unk>}
     * and {@code <eos>}): enough for the mechanics. {@code validExtra} is appended to the validation text.
     */
    static DataLocation fakePtb(Path tmp, String validExtra) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("data/ptb"));
        String[] lines = {"the cat sat on the mat", "a dog ran to the cat", "the <unk> sat on a dog",
            "a cat ran on the mat"};
        StringBuilder train = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            train.append(' ').append(lines[i % lines.length]).append(" \n");
        }
        Files.writeString(dir.resolve("ptb.train.txt"), train.toString());
        Files.writeString(dir.resolve("ptb.valid.txt"), " the dog sat on the mat \n a cat ran \n" + validExtra);
        Files.writeString(dir.resolve("ptb.test.txt"), " a dog sat on the cat \n the mat \n");
        return DataLocation.of(tmp.resolve("data"), Map.of(), tmp);
    }
}
