package dev.thirty.parallel;

import dev.thirty.autograd.Backprop;
import dev.thirty.nn.Layer;
import dev.thirty.nn.Sequential;
import dev.thirty.tensor.Tensor;
import java.util.Arrays;

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
     * Each layer's forward plus backward time in nanoseconds on {@code sample}, summed over
     * {@code repeats} passes after one untimed warm-up pass. Leaves the parameters' gradients zeroed.
     */
    public static double[] layerTimes(Sequential model, Tensor sample, int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("balance: repeats must be at least 1, got " + repeats);
        }
        double[] nanos = new double[model.size()];
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
                    nanos[i] += t1 - t0;
                }
                x = y.detach();
            }
        }
        model.parameters().forEach(p -> p.zeroGrad());
        return nanos;
    }

    /** The balance that evens out the stages' measured time ({@link #layerTimes}). */
    public static int[] byTime(Sequential model, int stages, Tensor sample, int repeats) {
        return partition(layerTimes(model, sample, repeats), stages);
    }
}
