package dev.thirty.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thirty.kernels.ComputePool;
import dev.thirty.papers.rnnreg.PtbConfig;
import dev.thirty.papers.rnnreg.PtbStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thirty bench ptb-lstm}: training words per second of Zaremba et al.'s small (2 x 200, 20 steps) and
 * medium (2 x 650, 35 steps, dropout 0.5) PTB models, batch 20 over a 10,000-word vocabulary, at each thread
 * count: one step is a step of {@code thirty run ptb-lstm} ({@link PtbStep}). The decoder column is the
 * share of a step that the 10k-way softmax layer (its GEMMs, the cross-entropy and their backward) takes alone
 * on the same shapes; the rest is the embedding, the LSTM layers, dropout, clipping and SGD. With
 * {@code --reference}, PyTorch's figures from {@code bench/pytorch/ptb_lstm.py --json} beside ours as ratios.
 */
@Command(name = "ptb-lstm", mixinStandardHelpOptions = true,
        description = "Time PTB word-level LSTM training steps (small 2x200 and medium 2x650): words/s.")
final class PtbBench implements Runnable {

    private static final int VOCAB = 10_000;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "Thread counts to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--configs", split = ",", defaultValue = "small,medium",
            description = "Configurations to time: small, medium, large (default: ${DEFAULT-VALUE}).")
    List<String> configs;

    @Option(names = "--seconds", defaultValue = "5",
            description = "Measuring time per figure, after as much CPU time warming up (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--reference", paramLabel = "FILE",
            description = "PyTorch's figures, as bench/pytorch/ptb_lstm.py --json FILE writes them.")
    Path reference;

    @Option(names = "--json", description = "Print the result as one JSON object on standard output.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Map<String, PtbConfig> known = Map.of("small", PtbConfig.small(), "medium", PtbConfig.medium(), "large",
                PtbConfig.large());
        for (String name : configs) {
            if (!known.containsKey(name)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--configs: unknown '" + name
                        + "'; choose from small, medium, large");
            }
        }
        Map<String, Double> torch = reference == null ? Map.of() : readReference(reference);
        PrintWriter out = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        out.println("PTB LSTM training step: batch 20, 10k vocabulary, SGD, clip 5; medians; " + VersionInfo.runtime());
        out.printf(Locale.ROOT, "%-7s %7s %12s %9s %12s %8s%n", "config", "threads", "words/s", "decoder",
                "torch w/s", "ratio");
        List<Map<String, Object>> results = new ArrayList<>();
        for (int t : threads) {
            try (ComputePool pool = ComputePool.ofThreads(t)) {
                for (String name : configs) {
                    PtbStep step = new PtbStep(known.get(name), VOCAB, 7);
                    double full = pool.call(() -> medianSeconds(step::step));
                    double decoder = pool.call(() -> medianSeconds(step::decoderStep));
                    double rate = step.wordsPerStep() / full;
                    Double ref = torch.get(name + "@" + t);
                    out.printf(Locale.ROOT, "%-7s %7d %12.0f %8.0f%% %12s %8s%n", name, t, rate, 100 * decoder / full,
                            ref == null ? "-" : String.format(Locale.ROOT, "%.0f", ref),
                            ref == null ? "-" : String.format(Locale.ROOT, "%.2fx", rate / ref));
                    out.flush();
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("config", name);
                    r.put("threads", t);
                    r.put("wordsPerSecond", rate);
                    r.put("decoderShare", decoder / full);
                    if (ref != null) {
                        r.put("torchWordsPerSecond", ref);
                        r.put("ratio", rate / ref);
                    }
                    results.add(r);
                }
            }
        }
        if (json) {
            JsonOutput.print(spec.commandLine().getOut(), Map.of("benchmark", "ptb-lstm", "runtime",
                    VersionInfo.runtime(), "results", results));
        }
    }

    /** The median seconds of {@code work}, after warming up for {@link #seconds} of this thread's CPU time. */
    private double medianSeconds(Runnable work) {
        long budget = (long) (seconds * 1e9);
        ThreadMXBean thread = ManagementFactory.getThreadMXBean();
        long warm = thread.getCurrentThreadCpuTime();
        do {
            work.run();
        } while (thread.getCurrentThreadCpuTime() - warm < budget);
        return Timing.medianNanos(work, 0, 5, budget) / 1e9;
    }

    /** {@code config@threads} to PyTorch's words/s. */
    private static Map<String, Double> readReference(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            JsonNode results = root == null ? null : root.get("results");
            if (results == null || !results.isArray()) {
                throw new IllegalArgumentException("ptb-lstm bench: the reference " + file + " has no \"results\""
                        + " list (expected bench/pytorch/ptb_lstm.py --json output)");
            }
            Map<String, Double> out = new LinkedHashMap<>();
            for (JsonNode r : results) {
                if (!r.path("words_per_s").isNumber() || !r.has("config") || !r.has("threads")) {
                    throw new IllegalArgumentException("ptb-lstm bench: the reference " + file + " has a result"
                            + " without config, threads and words_per_s: " + r);
                }
                out.put(r.get("config").asText() + "@" + r.get("threads").asInt(), r.get("words_per_s").asDouble());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("ptb-lstm bench: could not read the reference " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
