package dev.thirty.papers.kolmogorov;

import dev.thirty.io.compress.Compressor;
import java.util.SplittableRandom;

/**
 * The counting argument behind incompressibility: there are 2^n strings of n bits but only
 * 2^(n−c+1) − 1 descriptions shorter than n − c + 1 bits, so at most a 2^−c fraction of n-bit
 * strings can be compressed by c bits or more — by any compressor, K(x) included. A real
 * compressor gives an upper bound C(x) ≥ K(x) − O(1), so its measured fraction must respect the
 * same bound; with a fixed header of h bytes it cannot shrink random bytes at all, and the measured
 * fraction is 0 for every c.
 *
 * <p>Sizes are whole bytes, so "shortened by at least c bits" is 8·(L − |C(x)|) ≥ c.
 *
 * @param compressor  the compressor measured
 * @param strings     how many random strings were drawn
 * @param length      their length L in bytes
 * @param shrunk      {@code shrunk[c-1]}: how many were shortened by at least c bits, c = 1..C
 * @param meanOverhead mean of |C(x)| − L over the strings, in bytes (framing plus failed modelling)
 * @param minOverhead  the smallest |C(x)| − L seen
 */
public record Incompressibility(Compressor compressor, int strings, int length, int[] shrunk,
                                double meanOverhead, int minOverhead) {

    public Incompressibility {
        if (compressor == null || strings < 1 || length < 1 || shrunk == null || shrunk.length < 1) {
            throw new IllegalArgumentException("incompressibility: a compressor, strings >= 1, length >= 1 and c >= 1");
        }
        shrunk = shrunk.clone();
    }

    /** Draws {@code strings} uniform byte strings of {@code length} bytes from {@code rng} and counts. */
    public static Incompressibility measure(Compressor compressor, int strings, int length, int maxBits,
                                            SplittableRandom rng) {
        if (maxBits < 1) {
            throw new IllegalArgumentException("maxBits must be >= 1, got " + maxBits);
        }
        int[] shrunk = new int[maxBits];
        long overheadSum = 0;
        int minOverhead = Integer.MAX_VALUE;
        byte[] x = new byte[length];
        for (int s = 0; s < strings; s++) {
            rng.nextBytes(x);
            int overhead = compressor.compressedSize(x) - length;
            overheadSum += overhead;
            minOverhead = Math.min(minOverhead, overhead);
            long savedBits = -8L * overhead;
            for (int c = 1; c <= maxBits && savedBits >= c; c++) {
                shrunk[c - 1]++;
            }
        }
        return new Incompressibility(compressor, strings, length, shrunk, (double) overheadSum / strings, minOverhead);
    }

    public int maxBits() {
        return shrunk.length;
    }

    /** The measured fraction of strings shortened by at least {@code c} bits. */
    public double fraction(int c) {
        return (double) shrunk[c - 1] / strings;
    }

    /** The counting bound 2^−c. */
    public static double bound(int c) {
        return Math.scalb(1.0, -c);
    }

    /**
     * One standard error of a fraction measured on {@code strings} draws if the true fraction sat
     * exactly at the bound: sqrt(p(1 − p)/N) with p = 2^−c.
     */
    public double samplingError(int c) {
        double p = bound(c);
        return Math.sqrt(p * (1 - p) / strings);
    }

    /** The largest fraction(c) − 2^−c over c, in units of {@link #samplingError}: ≤ 0 respects the bound. */
    public double worstExcessInErrors() {
        double worst = Double.NEGATIVE_INFINITY;
        for (int c = 1; c <= maxBits(); c++) {
            worst = Math.max(worst, (fraction(c) - bound(c)) / samplingError(c));
        }
        return worst;
    }
}
