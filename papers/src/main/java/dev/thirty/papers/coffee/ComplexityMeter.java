package dev.thirty.papers.coffee;

import dev.thirty.io.compress.Compressor;

/**
 * §5: the three numbers the paper plots for a state x — the entropy estimate K(x) ≈ C(x), the
 * apparent complexity K(f(x)) ≈ C(f(x)) with the 3-bucket coarse-graining f, and the same with
 * the adjusted coarse-graining of §6 — where C is the compressed size in bytes.
 *
 * <p>Buffers are allocated once; an instance is not thread-safe.
 */
public final class ComplexityMeter {

    /** One measurement of one state with one compressor, in compressed bytes. */
    public record Reading(int entropy, int complexity, int adjustedComplexity) {
    }

    private final int n;
    private final CoarseGraining threeBuckets;
    private final CoarseGraining adjusted;
    private final byte[] fine;
    private final byte[] grained;

    /**
     * A meter for n×n states that smooths over g×g windows for the 3-bucket coarse-graining and
     * over a×a windows for the adjusted one.
     */
    public ComplexityMeter(int n, int window, int adjustedWindow) {
        this.n = n;
        this.threeBuckets = new CoarseGraining(n, window);
        this.adjusted = new CoarseGraining(n, adjustedWindow);
        this.fine = new byte[n * n];
        this.grained = new byte[n * n];
    }

    /** Reads the automaton's current state and measures it with {@code compressor}. */
    public Reading measure(Automaton automaton, Compressor compressor) {
        if (automaton.size() != n) {
            throw new IllegalArgumentException("meter is for n=" + n + ", automaton has n=" + automaton.size());
        }
        automaton.fineGrained(fine);
        return measure(fine, compressor);
    }

    /** Measures a fine-grained state (n² cream counts, row-major) with {@code compressor}. */
    public Reading measure(byte[] state, Compressor compressor) {
        int entropy = compressor.compressedSize(state);
        threeBuckets.apply(state, CoarseGraining.Kind.THREE_BUCKETS, grained);
        int complexity = compressor.compressedSize(grained);
        adjusted.apply(state, CoarseGraining.Kind.ADJUSTED, grained);
        int adjusted = compressor.compressedSize(grained);
        return new Reading(entropy, complexity, adjusted);
    }

    /** The coarse-graining of {@code kind} this meter applies (for pictures). */
    public CoarseGraining coarseGraining(CoarseGraining.Kind kind) {
        return kind == CoarseGraining.Kind.ADJUSTED ? adjusted : threeBuckets;
    }
}
