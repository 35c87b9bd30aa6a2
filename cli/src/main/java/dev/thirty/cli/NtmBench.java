package dev.thirty.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thirty.kernels.ComputePool;
import dev.thirty.papers.ntm.Episode;
import dev.thirty.papers.ntm.NtmConfig;
import dev.thirty.papers.ntm.NtmTrainer;
import dev.thirty.tensor.Rng;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thirty bench ntm}: training sequences per second of {@code thirty run ntm}'s copy machine
 * (batch 1, lengths 1–20) on one thread, and forward-only sequences per second (the rest of a
 * training step is the backward pass, the clamp and RMSprop); with {@code --reference}, the PyTorch
 * NTM's figures from {@code bench/pytorch/ntm_copy.py --json} beside them as ratios.
 */
@Command(name = "ntm", mixinStandardHelpOptions = true,
        description = "NTM copy task: training and forward-only sequences/s, 1 thread, batch 1.")
final class NtmBench implements Runnable {

    @Option(names = "--sequences", defaultValue = "300",
            description = "Sequences per timed repeat (default: ${DEFAULT-VALUE}).")
    int sequences;

    @Option(names = "--reps", defaultValue = "5", description = "Timed repeats (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--warmup", defaultValue = "3",
            description = "Seconds of untimed sequences before each figure, at least one repeat (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--reference", paramLabel = "FILE",
            description = "PyTorch's figures, as bench/pytorch/ntm_copy.py --json FILE writes them.")
    Path reference;

    @Option(names = "--json", description = "Print the result as one JSON object on standard output.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (sequences < 1 || reps < 1 || !(warmup >= 0)) {
            throw new IllegalArgumentException("--sequences and --reps must be positive and --warmup 0 or more");
        }
        JsonNode ref = reference == null ? null : readReference(reference);
        PrintWriter out = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        out.println("thirty bench ntm: the copy machine (LSTM 100, memory 128 x 20, 1 read / 1 write head), lengths"
                + " 1-20, batch 1; " + VersionInfo.runtime(1));
        double[] rates;
        try (ComputePool pool = ComputePool.ofThreads(1)) {
            rates = pool.call(() -> {
                NtmTrainer trainer = new NtmTrainer(NtmConfig.copy(), 1);
                Rng rng = Rng.seeded(2);
                double train = rate(() -> trainer.step(next(trainer, rng)));
                double forward = rate(() -> trainer.forward(next(trainer, rng)));
                return new double[] {train, forward};
            });
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("benchmark", "ntm");
        r.put("trainingSequencesPerSecond", rates[0]);
        r.put("forwardSequencesPerSecond", rates[1]);
        out.printf(Locale.ROOT, "%-34s %10.1f sequences/s%n", "training (forward, backward, step)", rates[0]);
        out.printf(Locale.ROOT, "%-34s %10.1f sequences/s (forward is %.0f%% of a step)%n", "forward only", rates[1],
                100 * rates[0] / rates[1]);
        if (ref != null) {
            double torchTrain = ref.get("sequences_per_s").asDouble();
            double torchForward = ref.get("forward_sequences_per_s").asDouble();
            out.printf(Locale.ROOT, "PyTorch %s: %.1f training, %.1f forward-only sequences/s; ours / PyTorch: %.2fx"
                    + " training, %.2fx forward%n", ref.path("torch").asText("?"), torchTrain, torchForward,
                    rates[0] / torchTrain, rates[1] / torchForward);
            r.put("torchTrainingSequencesPerSecond", torchTrain);
            r.put("torchForwardSequencesPerSecond", torchForward);
            r.put("trainingRatio", rates[0] / torchTrain);
        }
        out.flush();
        if (json) {
            r.put("runtime", VersionInfo.runtime(1));
            JsonOutput.print(spec.commandLine().getOut(), r);
        }
    }

    private static Episode next(NtmTrainer trainer, Rng rng) {
        return trainer.task().sample(rng, 1, 1, 20);
    }

    /** Sequences per second: the median over repeats of {@link #sequences} sequences, after a warm-up. */
    private double rate(Runnable one) {
        Runnable batch = () -> {
            for (int i = 0; i < sequences; i++) {
                one.run();
            }
        };
        double nanos = Timing.medianNanos(batch, (long) (warmup * 1e9), reps, 0);
        return sequences / (nanos / 1e9);
    }

    private static JsonNode readReference(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            if (root == null || !root.has("sequences_per_s") || !root.has("forward_sequences_per_s")) {
                throw new IllegalArgumentException("ntm bench: the reference " + file + " has no sequences_per_s"
                        + " and forward_sequences_per_s (expected bench/pytorch/ntm_copy.py --json output)");
            }
            return root;
        } catch (IOException e) {
            throw new IllegalArgumentException("ntm bench: could not read the reference " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
