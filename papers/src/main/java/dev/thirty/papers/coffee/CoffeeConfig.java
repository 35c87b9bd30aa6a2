package dev.thirty.papers.coffee;

import dev.thirty.io.compress.Codec;

/**
 * Settings of the coffee automaton run.
 *
 * <p>Run lengths are in units of n² sweeps. A sweep gives every site one move on average: n²
 * attempted swaps in the interacting model, one step of each of the n·⌊n/2⌋ particles in the
 * non-interacting one. Mixing is diffusion, whose slowest mode (one cosine across the cup) decays
 * with time constant τ = n²/(π²D): D = 1/2 per sweep for the swaps (each site tries about two
 * swaps per sweep), D = 1/4 for the walkers (one step per sweep, along one of two axes), so τ is
 * 0.20·n² and 0.41·n² sweeps. The defaults, 1 and 2 units, run each model for about 5τ, after
 * which less than 1% of the initial density step is left: the end is equilibrium.
 *
 * @param n                grid side
 * @param window           3-bucket coarse-graining window side g, odd; 0 picks ≈√n
 *                         ({@link CoarseGraining#defaultWindow})
 * @param adjustedWindow   adjusted (7-bucket) coarse-graining window side, odd; 0 picks ≈7g/3
 *                         ({@link CoarseGraining#adjustedWindow})
 * @param interactingRun   the interacting run, in n² sweeps (× n⁴ attempted swaps)
 * @param nonInteractingRun the non-interacting run, in n² sweeps (× n²·n·⌊n/2⌋ particle steps)
 * @param snapshots        measurements per run after t = 0
 * @param spacing          how the snapshot times are spread
 * @param codec            the compressor of the main curves (the paper's: gzip)
 * @param checkCodec       a second compressor whose curves should agree in shape
 * @param pictures         grid pictures per model (t = 0, the complexity peak, the end and times
 *                         in between)
 */
public record CoffeeConfig(int n, int window, int adjustedWindow, double interactingRun, double nonInteractingRun,
                           int snapshots, SnapshotTimes.Spacing spacing, Codec codec, Codec checkCodec,
                           int pictures) {

    public CoffeeConfig {
        require(n >= 4 && n <= 4096, "n must be in [4, 4096], got " + n);
        require(window == 0 || (window > 0 && window % 2 == 1 && window <= n),
                "window must be 0 (automatic) or odd and at most n, got " + window);
        require(adjustedWindow == 0 || (adjustedWindow > 0 && adjustedWindow % 2 == 1 && adjustedWindow <= n),
                "adjustedWindow must be 0 (automatic) or odd and at most n, got " + adjustedWindow);
        require(interactingRun > 0 && Double.isFinite(interactingRun),
                "interactingRun (in n² sweeps) must be positive, got " + interactingRun);
        require(nonInteractingRun > 0 && Double.isFinite(nonInteractingRun),
                "nonInteractingRun (in n² sweeps) must be positive, got " + nonInteractingRun);
        require(snapshots >= 2, "snapshots must be at least 2, got " + snapshots);
        require(spacing != null && codec != null && checkCodec != null, "spacing, codec and checkCodec are required");
        require(pictures >= 2 && pictures <= 12, "pictures must be in [2, 12], got " + pictures);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The 3-bucket window actually used: {@link #window} or, when 0, ≈√n made odd. */
    public int effectiveWindow() {
        return window == 0 ? CoarseGraining.defaultWindow(n) : window;
    }

    /** The adjusted window actually used: {@link #adjustedWindow} or, when 0, ≈7/3 of the 3-bucket one. */
    public int effectiveAdjustedWindow() {
        return adjustedWindow == 0 ? CoarseGraining.adjustedWindow(n, effectiveWindow()) : adjustedWindow;
    }

    /** The paper's grid, 100×100, gzip beside bzip2, 200 snapshots per model: about half a minute. */
    public static CoffeeConfig paper() {
        return new CoffeeConfig(100, 0, 0, 1, 2, 200, SnapshotTimes.Spacing.LOG, Codec.GZIP, Codec.BZIP2, 5);
    }

    /**
     * The default run: the paper's 100×100 grid with 120 snapshots, about 20 seconds on one core
     * (the moves take about a second per model, the rest is compression). At 50×50 the 3-bucket
     * window is 7×7, whose mean of random bits crosses 1/3 or 2/3 often enough that the equilibrium
     * complexity stays at twice its start; at 100×100 (11×11) it comes back to the start.
     */
    public static CoffeeConfig cpu() {
        return new CoffeeConfig(100, 0, 0, 1, 2, 120, SnapshotTimes.Spacing.LOG, Codec.GZIP, Codec.BZIP2, 5);
    }

    /** A sub-second run for tests: 20×20. */
    public static CoffeeConfig tiny() {
        return new CoffeeConfig(20, 0, 0, 1, 2, 40, SnapshotTimes.Spacing.LOG, Codec.GZIP, Codec.BZIP2, 3);
    }
}
