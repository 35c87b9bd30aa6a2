package dev.thirty.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Repeats a workload and reports the median time: machines here are shared and noisy. */
final class Timing {

    private Timing() {
    }

    /**
     * Runs {@code work} for at least {@code warmupNanos} to let the JIT settle, then at least
     * {@code minReps} times and for at least {@code minNanos}, and returns the median run time.
     */
    static double medianNanos(Runnable work, long warmupNanos, int minReps, long minNanos) {
        return medianOfSorted(sortedNanos(work, warmupNanos, minReps, minNanos));
    }

    /** The median of values sorted ascending (the mean of the middle two for an even count). */
    static double medianOfSorted(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The run times of {@code work}, fastest first: after at least one untimed run and
     * {@code warmupNanos}, at least {@code minReps} runs and for at least {@code minNanos}.
     */
    static double[] sortedNanos(Runnable work, long warmupNanos, int minReps, long minNanos) {
        long start = System.nanoTime();
        do {
            work.run();
        } while (System.nanoTime() - start < warmupNanos);
        double[] times = new double[Math.max(minReps, 8)];
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
        double[] sorted = Arrays.copyOf(times, n);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
