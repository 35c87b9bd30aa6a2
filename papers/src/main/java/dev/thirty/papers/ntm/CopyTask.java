package dev.thirty.papers.ntm;

import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;

/**
 * The copy task of §4.1: a sequence of random 8-bit vectors of length L, then a delimiter on a ninth
 * channel; the machine must then reproduce the sequence, with nothing more as input. An episode's
 * inputs are {@code 2L + 1} steps of width 9 (L vectors, the delimiter, L zero steps); its targets the L
 * vectors, due during the last L steps. Every sequence of a batch has the same length.
 */
public final class CopyTask {

    /** Bits per vector. */
    public static final int BITS = 8;
    /** Input width: the bits and the delimiter channel. */
    public static final int INPUT = BITS + 1;

    private CopyTask() {
    }

    /**
     * One batch of sequences.
     *
     * @param length L
     * @param batch  B
     * @param bits   the vectors, {@code (L, B, 8)} row-major, each 0 or 1
     */
    public record Episode(int length, int batch, float[] bits) {

        public Episode {
            if (length < 1 || batch < 1 || bits.length != length * batch * BITS) {
                throw new IllegalArgumentException("copy: an episode needs length and batch >= 1 and "
                        + length * batch * BITS + " bits, got length " + length + ", batch " + batch + ", "
                        + bits.length + " bits");
            }
        }

        /** Time steps in all: {@code 2L + 1}. */
        public int steps() {
            return 2 * length + 1;
        }

        /** The input at step {@code t}, {@code (B, 9)}. */
        public Tensor input(int t) {
            float[] x = new float[batch * INPUT];
            if (t < length) {
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(bits, (t * batch + b) * BITS, x, b * INPUT, BITS);
                }
            } else if (t == length) {
                for (int b = 0; b < batch; b++) {
                    x[b * INPUT + BITS] = 1f;
                }
            }
            return Tensor.of(x, batch, INPUT);
        }

        /** Every step's input at once, {@code (B, 2L + 1, 9)}, for a model that reads the whole sequence. */
        public Tensor sequence() {
            int steps = steps();
            float[] x = new float[batch * steps * INPUT];
            for (int t = 0; t < steps; t++) {
                float[] at = input(t).data();
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(at, b * INPUT, x, (b * steps + t) * INPUT, INPUT);
                }
            }
            return Tensor.of(x, batch, steps, INPUT);
        }

        /** The vector due at output step {@code j} (input step {@code L + 1 + j}), {@code (B, 8)}. */
        public Tensor target(int j) {
            float[] y = new float[batch * BITS];
            System.arraycopy(bits, j * batch * BITS, y, 0, batch * BITS);
            return Tensor.of(y, batch, BITS);
        }
    }

    /** A batch of {@code batch} sequences whose length is uniform in {@code [minLength, maxLength]}. */
    public static Episode sample(Rng rng, int batch, int minLength, int maxLength) {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("copy: need 1 <= minLength <= maxLength, got " + minLength + ".."
                    + maxLength);
        }
        int length = minLength + rng.nextInt(maxLength - minLength + 1);
        float[] bits = new float[length * batch * BITS];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = rng.nextBoolean() ? 1f : 0f;
        }
        return new Episode(length, batch, bits);
    }
}
