package dev.thirty.cli;

import java.util.Arrays;

/** Repeats a workload and reports the median time: machines here are shared and noisy. */
final class Timing {

    private Timing() {
    }

    /**
     * Runs {@code work} for at least {@code warmupNanos} to let the JIT settle, then at least
     * {@code minReps} times and for at least {@code minNanos}, and returns the median run time.
     */
    static double medianNanos(Runnable work, long warmupNanos, int minReps, long minNanos) {
        long start = System.nanoTime();
        do {
            work.run();
        } while (System.nanoTime() - start < warmupNanos);
        long[] times = new long[Math.max(minReps, 8)];
        int n = 0;
        long measureStart = System.nanoTime();
        while (n < minReps || System.nanoTime() - measureStart < minNanos) {
            long t0 = System.nanoTime();
            work.run();
            long dt = System.nanoTime() - t0;
            if (n == times.length) {
                times = Arrays.copyOf(times, n * 2);
            }
            times[n++] = dt;
        }
        long[] sorted = Arrays.copyOf(times, n);
        Arrays.sort(sorted);
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
