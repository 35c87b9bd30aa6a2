package dev.thirty.papers.coffee;

import java.util.Arrays;

/**
 * The times at which a run measures its state: t = 0, then {@code count} times up to the end,
 * either evenly spaced or evenly spaced in log t (the default: the interesting changes happen
 * early on a linear clock). Rounded to whole moves, increasing, without repeats.
 */
public final class SnapshotTimes {

    /** How snapshot times are spread over the run. */
    public enum Spacing {
        LOG,
        LINEAR
    }

    /** Log spacing starts this many decades before the end. */
    static final int LOG_DECADES = 4;

    private SnapshotTimes() {
    }

    /** 0 followed by up to {@code count} increasing times ending at {@code end}. */
    public static long[] of(long end, int count, Spacing spacing) {
        if (end < 1 || count < 1) {
            throw new IllegalArgumentException("need end >= 1 and count >= 1, got " + end + ", " + count);
        }
        long[] t = new long[count + 1];
        int k = 1;
        double start = Math.max(1.0, end / Math.pow(10, LOG_DECADES));
        for (int i = 1; i <= count; i++) {
            double f = (double) i / count;
            long v = i == count ? end : switch (spacing) {
                case LINEAR -> Math.round(f * end);
                case LOG -> Math.round(start * Math.pow(end / start, (i - 1.0) / (count - 1.0)));
            };
            if (v > t[k - 1]) {
                t[k++] = v;
            }
        }
        return Arrays.copyOf(t, k);
    }
}
