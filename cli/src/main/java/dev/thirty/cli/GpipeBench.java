package dev.thirty.cli;

import dev.thirty.papers.gpipe.GpipeNet;
import dev.thirty.papers.gpipe.PipelineSweep;
import dev.thirty.parallel.Checkpointing;
import dev.thirty.parallel.Timeline;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thirty bench gpipe}: training images per second of the gpipe experiment's CIFAR network for
 * K = 1 on one thread, K = 1 on two threads (the GEMMs split across both) and K = 2 (one thread per
 * stage), at each number of micro-batches; the pipeline's speedup over K = 1 on one thread and the
 * fraction of the ideal 2M/(M+1) it reaches, with the measured and predicted bubbles.
 */
@Command(name = "gpipe", mixinStandardHelpOptions = true,
        description = "Time pipelined training steps of a CIFAR net: K=1 (1 and 2 threads) vs K=2, M micro-batches.")
final class GpipeBench implements Runnable {

    @Option(names = "--micro-batches", split = ",", defaultValue = "1,2,4,8,16",
            description = "Micro-batch counts M to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> microBatches;

    @Option(names = "--batch", defaultValue = "128", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--width", defaultValue = "32", description = "The network's first width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--checkpointing", defaultValue = "never",
            description = "never, except-last or always (default: ${DEFAULT-VALUE}).")
    String checkpointing;

    @Option(names = "--steps", defaultValue = "7", description = "Timed steps per figure; the median is reported (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-seconds", defaultValue = "6",
            description = "Seconds of untimed steps (K=1 and K=2) before the first figure, so the JIT has compiled"
                    + " the kernels (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--json", description = "Print the result as one JSON object on standard output.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One K and M: the figure and, for K = 2, how it compares with K = 1 on one thread at the same M. */
    record Result(int stages, int threadsPerStage, int microBatches, String checkpointing, List<Integer> balance,
            double imagesPerSecond, double speedup, double ideal, double fractionOfIdeal, double idleFraction,
            double gpipeBubble, double simulatedIdle) {
    }

    /** Each stage's share of the work, e.g. {@code 48/52}, for K > 1. */
    private static String stageShares(Timeline t) {
        if (t.stages() == 1) {
            return "";
        }
        StringBuilder sb = new StringBuilder("work");
        for (int k = 0; k < t.stages(); k++) {
            sb.append(k == 0 ? " " : "/").append(Math.round(100.0 * t.busy(k) / t.busy()));
        }
        return sb.toString();
    }

    @Override
    public void run() {
        if (batch < 1 || width < 1 || steps < 1 || warmup < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "bench gpipe: --batch, --width and --steps must be positive and --warmup not negative");
        }
        Checkpointing mode;
        try {
            mode = Checkpointing.of(checkpointing);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "bench gpipe: " + e.getMessage());
        }
        for (int m : microBatches) {
            if (m < 1 || m > batch) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "bench gpipe: micro-batches must be in [1, " + batch + "], got " + m);
            }
        }
        PrintWriter out = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        out.printf(Locale.ROOT, "gpipe: CIFAR net width %d, batch %d, SGD, checkpointing %s; median of %d steps; %s%n",
                width, batch, mode.key(), steps, VersionInfo.runtime());
        out.printf(Locale.ROOT, "%4s %-26s %10s %8s %7s %8s %7s %7s %7s  %s%n", "M", "setting", "images/s", "speedup",
                "ideal", "of ideal", "idle", "bubble", "sim", "balance");
        Rng rng = Rng.seeded(5);
        Tensor images = Tensor.randn(rng, batch, 3, 32, 32);
        int[] labels = rng.ints(batch, 0, 10).toArray();
        long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < until) {
            for (int stages = 1; stages <= 2; stages++) {
                PipelineSweep.measure(() -> GpipeNet.build(width, 0.5f, 1),
                        new PipelineSweep.Setting(stages, 1, Math.min(4, batch), mode), images, labels, 0, 1);
            }
        }
        List<Result> results = new ArrayList<>();
        for (int m : microBatches) {
            List<PipelineSweep.Setting> settings = List.of(new PipelineSweep.Setting(1, 1, m, mode),
                    new PipelineSweep.Setting(1, 2, m, mode), new PipelineSweep.Setting(2, 1, m, mode));
            List<PipelineSweep.Measurement> measured = PipelineSweep.measureSideBySide(
                    () -> GpipeNet.build(width, 0.5f, 1), settings, images, labels, warmup, steps);
            PipelineSweep.Measurement base = measured.get(0);
            for (PipelineSweep.Measurement r : measured) {
                PipelineSweep.Setting s = r.setting();
                double speedup = r.imagesPerSecond() / base.imagesPerSecond();
                double ideal = Timeline.gpipeSpeedup(s.stages(), m);
                double bubble = Timeline.gpipeBubble(s.stages(), m);
                out.printf(Locale.ROOT, "%4d %-26s %10.1f %7.2fx %6.2fx %7.0f%% %7.3f %7.3f %7.3f  %s %s%n", m,
                        s.label().replaceFirst(", M=\\d+$", ""), r.imagesPerSecond(), speedup, ideal,
                        100 * speedup / ideal, r.idleFraction(), bubble, r.simulatedIdle(),
                        Arrays.toString(r.balance()), stageShares(r.timeline()));
                out.flush();
                results.add(new Result(s.stages(), s.threadsPerStage(), m, mode.key(),
                        Arrays.stream(r.balance()).boxed().toList(), r.imagesPerSecond(), speedup, ideal,
                        speedup / ideal, r.idleFraction(), bubble, r.simulatedIdle()));
            }
        }
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("benchmark", "gpipe");
            o.put("runtime", VersionInfo.runtime());
            o.put("batch", batch);
            o.put("width", width);
            o.put("results", results);
            JsonOutput.print(spec.commandLine().getOut(), o);
        }
    }
}
