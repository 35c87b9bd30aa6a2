package dev.thirty.testkit;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Seeded generators and random arrays for tests. Every test seeds its own generator. */
public final class Seeds {

    private Seeds() {
    }

    /** A deterministic generator for {@code seed}. */
    public static RandomGenerator generator(long seed) {
        return new SplittableRandom(seed);
    }

    /** {@code n} floats uniform in {@code [lo, hi)}. */
    public static float[] uniform(RandomGenerator rng, int n, float lo, float hi) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * rng.nextFloat();
        }
        return x;
    }

    /** {@code n} floats from a normal distribution with the given mean and deviation. */
    public static float[] normal(RandomGenerator rng, int n, float mean, float std) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (mean + std * rng.nextGaussian());
        }
        return x;
    }

    /**
     * {@code n} floats uniform in {@code [lo, hi)} but at least {@code gap} away from zero in
     * magnitude, for functions with a kink at zero (ReLU, abs) under finite differences.
     */
    public static float[] awayFromZero(RandomGenerator rng, int n, float lo, float hi, float gap) {
        float[] x = uniform(rng, n, lo, hi);
        for (int i = 0; i < n; i++) {
            if (Math.abs(x[i]) < gap) {
                x[i] = x[i] < 0 ? -gap - Math.abs(x[i]) : gap + x[i];
            }
        }
        return x;
    }
}
