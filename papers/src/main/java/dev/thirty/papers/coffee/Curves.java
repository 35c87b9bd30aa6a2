package dev.thirty.papers.coffee;

/**
 * Summaries of a measured curve that the paper's claims are about: where it peaks, how far the
 * peak stands above the two ends, and how far it ever falls below its running maximum (a
 * monotone curve never does).
 */
public final class Curves {

    private Curves() {
    }

    /** The index of the first maximum. */
    public static int peakIndex(int[] y) {
        int best = 0;
        for (int i = 1; i < y.length; i++) {
            if (y[i] > y[best]) {
                best = i;
            }
        }
        return best;
    }

    /** max(y) / max(y[0], y[last]): 1 for a curve that peaks at an end. */
    public static double peakOverEnds(int[] y) {
        return (double) y[peakIndex(y)] / Math.max(y[0], y[y.length - 1]);
    }

    /** The largest drop below the running maximum, as a fraction of the final value. */
    public static double largestDrop(int[] y) {
        int runningMax = y[0];
        int drop = 0;
        for (int v : y) {
            runningMax = Math.max(runningMax, v);
            drop = Math.max(drop, runningMax - v);
        }
        return (double) drop / y[y.length - 1];
    }

    /** The median of {@code y[from..to)}. */
    public static double median(int[] y, int from, int to) {
        int[] s = java.util.Arrays.copyOfRange(y, from, to);
        java.util.Arrays.sort(s);
        int m = s.length;
        return m % 2 == 1 ? s[m / 2] : (s[m / 2 - 1] + s[m / 2]) / 2.0;
    }

    /**
     * The index of the first maximum of the running mean over {@code 2·halfWidth + 1} points
     * (fewer at the ends): where a noisy curve peaks, less at the mercy of one lucky reading.
     */
    public static int smoothedPeakIndex(int[] y, int halfWidth) {
        int best = 0;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < y.length; i++) {
            int from = Math.max(0, i - halfWidth);
            int to = Math.min(y.length, i + halfWidth + 1);
            double sum = 0;
            for (int j = from; j < to; j++) {
                sum += y[j];
            }
            double mean = sum / (to - from);
            if (mean > bestMean) {
                bestMean = mean;
                best = i;
            }
        }
        return best;
    }
}
