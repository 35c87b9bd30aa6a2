package dev.thirty.papers.ntm;

import dev.thirty.tensor.Rng;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The priority sort task of §4.4: n random 8-bit vectors, each with a scalar priority drawn uniformly
 * from [−1, 1] on its own channel, then a delimiter; the machine must emit the highest-priority
 * vectors, highest first. The paper asks for 16 of 20; for other n this asks for the same four fifths,
 * {@code ceil(4n / 5)}.
 *
 * <p>Inputs are width 10 (bits, priority, delimiter) over {@code n + 1 + k} steps; targets width 8 over
 * the last k steps.
 */
public record SortTask() implements Task {

    static final int BITS = CopyTask.BITS;

    @Override
    public String name() {
        return "sort";
    }

    @Override
    public int inputWidth() {
        return BITS + 2;
    }

    @Override
    public int outputWidth() {
        return BITS;
    }

    @Override
    public String sizeName() {
        return "vectors";
    }

    /** How many vectors are wanted from n: {@code ceil(4n / 5)}, 16 of the paper's 20. */
    public static int wanted(int n) {
        return (4 * n + 4) / 5;
    }

    @Override
    public Episode episode(Rng rng, int batch, int n) {
        float[] bits = new float[n * batch * BITS];
        Task.randomBits(rng, bits, 0, bits.length);
        float[] priority = new float[n * batch];
        for (int i = 0; i < priority.length; i++) {
            priority[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return episode(n, batch, bits, priority);
    }

    /** The episode over {@code bits} ({@code (n, B, 8)}) with priorities {@code (n, B)}. */
    public static Episode episode(int n, int batch, float[] bits, float[] priority) {
        if (n < 1 || batch < 1 || bits.length != n * batch * BITS || priority.length != n * batch) {
            throw new IllegalArgumentException("sort: an episode needs n and batch >= 1, " + (long) n * batch * BITS
                    + " bits and " + n * batch + " priorities, got n " + n + ", batch " + batch + ", " + bits.length
                    + " bits, " + priority.length + " priorities");
        }
        int in = BITS + 2;
        int k = wanted(n);
        int steps = n + 1 + k;
        float[] x = new float[steps * batch * in];
        float[] y = new float[k * batch * BITS];
        for (int b = 0; b < batch; b++) {
            Integer[] order = new Integer[n];
            for (int t = 0; t < n; t++) {
                System.arraycopy(bits, (t * batch + b) * BITS, x, (t * batch + b) * in, BITS);
                x[(t * batch + b) * in + BITS] = priority[t * batch + b];
                order[t] = t;
            }
            x[(n * batch + b) * in + BITS + 1] = 1f;
            int col = b;
            // highest first; equal priorities (practically never) keep their input order
            Arrays.sort(order, Comparator.comparingDouble((Integer t) -> -priority[t * batch + col]));
            for (int j = 0; j < k; j++) {
                System.arraycopy(bits, (order[j] * batch + b) * BITS, y, (j * batch + b) * BITS, BITS);
            }
        }
        return new Episode(steps, batch, in, x, k, BITS, y, n);
    }
}
