package dev.thirty.papers.coffee;

import dev.thirty.io.compress.Codec;

/**
 * Settings of the coffee automaton run.
 *
 * @param n                           grid side
 * @param window                      coarse-graining window side g, odd; 0 picks ≈√n
 *                                    ({@link CoarseGraining#defaultWindow})
 * @param interactingMovesPerCell     the interacting run attempts this many swaps per cell (× n²)
 * @param nonInteractingSweepsPerSide the non-interacting run moves every particle this many times
 *                                    per unit of n, on average (× n × particles)
 * @param snapshots                   measurements per run after t = 0
 * @param spacing                     how the snapshot times are spread
 * @param codec                       the compressor of the main curves (the paper's: gzip)
 * @param checkCodec                  a second compressor whose curves should agree in shape
 * @param pictures                    grid pictures per model (t = 0, the complexity peak, the end and
 *                                    times in between)
 */
public record CoffeeConfig(int n, int window, long interactingMovesPerCell, long nonInteractingSweepsPerSide,
                           int snapshots, SnapshotTimes.Spacing spacing, Codec codec, Codec checkCodec,
                           int pictures) {

    public CoffeeConfig {
        require(n >= 4 && n <= 4096, "n must be in [4, 4096], got " + n);
        require(window == 0 || (window > 0 && window % 2 == 1 && window <= n),
                "window must be 0 (automatic) or odd and at most n, got " + window);
        require(interactingMovesPerCell >= 1, "interactingMovesPerCell must be positive, got " + interactingMovesPerCell);
        require(nonInteractingSweepsPerSide >= 1,
                "nonInteractingSweepsPerSide must be positive, got " + nonInteractingSweepsPerSide);
        require(snapshots >= 2, "snapshots must be at least 2, got " + snapshots);
        require(spacing != null && codec != null && checkCodec != null, "spacing, codec and checkCodec are required");
        require(pictures >= 2 && pictures <= 12, "pictures must be in [2, 12], got " + pictures);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The window actually used: {@link #window} or, when 0, ≈√n made odd. */
    public int effectiveWindow() {
        return window == 0 ? CoarseGraining.defaultWindow(n) : window;
    }

    /** The paper's Figure 2-4 setting: a 100×100 grid, gzip, 4000·n² swaps, 100·n sweeps. */
    public static CoffeeConfig paper() {
        return new CoffeeConfig(100, 0, 4000, 100, 200, SnapshotTimes.Spacing.LOG, Codec.GZIP, Codec.BZIP2, 5);
    }

    /** The default CPU run: 50×50, a few seconds. */
    public static CoffeeConfig cpu() {
        return new CoffeeConfig(50, 0, 4000, 100, 120, SnapshotTimes.Spacing.LOG, Codec.GZIP, Codec.BZIP2, 5);
    }

    /** A sub-second run for tests: 20×20. */
    public static CoffeeConfig tiny() {
        return new CoffeeConfig(20, 0, 4000, 100, 40, SnapshotTimes.Spacing.LOG, Codec.GZIP, Codec.BZIP2, 3);
    }
}
