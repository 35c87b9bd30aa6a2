package dev.thirty.papers.lstm;

import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * The long-range dependency task, generated from a seed: a sequence of {@code gap + 2} steps opens
 * with a marked value {@code v} (one of {@code symbols}), continues with {@code gap} unmarked
 * distractors drawn uniformly from the same symbols, and ends with a query; at the query the model
 * must name the marked value. Chance is {@code 1 / symbols}. The distractors come through the same
 * inputs as the value, so a cell cannot simply ignore them: it has to store the input when the
 * marker is on and keep it unchanged while it is off, a multiplicative decision that the LSTM's
 * input and forget gates make and a vanilla RNN's single tanh layer must approximate. This is the
 * "gap between the relevant information and the point where it is needed" of Olah's essay, in the
 * spirit of Hochreiter and Schmidhuber's (1997) long-lag experiments.
 *
 * <p>Inputs per step {@code (symbols + 2)}: a one-hot symbol, then a marker flag, then a query flag.
 */
public record RecallTask(int symbols, int gap) {

    /** A batch: inputs {@code (B, gap + 2, symbols + 2)} and the value to recall per sequence. */
    public record Batch(Tensor inputs, int[] targets) {
    }

    public RecallTask {
        if (symbols < 2 || gap < 0) {
            throw new IllegalArgumentException("RecallTask: need symbols >= 2 and gap >= 0, got " + symbols
                    + " and " + gap);
        }
    }

    public int inputs() {
        return symbols + 2;
    }

    public int length() {
        return gap + 2;
    }

    /** {@code batch} fresh sequences drawn from {@code rng}. */
    public Batch sample(int batch, RandomGenerator rng) {
        int steps = length();
        int v = inputs();
        float[] x = new float[batch * steps * v]; // (B, T, symbols + 2)
        int[] targets = new int[batch];
        for (int b = 0; b < batch; b++) {
            int base = b * steps * v;
            targets[b] = rng.nextInt(symbols);
            x[base + targets[b]] = 1;
            x[base + symbols] = 1; // the marker
            for (int t = 1; t <= gap; t++) {
                x[base + t * v + rng.nextInt(symbols)] = 1;
            }
            x[base + (steps - 1) * v + symbols + 1] = 1; // the query
        }
        return new Batch(Tensor.of(x, batch, steps, v), targets);
    }
}
