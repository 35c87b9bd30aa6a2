package dev.thirty.papers.gpipe;

import dev.thirty.kernels.ComputePool;
import dev.thirty.nn.Sequential;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.optim.Sgd;
import dev.thirty.parallel.Balance;
import dev.thirty.parallel.Checkpointing;
import dev.thirty.parallel.Pipeline;
import dev.thirty.parallel.ScheduleSimulator;
import dev.thirty.parallel.Timeline;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Times pipelined training steps: images per second, the measured bubble and the peak of
 * activation memory, for a number of stages, threads per stage, micro-batches and checkpointing.
 * The experiment's tables and {@code thirty bench gpipe} both come from here.
 */
public final class PipelineSweep {

    private PipelineSweep() {
    }

    /** What is measured: K stages of {@code threadsPerStage} threads, M micro-batches. */
    public record Setting(int stages, int threadsPerStage, int microBatches, Checkpointing checkpointing) {

        public String label() {
            return "K=" + stages + " (" + threadsPerStage + (threadsPerStage == 1 ? " thread" : " threads")
                    + (stages == 1 ? "" : " per stage") + "), M=" + microBatches;
        }
    }

    /**
     * The figures of one setting.
     *
     * @param balance layers per stage (by measured time on one micro-batch)
     * @param imagesPerSecond the mini-batch size over the median step time
     * @param idleFraction the median over the timed steps of each step's bubble
     * @param simulatedIdle the simulator's bubble for the stages' median box times in those steps
     * @param peakActivationBytes the largest peak of activation bytes in the timed steps
     * @param timeline the timeline of the median step
     */
    public record Measurement(Setting setting, int[] balance, double imagesPerSecond, double medianStepSeconds,
            double idleFraction, double simulatedIdle, long peakActivationBytes, Timeline timeline) {
    }

    /**
     * Runs {@code warmup} untimed and then {@code steps} timed SGD steps of {@code setting} on the
     * batch {@code (images, labels)}, with a model fresh from {@code model}.
     */
    public static Measurement measure(Supplier<Sequential> model, Setting setting, Tensor images, int[] labels,
            int warmup, int steps) {
        return measureSideBySide(model, List.of(setting), images, labels, warmup, steps).get(0);
    }

    /**
     * As {@link #measure} for several settings at once, their steps taken in turn (one step of each,
     * then the next round), so that a machine whose speed drifts while they run (another process, the
     * clock) slows them all alike and their ratios stay fair.
     */
    public static List<Measurement> measureSideBySide(Supplier<Sequential> model, List<Setting> settings,
            Tensor images, int[] labels, int warmup, int steps) {
        return measureSideBySide(model, settings, images, labels, warmup, steps, null);
    }

    /**
     * As {@link #measureSideBySide(Supplier, List, Tensor, int[], int, int)}; every setting of more than one
     * stage uses {@code balance} when it is given, else its own {@link #balanceFor balance}.
     */
    public static List<Measurement> measureSideBySide(Supplier<Sequential> model, List<Setting> settings,
            Tensor images, int[] labels, int warmup, int steps, int[] balance) {
        if (steps < 1 || warmup < 0) {
            throw new IllegalArgumentException("gpipe sweep: steps must be positive and warmup not negative");
        }
        int n = images.dim(0);
        Pipeline.MicroBatchLoss loss = (out, from, to) -> CrossEntropy.crossEntropy(out,
                Arrays.copyOfRange(labels, from, to));
        List<Pipeline> pipelines = new ArrayList<>();
        List<Sgd> optimizers = new ArrayList<>();
        try {
            for (Setting s : settings) {
                Sequential net = model.get();
                int[] b = s.stages() == 1 ? new int[] {net.size()}
                        : balance != null ? balance : balanceFor(net, s.stages(), s.microBatches(), images, labels);
                pipelines.add(Pipeline.builder(net).balance(b).microBatches(s.microBatches())
                        .checkpointing(s.checkpointing()).threadsPerStage(s.threadsPerStage()).build());
                optimizers.add(new Sgd(net.parameters(), Sgd.Config.momentum(0.9), 0.01));
            }
            List<List<Pipeline.StepResult>> timed = new ArrayList<>();
            List<List<Long>> nanos = new ArrayList<>();
            settings.forEach(s -> {
                timed.add(new ArrayList<>());
                nanos.add(new ArrayList<>());
            });
            for (int i = 0; i < warmup + steps; i++) {
                for (int j = 0; j < settings.size(); j++) {
                    Sgd sgd = optimizers.get(j);
                    sgd.zeroGrad();
                    long t0 = System.nanoTime();
                    Pipeline.StepResult r = pipelines.get(j).step(images, loss);
                    sgd.step();
                    long t = System.nanoTime() - t0;
                    if (i >= warmup) {
                        timed.get(j).add(r);
                        nanos.get(j).add(t);
                    }
                }
            }
            List<Measurement> out = new ArrayList<>();
            for (int j = 0; j < settings.size(); j++) {
                out.add(summarise(settings.get(j), pipelines.get(j).balance(), n, timed.get(j), nanos.get(j)));
            }
            return out;
        } finally {
            pipelines.forEach(Pipeline::close);
        }
    }

