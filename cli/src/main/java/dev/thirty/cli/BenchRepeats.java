package dev.thirty.cli;

/**
 * How {@code thirty bench conv} repeats a measurement: {@code warmupSeconds} of untimed runs (at
 * least one), then at least {@code reps} timed runs and {@code minSeconds}.
 */
record BenchRepeats(double warmupSeconds, double minSeconds, int reps) {

    /** The run times of {@code work} in nanoseconds, fastest first. */
    double[] sortedNanos(Runnable work) {
        return Timing.sortedNanos(work, (long) (warmupSeconds * 1e9 / 2), reps, (long) (minSeconds * 1e9));
    }

    /** The median of sorted times. */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
