package dev.thirty.parallel;

import dev.thirty.autograd.Backprop;
import dev.thirty.nn.Layer;
import dev.thirty.nn.Sequential;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * How many consecutive layers of a sequential model each pipeline stage gets, as torchgpipe's
 * {@code balance}: {@code [3, 5]} puts layers 0–2 on stage 0 and 3–7 on stage 1.
 *
 * <p>Given a cost per layer, {@link #partition} splits the layers into contiguous groups whose
 * largest total cost is as small as possible (a pipeline runs at the pace of its slowest stage), by
 * dynamic programming over the split points: exact, and instant for the few hundred layers a model
 * has. The costs come from {@link #byParameters} (each layer's parameter count, torchgpipe's
 * {@code balance_by_size} in spirit) or {@link #byTime} (each layer's measured forward and backward
 * time on a sample batch, as {@code balance_by_time}). Timing depends on the machine and its load,
 * so a run that must repeat bit for bit passes the balance it printed, not the measurement again.
 */
public final class Balance {

    private Balance() {
    }

    /**
     * Checks that {@code balance} splits {@code layers} layers into stages of at least one layer each.
     *
     * @throws IllegalArgumentException saying what is wrong (torchgpipe's {@code BalanceError})
     */
    public static void check(int[] balance, int layers) {
        if (balance == null || balance.length == 0) {
            throw new IllegalArgumentException("balance: at least one stage is needed");
        }
        long sum = 0;
        for (int i = 0; i < balance.length; i++) {
            if (balance[i] < 1) {
                throw new IllegalArgumentException("balance " + Arrays.toString(balance) + ": stage " + i
                        + " has " + balance[i] + " layers; every stage needs at least one");
            }
            sum += balance[i];
        }
        if (sum != layers) {
            throw new IllegalArgumentException("balance " + Arrays.toString(balance) + " covers " + sum
                    + " layers but the model has " + layers);
        }
    }

    /**
     * The contiguous split of layers with costs {@code costs} into {@code stages} groups that
     * minimises the largest group's total; among equally good splits, the one whose earlier stages are
     * as long as possible.
     *
     * @throws IllegalArgumentException when there are fewer layers than stages or a cost is negative or not finite
     */
    public static int[] partition(double[] costs, int stages) {
        int n = costs.length;
        if (stages < 1) {
            throw new IllegalArgumentException("balance: the number of stages must be at least 1, got " + stages);
        }
        if (n < stages) {
            throw new IllegalArgumentException("balance: " + n + " layers cannot fill " + stages
                    + " stages of at least one layer each");
        }
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            if (!(costs[i] >= 0) || Double.isInfinite(costs[i])) {
                throw new IllegalArgumentException("balance: layer " + i + " has cost " + costs[i]
                        + "; costs must be finite and non-negative");
            }
            prefix[i + 1] = prefix[i] + costs[i];
        }
        // best[s][i]: the smallest achievable maximum when the first i layers form s stages
        double[][] best = new double[stages + 1][n + 1];
        int[][] cut = new int[stages + 1][n + 1];
        for (double[] row : best) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        best[0][0] = 0;
        for (int s = 1; s <= stages; s++) {
            for (int i = s; i <= n - (stages - s); i++) {
                for (int j = i - 1; j >= s - 1; j--) {
                    double v = Math.max(best[s - 1][j], prefix[i] - prefix[j]);
                    if (v < best[s][i]) {  // strict, scanning j downwards: the latest cut wins ties
                        best[s][i] = v;
                        cut[s][i] = j;
                    }
                }
            }
        }
        int[] balance = new int[stages];
        int i = n;
        for (int s = stages; s >= 1; s--) {
            int j = cut[s][i];
            balance[s - 1] = i - j;
            i = j;
        }
        return balance;
    }

    /** The balance that evens out the stages' parameter counts. */
    public static int[] byParameters(Sequential model, int stages) {
        double[] costs = new double[model.size()];
        for (int i = 0; i < costs.length; i++) {
            costs[i] = model.get(i).parameterCount();
        }
        return partition(costs, stages);
    }

    /**
     * Each layer's forward plus backward time in nanoseconds on {@code sample}: the median over
     * {@code repeats} passes after one untimed warm-up pass (a median, since one pass of a cheap layer
     * can be stretched many times over by a collection or another process). Leaves the parameters'
     * gradients zeroed.
     */
    public static double[] layerTimes(Sequential model, Tensor sample, int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("balance: repeats must be at least 1, got " + repeats);
        }
        long[][] nanos = new long[model.size()][repeats];
        for (int r = 0; r <= repeats; r++) {
            Tensor x = sample;
            for (int i = 0; i < model.size(); i++) {
                Tensor in = Tensor.of(x.toArray(), x.shape().dims()).requiringGrad();
                long t0 = System.nanoTime();
                Tensor y = ((Layer) model.get(i)).forward(in);
                if (y.requiresGrad()) {
                    float[] seed = new float[y.size()];
                    Arrays.fill(seed, 1f);
                    Backprop.run(y, seed);
                }
                long t1 = System.nanoTime();
                if (r > 0) {
                    nanos[i][r - 1] = t1 - t0;
                }
                x = y.detach();
            }
        }
        model.parameters().forEach(p -> p.zeroGrad());
        double[] median = new double[model.size()];
        for (int i = 0; i < median.length; i++) {
            Arrays.sort(nanos[i]);
            median[i] = repeats % 2 == 1 ? nanos[i][repeats / 2]
                    : (nanos[i][repeats / 2 - 1] + nanos[i][repeats / 2]) / 2.0;
        }
        return median;
    }

    /** The balance that evens out the stages' measured time ({@link #layerTimes}). */
    public static int[] byTime(Sequential model, int stages, Tensor sample, int repeats) {
        return partition(layerTimes(model, sample, repeats), stages);
    }

    /**
     * {@code start} improved by running it: a few pipelined steps of {@code input} per candidate, moving
     * one layer at a time from a stage to its lighter neighbour while that lowers the busiest stage's
     * median working time by more than 2%. Per-layer timings ({@link #byTime}) see each layer alone and
     * cache-hot; in the pipeline a stage's layers run together, beside another stage sharing the memory
     * bus, and the split they suggest can be a layer off. Leaves the gradients zeroed and the dropout
     * generators as they were; weights are not touched.
     *
     * @param steps pipelined steps per candidate (the median counts)
     */
    public static int[] refineByRun(Sequential model, int[] start, int microBatches, Tensor input,
            Pipeline.MicroBatchLoss loss, int steps) {
        check(start, model.size());
        if (steps < 1) {
            throw new IllegalArgumentException("balance: steps must be at least 1, got " + steps);
        }
        List<Rng> generators = Generators.of(model);
        long[][] saved = Generators.states(generators);
        try {
            return refine(start, b -> stageTimes(model, b, microBatches, input, loss, steps));
        } finally {
            model.zeroGrad();
            Generators.restore(generators, saved);
        }
    }

    /**
     * The hill climb of {@link #refineByRun} with the stages' costs from {@code stageCosts} (one entry per
     * stage of the balance it is given): from {@code start}, move one layer from a stage to its lighter
     * neighbour while that lowers the largest cost by more than 2%, taking the best such move each round.
     * A local search: it fixes a boundary or two that are a layer off (what timing each layer alone gets
     * wrong), not a poor start, which {@link #partition} should give.
     */
    public static int[] refine(int[] start, Function<int[], long[]> stageCosts) {
        int[] best = start.clone();
        long[] busy = stageCosts.apply(best);
        for (int round = 0; round < 4 * start.length; round++) {
            int[] bestMove = null;
            long[] bestBusy = busy;
            for (int j = 0; j + 1 < best.length; j++) {
                int[] moved = best.clone();
                if (busy[j] > busy[j + 1] && moved[j] > 1) {
                    moved[j]--;
                    moved[j + 1]++;
                } else if (busy[j + 1] > busy[j] && moved[j + 1] > 1) {
                    moved[j]++;
                    moved[j + 1]--;
                } else {
                    continue;
                }
                long[] t = stageCosts.apply(moved);
                if (max(t) < 0.98 * max(bestBusy)) {
                    bestMove = moved;
                    bestBusy = t;
                }
            }
            if (bestMove == null) {
                break;
            }
            best = bestMove;
            busy = bestBusy;
        }
        return best;
    }

    private static long[] stageTimes(Sequential model, int[] balance, int microBatches, Tensor input,
            Pipeline.MicroBatchLoss loss, int steps) {
        long[][] busy = new long[balance.length][steps];
        try (Pipeline p = Pipeline.builder(model).balance(balance).microBatches(microBatches)
                .checkpointing(Checkpointing.NEVER).build()) {
            p.step(input, loss);  // warm-up
            for (int s = 0; s < steps; s++) {
                model.zeroGrad();
                Timeline t = p.step(input, loss).timeline();
                for (int k = 0; k < balance.length; k++) {
                    busy[k][s] = t.busy(k);
                }
            }
        }
        long[] median = new long[balance.length];
        for (int k = 0; k < balance.length; k++) {
            Arrays.sort(busy[k]);
            median[k] = busy[k][steps / 2];
        }
        return median;
    }

    private static long max(long[] v) {
        long m = Long.MIN_VALUE;
        for (long x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
