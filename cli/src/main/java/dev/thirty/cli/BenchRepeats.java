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
}
