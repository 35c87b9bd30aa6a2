package dev.thirty.papers.coffee;

import java.util.Arrays;

/**
 * §5 and §6 of the paper: the coarse-grained state f(x), whose compressed size is the apparent
 * complexity.
 *
 * <ol>
 *   <li>Smoothing: each cell becomes the mean cream count of a g×g square of the grid (g odd),
 *       centred on the cell where it fits. Near an edge the square is moved inward until it lies
 *       inside the grid, so every coarse cell averages exactly g² cells and has the same noise (a
 *       square clipped at a corner would hold a quarter of them and four times the variance).</li>
 *   <li>Thresholding into k buckets of equal width on [0, 1]: a mean v goes to bucket ⌊k·v⌋,
 *       capped at k−1, so k = 3 gives [0, 1/3), [1/3, 2/3), [2/3, 1] and k = 7 has thresholds at
 *       multiples of 1/7 (a mean above 1, possible in the non-interacting model, goes to the top
 *       bucket). Computed exactly in integers: ⌊k·sum / g²⌋.</li>
 *   <li>The adjustment of §6, only for {@link Kind#ADJUSTED}: k = 7, then in each row the majority
 *       bucket is found and every cell of that row whose bucket is within one of the majority is set
 *       to it, once; the result stays in 7 buckets. A tie for the majority goes to the lower
 *       bucket.</li>
 * </ol>
 *
 * <p>The adjusted coarse-graining smooths over its own, wider window (see
 * {@link #adjustedWindow}): its buckets are 3/7 as wide as the 3-bucket ones, and a window 7/3 as
 * wide keeps the noise of a window mean the same fraction of a bucket. Our reading, and the
 * measurements behind it, are in the package documentation.
 *
 * <p>Serialisation for compression: one byte per cell, row-major, the bucket number 0..k−1.
 * Buffers are allocated once per instance; an instance is not thread-safe.
 */
public final class CoarseGraining {

    /** Which coarse-graining: the paper's first (3 buckets) or its adjusted one (7 buckets + rows). */
    public enum Kind {
        THREE_BUCKETS(3),
        ADJUSTED(7);

        private final int buckets;

        Kind(int buckets) {
            this.buckets = buckets;
        }

        public int buckets() {
            return buckets;
        }
    }

    private final int n;
    private final int window;
    private final long[] prefix;
    private final int[] histogram = new int[256];

    /**
     * @param n      the grid side
     * @param window the odd window side g, 1 ≤ g ≤ n
     */
    public CoarseGraining(int n, int window) {
        if (n < 1) {
            throw new IllegalArgumentException("grid size must be positive, got " + n);
        }
        if (window < 1 || window % 2 == 0 || window > n) {
            throw new IllegalArgumentException("window must be odd, positive and at most n=" + n + ", got " + window);
        }
        this.n = n;
        this.window = window;
        this.prefix = new long[(n + 1) * (n + 1)];
    }

    /** The paper's choice of window for an n×n grid: about √n, made odd by rounding up. */
    public static int defaultWindow(int n) {
        return odd(Math.sqrt(n), n);
    }

    /**
     * The window of the adjusted (7-bucket) coarse-graining that goes with a 3-bucket window g:
     * about 7g/3, made odd, at most n (or n−1 when n is even).
     */
    public static int adjustedWindow(int n, int window) {
        return odd(window * 7.0 / 3.0, n);
    }

    private static int odd(double size, int n) {
        int g = (int) Math.round(size);
        g = g % 2 == 0 ? g + 1 : g;
        int largest = n % 2 == 0 ? n - 1 : n;
        return Math.max(1, Math.min(g, largest));
    }

    public int window() {
        return window;
    }

    /**
     * The coarse-grained state of a fine-grained one.
     *
     * @param fine n² cream counts (unsigned bytes), row-major
     * @param kind which coarse-graining
     * @param out  n² bucket numbers, row-major, overwritten
     */
    public void apply(byte[] fine, Kind kind, byte[] out) {
        threshold(fine, kind.buckets(), out);
        if (kind == Kind.ADJUSTED) {
            adjustRows(out);
        }
    }

    /** Steps 1 and 2: window means thresholded into {@code buckets} buckets. */
    public void threshold(byte[] fine, int buckets, byte[] out) {
        if (fine.length != n * n || out.length != n * n) {
            throw new IllegalArgumentException("expected " + n * n + " cells, got " + fine.length + " in and "
                    + out.length + " out");
        }
        fillPrefixSums(fine);
        int h = window / 2;
        int w1 = n + 1;
        long cells = (long) window * window;
        for (int r = 0; r < n; r++) {
            int top = Math.clamp(r - h, 0, n - window);
            int bottom = top + window;
            for (int c = 0; c < n; c++) {
                int left = Math.clamp(c - h, 0, n - window);
                int right = left + window;
                long sum = prefix[bottom * w1 + right] - prefix[top * w1 + right]
                        - prefix[bottom * w1 + left] + prefix[top * w1 + left];
                out[r * n + c] = (byte) Math.min(buckets - 1, buckets * sum / cells);
            }
        }
    }

    /** Step 3: within each row, cells one bucket from the row's majority bucket join it. */
    public void adjustRows(byte[] buckets) {
        for (int r = 0; r < n; r++) {
            Arrays.fill(histogram, 0);
            for (int c = 0; c < n; c++) {
                histogram[buckets[r * n + c] & 0xFF]++;
            }
            int majority = 0;
            for (int b = 1; b < histogram.length; b++) {
                if (histogram[b] > histogram[majority]) {
                    majority = b;
                }
            }
            for (int c = 0; c < n; c++) {
                int v = buckets[r * n + c] & 0xFF;
                if (Math.abs(v - majority) <= 1) {
                    buckets[r * n + c] = (byte) majority;
                }
            }
        }
    }

    /** prefix[(r)(n+1) + c] = the sum of fine over rows < r and columns < c. */
    private void fillPrefixSums(byte[] fine) {
        int w1 = n + 1;
        for (int r = 0; r < n; r++) {
            long rowSum = 0;
            for (int c = 0; c < n; c++) {
                rowSum += fine[r * n + c] & 0xFF;
                prefix[(r + 1) * w1 + c + 1] = prefix[r * w1 + c + 1] + rowSum;
            }
        }
    }
}
