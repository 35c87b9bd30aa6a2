package dev.thirty.papers.ntm;

import dev.thirty.tensor.Rng;

/**
 * The copy task of §4.1: a sequence of random 8-bit vectors of length L, then a delimiter on a ninth
 * channel; the machine must then reproduce the sequence, with nothing more as input. An episode's
 * inputs are {@code 2L + 1} steps of width 9 (L vectors, the delimiter, L zero steps); its targets the L
 * vectors, due during the last L steps.
 */
public record CopyTask() implements Task {

    /** Bits per vector. */
    public static final int BITS = 8;
    /** Input width: the bits and the delimiter channel. */
    public static final int INPUT = BITS + 1;

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public int inputWidth() {
        return INPUT;
    }

    @Override
    public int outputWidth() {
        return BITS;
    }

    @Override
    public String sizeName() {
        return "length";
    }

    @Override
    public Episode episode(Rng rng, int batch, int length) {
        float[] bits = new float[length * batch * BITS];
        Task.randomBits(rng, bits, 0, bits.length);
        return episode(length, batch, bits);
    }

    /** The episode that copies {@code bits}, {@code (L, B, 8)} row-major. */
    public static Episode episode(int length, int batch, float[] bits) {
        if (length < 1 || batch < 1 || bits.length != length * batch * BITS) {
            throw new IllegalArgumentException("copy: an episode needs length and batch >= 1 and "
                    + (long) length * batch * BITS + " bits, got length " + length + ", batch " + batch + ", "
                    + bits.length + " bits");
        }
        int steps = 2 * length + 1;
        float[] x = new float[steps * batch * INPUT];
        for (int t = 0; t < length; t++) {
            for (int b = 0; b < batch; b++) {
                System.arraycopy(bits, (t * batch + b) * BITS, x, (t * batch + b) * INPUT, BITS);
            }
        }
        for (int b = 0; b < batch; b++) {
            x[(length * batch + b) * INPUT + BITS] = 1f;
        }
        return new Episode(steps, batch, INPUT, x, length, BITS, bits.clone(), length);
    }
}
