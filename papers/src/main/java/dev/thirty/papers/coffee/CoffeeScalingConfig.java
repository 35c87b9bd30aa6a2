package dev.thirty.papers.coffee;

import dev.thirty.io.compress.Codec;
import java.util.Arrays;

/**
 * Settings of the size sweep of §7 (the interacting model only, as in the paper's scaling plots).
 *
 * @param sizes                   grid sides n, increasing
 * @param seeds                   runs per size; the sweep reports medians over them
 * @param interactingRun          each run's length in n² sweeps (× n⁴ attempted swaps; see
 *                                {@link CoffeeConfig})
 * @param snapshots               measurements per run (log-spaced in time)
 * @param codec                   the compressor
 */
public record CoffeeScalingConfig(int[] sizes, int seeds, double interactingRun, int snapshots, Codec codec) {

    public CoffeeScalingConfig {
        require(sizes != null && sizes.length >= 2, "a sweep needs at least two sizes");
        sizes = sizes.clone();
        for (int i = 0; i < sizes.length; i++) {
            require(sizes[i] >= 4 && sizes[i] <= 4096, "sizes must be in [4, 4096], got " + sizes[i]);
            require(i == 0 || sizes[i] > sizes[i - 1], "sizes must increase: " + Arrays.toString(sizes));
        }
        require(seeds >= 1, "seeds must be positive, got " + seeds);
        require(interactingRun > 0 && Double.isFinite(interactingRun),
                "interactingRun (in n² sweeps) must be positive, got " + interactingRun);
        require(snapshots >= 10, "snapshots must be at least 10, got " + snapshots);
        require(codec != null, "codec is required");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public int[] sizes() {
        return sizes.clone();
    }

    /** The single-size run at side {@code n}: the interacting model, {@link #codec} only. */
    public CoffeeConfig at(int n) {
        CoffeeConfig base = CoffeeConfig.paper();
        return new CoffeeConfig(n, 0, 0, interactingRun, base.nonInteractingRun(), snapshots,
                SnapshotTimes.Spacing.LOG, codec, codec, base.pictures());
    }

    /** The paper's sweep, n ∈ {20, 30, 50, 70, 100}, with ten runs per size. */
    public static CoffeeScalingConfig paper() {
        return new CoffeeScalingConfig(new int[] {20, 30, 50, 70, 100}, 10, 1, 160, Codec.GZIP);
    }

    /** The paper's sizes with five runs each: about a minute on one core. */
    public static CoffeeScalingConfig cpu() {
        return new CoffeeScalingConfig(new int[] {20, 30, 50, 70, 100}, 5, 1, 120, Codec.GZIP);
    }

    /** Three small sizes, two runs each, for tests: a few seconds. */
    public static CoffeeScalingConfig tiny() {
        return new CoffeeScalingConfig(new int[] {10, 16, 24}, 2, 1, 40, Codec.GZIP);
    }
}
