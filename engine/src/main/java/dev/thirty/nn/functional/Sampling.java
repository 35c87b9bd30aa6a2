package dev.thirty.nn.functional;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Drawing the next token of a language model: one sample from
 * {@code softmax(logits / temperature)}, optionally restricted to the {@code topK} largest logits
 * (ties with the k-th largest are kept). Probabilities are formed in double from
 * {@code exp((l - max) / temperature)}, so large logits and small temperatures are safe, and one
 * {@code nextDouble()} is drawn per sample, so a seeded generator gives a repeatable text.
 */
public final class Sampling {

    private Sampling() {
    }

    /** The index of the drawn token. */
    public static int sample(float[] logits, double temperature, int topK, RandomGenerator rng) {
        if (logits.length == 0) {
            throw new IllegalArgumentException("sample: no logits");
        }
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("sample: temperature must be a positive number, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("sample: topK must be 0 (all) or more, got " + topK);
        }
        double threshold = Double.NEGATIVE_INFINITY;
        if (topK > 0 && topK < logits.length) {
            float[] sorted = logits.clone();
            Arrays.sort(sorted);
            threshold = sorted[sorted.length - topK];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[logits.length];
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = logits[i] >= threshold ? Math.exp((logits[i] - max) / temperature) : 0;
            total += p[i];
        }
        if (!(total > 0) || !Double.isFinite(total)) {
            throw new IllegalArgumentException("sample: the logits give no finite probabilities (max " + max + ")");
        }
        double u = rng.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                last = i;
                u -= p[i];
                if (u < 0) {
                    return i;
                }
            }
        }
        return last; // rounding left u at or just above 0: the last token with positive probability
    }
}
