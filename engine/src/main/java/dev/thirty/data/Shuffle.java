package dev.thirty.data;

import java.util.random.RandomGenerator;

/** Seeded shuffling (Fisher-Yates, Knuth's Algorithm P) with an explicit generator. */
public final class Shuffle {

    private Shuffle() {
    }

    /** A uniformly random permutation of {@code 0 .. n-1} drawn from {@code rng}. */
    public static int[] permutation(int n, RandomGenerator rng) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation size must be non-negative, got " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, rng);
        return p;
    }

    /** Shuffles {@code values} in place with {@code rng}. */
    public static void shuffle(int[] values, RandomGenerator rng) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
