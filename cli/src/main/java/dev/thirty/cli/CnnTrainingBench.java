package dev.thirty.cli;

import dev.thirty.cli.BenchNetworks.Network;
import dev.thirty.kernels.ComputePool;
import dev.thirty.nn.Layer;
import dev.thirty.nn.Sequential;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.optim.Sgd;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The training half of {@code thirty bench conv}: images per second of the {@link BenchNetworks}
 * (forward, cross-entropy, backward, SGD with momentum 0.9, random seeded inputs), following the
 * reference script: repeats of a fixed number of steps (five times as many for LeNet-5, whose
 * steps are short), images/s of each repeat, the median. {@link #measureLayers} splits one step by
 * layer, forward and backward, each layer timed alone at its place in the net.
 */
final class CnnTrainingBench {

    /** One training figure: images/s median and range over repeats of {@code steps} steps. */
    record TrainingResult(String key, int batch, int threads, int steps, int reps, double imagesPerSecond,
                          double imagesPerSecondMin, double imagesPerSecondMax, double msPerStep,
                          double finalLoss) {
    }

    /** One layer's share of a training step: median forward and backward milliseconds, alone. */
    record LayerResult(String key, int threads, int index, String layer, String output, double forwardMs,
                       double backwardMs) {
    }

    private final int batch;
    private final int steps;
    private final double warmupSeconds;
    private final BenchRepeats repeats;

    /**
     * @param warmupSeconds untimed training before each training figure
     * @param repeats       the repeats of each figure, and the warm-up of each layer in a split
     */
    CnnTrainingBench(int batch, int steps, double warmupSeconds, BenchRepeats repeats) {
        this.batch = batch;
        this.steps = steps;
        this.warmupSeconds = warmupSeconds;
        this.repeats = repeats;
    }

    /**
     * The networks named by {@code keys} at each of {@code threads}, as a table, with PyTorch's
     * figures beside when {@code ref} is given.
     */
    List<TrainingResult> measure(PrintWriter human, List<String> keys, List<Integer> threads, TorchReference ref) {
        human.println();
        human.println("## Training, images/s (forward, cross-entropy, backward, SGD momentum 0.9; random inputs)");
        human.println();
        human.println("| network | batch | threads | steps x reps | images/s | ms/step |"
                + (ref == null ? "" : " PyTorch " + ref.torch() + " images/s | ours / PyTorch |"));
        human.println("|---|---|---|---|---|---|" + (ref == null ? "" : "---|---|"));
        human.flush();
        List<TrainingResult> results = new ArrayList<>();
        for (String key : keys) {
            Network net = BenchNetworks.named(key);
            for (int t : threads) {
                try (ComputePool pool = ComputePool.ofThreads(t)) {
                    TrainingResult r = pool.call(() -> train(net, t));
                    results.add(r);
                    String row = String.format(Locale.ROOT, "| %s | %d | %d | %d x %d | %.0f (%.0f..%.0f) | %.1f |",
                            net.key(), r.batch(), t, r.steps(), r.reps(), r.imagesPerSecond(),
                            r.imagesPerSecondMin(), r.imagesPerSecondMax(), r.msPerStep());
                    if (ref != null) {
                        Double theirs = ref.imagesPerSecond(net.key(), t);
                        row += theirs == null ? " - | - |"
                                : String.format(Locale.ROOT, " %.0f | %.2f |", theirs, r.imagesPerSecond() / theirs);
                    }
                    human.println(row);
                    human.flush();
                }
            }
        }
        return results;
    }

    /** One seeded batch of inputs for {@code net}. */
    private Tensor inputs(Network net) {
        int[] shape = new int[net.input().length + 1];
        shape[0] = batch;
        System.arraycopy(net.input(), 0, shape, 1, net.input().length);
        return Tensor.randn(new SplittableRandom(7), shape);
    }

    private int[] labels() {
        return new SplittableRandom(8).ints(batch, 0, BenchNetworks.CLASSES).toArray();
    }

    /** Training images/s of {@code net} on the pool bound by the caller. */
    private TrainingResult train(Network net, int threadCount) {
        Sequential model = net.build().apply(1);
        Tensor x = inputs(net);
        int[] labels = labels();
        BenchNetworks.outputs(net, model, x);
        Sgd sgd = new Sgd(model.parameters(), 0.01, 0.9);
        StepArena arena = new StepArena();  // each step reuses the arrays of the one before
        float[] loss = {Float.NaN};
        Runnable step = () -> {
            try (StepArena.Scope s = arena.open()) {
                sgd.zeroGrad();
                Tensor l = CrossEntropy.crossEntropy(model.forward(x), labels);
                l.backward();
                sgd.step();
                loss[0] = l.item();
            }
        };
        int stepsPerRep = net.key().equals("lenet5") ? 5 * steps : steps;
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        for (int i = 0; i < 2 || System.nanoTime() < warmupEnd; i++) {
            step.run();
        }
        List<Double> rates = new ArrayList<>();
        for (int r = 0; r < repeats.reps(); r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < stepsPerRep; i++) {
                step.run();
            }
            rates.add((double) batch * stepsPerRep / ((System.nanoTime() - t0) / 1e9));
        }
        if (!Float.isFinite(loss[0])) {
            throw new IllegalStateException("conv bench: " + net.key() + ": the training loss became " + loss[0]);
        }
        double median = Timing.median(rates);
        return new TrainingResult(net.key(), batch, threadCount, stepsPerRep, repeats.reps(), median,
                rates.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), batch / median * 1e3, loss[0]);
    }

    /** A training step of each of {@code keys} split by layer, at each of {@code threads}, as tables. */
    List<LayerResult> measureLayers(PrintWriter human, List<String> keys, List<Integer> threads) {
        List<LayerResult> results = new ArrayList<>();
        for (String key : keys) {
            Network net = BenchNetworks.named(key);
            for (int t : threads) {
                human.println();
                human.println("## " + key + ", one training step by layer, batch " + batch + ", " + t
                        + (t == 1 ? " thread" : " threads") + " (each layer alone at its input; ms)");
                human.println();
                human.println("| # | layer | output | forward | backward | share |");
                human.println("|---|---|---|---|---|---|");
                try (ComputePool pool = ComputePool.ofThreads(t)) {
                    List<LayerResult> rows = pool.call(() -> splitByLayer(net, t));
                    double total = rows.stream().mapToDouble(r -> r.forwardMs() + r.backwardMs()).sum();
                    for (LayerResult r : rows) {
                        human.printf(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %.0f%% |%n",
                                r.index() < 0 ? "" : Integer.toString(r.index()), r.layer(), r.output(),
                                r.forwardMs(), r.backwardMs(), 100 * (r.forwardMs() + r.backwardMs()) / total);
                    }
                    human.printf(Locale.ROOT, "| | sum | | %.2f | %.2f | |%n",
                            rows.stream().mapToDouble(LayerResult::forwardMs).sum(),
                            rows.stream().mapToDouble(LayerResult::backwardMs).sum());
                    human.flush();
                    results.addAll(rows);
                }
            }
        }
        return results;
    }

    /**
     * Each layer of {@code net} timed alone: forward, and forward then backward of a random output
     * gradient, at the input the net gives it (the first layer's input needs no gradient, as in
     * training); then cross-entropy (forward, backward) and the SGD step.
     */
    private List<LayerResult> splitByLayer(Network net, int threadCount) {
        Sequential model = net.build().apply(1);
        Tensor x = inputs(net);
        int[] labels = labels();
        List<Tensor> outputs = BenchNetworks.outputs(net, model, x);
        SplittableRandom rng = new SplittableRandom(9);
        List<LayerResult> rows = new ArrayList<>();
        StepArena arena = new StepArena();
        for (int i = 0; i < model.size(); i++) {
            Layer layer = (Layer) model.get(i);
            Tensor in = i == 0 ? x : outputs.get(i - 1).detach().requiringGrad();
            Tensor gradient = Tensor.randn(rng, outputs.get(i).shape().dims());
            double forward = medianMs(arena, () -> layer.forward(in));
            double both = medianMs(arena, () -> layer.forward(in).backward(gradient));
            String name = model.get(i).summary().lines().findFirst().orElse("");
            rows.add(new LayerResult(net.key(), threadCount, i, name,
                    String.join("x", Arrays.stream(outputs.get(i).shape().dims()).mapToObj(Integer::toString)
                            .toList()), forward, Math.max(0, both - forward)));
        }
        Tensor logits = outputs.getLast().detach().requiringGrad();
        double ceForward = medianMs(arena, () -> CrossEntropy.crossEntropy(logits, labels));
        double ceBoth = medianMs(arena, () -> CrossEntropy.crossEntropy(logits, labels).backward());
        rows.add(new LayerResult(net.key(), threadCount, -1, "cross-entropy", "1", ceForward,
                Math.max(0, ceBoth - ceForward)));
        Sgd sgd = new Sgd(model.parameters(), 0.01, 0.9);
        CrossEntropy.crossEntropy(model.forward(x), labels).backward();  // every parameter gets a gradient
        double sgdStep = medianMs(arena, sgd::step);
        rows.add(new LayerResult(net.key(), threadCount, -1, "sgd step", "", 0, sgdStep));
        return rows;
    }

    /** The median milliseconds of {@code work} in a step scope, after warming up. */
    private double medianMs(StepArena arena, Runnable work) {
        return Timing.medianOfSorted(repeats.sortedNanos(() -> {
            try (StepArena.Scope s = arena.open()) {
                work.run();
            }
        })) / 1e6;
    }
}