    private static Measurement summarise(Setting setting, int[] balance, int n, List<Pipeline.StepResult> timed,
            List<Long> nanos) {
        Integer[] byTime = new Integer[timed.size()];
        for (int i = 0; i < byTime.length; i++) {
            byTime[i] = i;
        }
        Arrays.sort(byTime, (a, b) -> Long.compare(nanos.get(a), nanos.get(b)));
        int mid = byTime[byTime.length / 2];
        double[] idle = timed.stream().mapToDouble(r -> r.timeline().idleFraction()).sorted().toArray();
        long peak = timed.stream().mapToLong(Pipeline.StepResult::peakActivationBytes).max().orElse(0);
        Timeline median = timed.get(mid).timeline();
        double seconds = nanos.get(mid) / 1e9;
        return new Measurement(setting, balance, n / seconds, seconds, idle[idle.length / 2],
                simulatedIdle(median, setting.checkpointing()), peak, median);
    }

    /**
     * The balance of {@code stages} stages for {@code microBatches} micro-batches of the batch: by each
     * layer's time on one micro-batch, then {@link Balance#refineByRun refined} by pipelined steps.
     */
    public static int[] balanceFor(Sequential net, int stages, int microBatches, Tensor images, int[] labels) {
        int[] byTime = balanceByTime(net, stages, images.slice(0, 0, Math.max(1, images.dim(0) / microBatches)));
        return Balance.refineByRun(net, byTime, microBatches, images, (out, from, to) -> CrossEntropy.crossEntropy(out,
                Arrays.copyOfRange(labels, from, to)), 3);
    }

    /** The balance of {@code stages} stages by each layer's time on {@code sample}, on one thread. */
    public static int[] balanceByTime(Sequential net, int stages, Tensor sample) {
        try (ComputePool one = ComputePool.ofThreads(1)) {
            return one.call(() -> Balance.byTime(net, stages, sample, 7));
        }
    }

    /** The simulator's bubble for the median forward, recompute and backward box of each stage of {@code t}. */
    public static double simulatedIdle(Timeline t, Checkpointing checkpointing) {
        long[] f = new long[t.stages()];
        long[] b = new long[t.stages()];
        for (int k = 0; k < t.stages(); k++) {
            f[k] = median(t, k, Timeline.Kind.FORWARD);
            b[k] = median(t, k, Timeline.Kind.BACKWARD);
        }
        return ScheduleSimulator.simulate(f, b, t.microBatches(), checkpointing, 0).idleFraction();
    }

    private static long median(Timeline t, int stage, Timeline.Kind kind) {
        long[] d = t.ofStage(stage).stream().filter(e -> e.kind() == kind).mapToLong(Timeline.Event::duration)
                .sorted().toArray();
        return d.length == 0 ? 0 : d[d.length / 2];
    }
}
