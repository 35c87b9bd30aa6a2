package dev.thirty.papers.ntm;

import dev.thirty.tensor.Rng;

/**
 * The repeat copy task of §4.2: a sequence of random 8-bit vectors, a delimiter, then the number of
 * copies wanted as a scalar on its own channel; the machine must emit the sequence that many times and
 * then an end marker. The count is normalised to mean 0 and variance 1 over the training counts, as the
 * paper does (so counts beyond the training range arrive as values the machine has never seen).
 *
 * <p>Inputs are width 10 (bits, delimiter, count) over {@code L + 2 + L R + 1} steps; targets width 9
 * (bits, end marker) over the last {@code L R + 1} steps, the marker on the last. The layout follows
 * pytorch-ntm's repeat-copy task. Every sequence of a batch has the same length and count.
 *
 * @param minRepeats the fewest copies asked for in training
 * @param maxRepeats the most
 */
public record RepeatCopyTask(int minRepeats, int maxRepeats) implements Task {

    static final int BITS = CopyTask.BITS;

    public RepeatCopyTask {
        if (minRepeats < 1 || maxRepeats < minRepeats) {
            throw new IllegalArgumentException("repeat-copy: need 1 <= minRepeats <= maxRepeats, got " + minRepeats
                    + ".." + maxRepeats);
        }
    }

    @Override
    public String name() {
        return "repeat-copy";
    }

    @Override
    public int inputWidth() {
        return BITS + 2;
    }

    @Override
    public int outputWidth() {
        return BITS + 1;
    }

    @Override
    public String sizeName() {
        return "length";
    }

    /** The count as the machine reads it: {@code (R − mean) / sd} of the discrete uniform training counts. */
    public float normalisedCount(int repeats) {
        double n = maxRepeats - minRepeats + 1;
        double mean = (minRepeats + maxRepeats) / 2.0;
        double sd = n > 1 ? Math.sqrt((n * n - 1) / 12) : 1;
        return (float) ((repeats - mean) / sd);
    }

    @Override
    public Episode episode(Rng rng, int batch, int length) {
        int repeats = minRepeats + rng.nextInt(maxRepeats - minRepeats + 1);
        float[] bits = new float[length * batch * BITS];
        Task.randomBits(rng, bits, 0, bits.length);
        return episode(length, repeats, batch, bits);
    }

    /** The episode that repeats {@code bits} ({@code (L, B, 8)}) {@code repeats} times. */
    public Episode episode(int length, int repeats, int batch, float[] bits) {
        if (length < 1 || repeats < 1 || batch < 1 || bits.length != length * batch * BITS) {
            throw new IllegalArgumentException("repeat-copy: an episode needs length, repeats and batch >= 1 and "
                    + (long) length * batch * BITS + " bits, got length " + length + ", repeats " + repeats
                    + ", batch " + batch + ", " + bits.length + " bits");
        }
        int in = inputWidth();
        int out = outputWidth();
        int outSteps = length * repeats + 1;
        int steps = length + 2 + outSteps;
        float[] x = new float[steps * batch * in];
        float[] y = new float[outSteps * batch * out];
        float count = normalisedCount(repeats);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                System.arraycopy(bits, (t * batch + b) * BITS, x, (t * batch + b) * in, BITS);
                for (int r = 0; r < repeats; r++) {
                    System.arraycopy(bits, (t * batch + b) * BITS, y, ((r * length + t) * batch + b) * out, BITS);
                }
            }
            x[(length * batch + b) * in + BITS] = 1f;
            x[((length + 1) * batch + b) * in + BITS + 1] = count;
            y[((outSteps - 1) * batch + b) * out + BITS] = 1f;
        }
        return new Episode(steps, batch, in, x, outSteps, out, y, length);
    }
}
