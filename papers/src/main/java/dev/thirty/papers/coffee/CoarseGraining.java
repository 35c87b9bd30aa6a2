package dev.thirty.papers.coffee;

/**
 * §5 and §6 of the paper: the coarse-grained state f(x), whose compressed size is the apparent
 * complexity.
 *
 * <ol>
 *   <li>Smoothing: each cell becomes the mean cream count of the g×g window centred on it (g odd).
 *       At the edges the window is clipped to the grid and the mean is over the cells inside.</li>
 *   <li>Thresholding into k buckets: a mean v goes to bucket ⌊k·v⌋, capped at k−1, so k = 3 gives
 *       [0, 1/3), [1/3, 2/3), [2/3, 1] (a mean above 1, possible in the non-interacting model, goes
 *       to the top bucket). Computed exactly in integers: ⌊k·sum / cells⌋.</li>
 *   <li>The adjustment of §6, only for {@link Kind#ADJUSTED}: k = 7, then in each row the majority
 *       bucket is found and every cell of that row whose bucket is within one of the majority is set
 *       to it. Our reading of the paper: the noise of the non-interacting model flips cells between
 *       neighbouring buckets along a row that is, on average, uniform; this removes exactly those
 *       one-bucket flips and keeps any larger structure. A tie for the majority goes to the lower
 *       bucket.</li>
 * </ol>
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
     * @param window the odd window side g, 1 ≤ g
     */
    public CoarseGraining(int n, int window) {
        if (n < 1) {
            throw new IllegalArgumentException("grid size must be positive, got " + n);
        }
        if (window < 1 || window % 2 == 0) {
            throw new IllegalArgumentException("window must be odd and positive, got " + window);
        }
        this.n = n;
        this.window = window;
        this.prefix = new long[(n + 1) * (n + 1)];
    }

    /** The paper's choice of window for an n×n grid: about √n, made odd by rounding up. */
    public static int defaultWindow(int n) {
        int g = (int) Math.round(Math.sqrt(n));
        return g % 2 == 0 ? g + 1 : g;
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
        fillPrefixSums(fine);
        int h = window / 2;
        int w1 = n + 1;
        for (int r = 0; r < n; r++) {
            int top = Math.max(0, r - h);
            int bottom = Math.min(n, r + h + 1);
            for (int c = 0; c < n; c++) {
                int left = Math.max(0, c - h);
                int right = Math.min(n, c + h + 1);
                long sum = prefix[bottom * w1 + right] - prefix[top * w1 + right]
                        - prefix[bottom * w1 + left] + prefix[top * w1 + left];
                long cellsIn = (long) (bottom - top) * (right - left);
                out[r * n + c] = (byte) Math.min(buckets - 1, buckets * sum / cellsIn);
            }
        }
    }

    /** Step 3: within each row, cells one bucket from the row's majority bucket join it. */
    public void adjustRows(byte[] buckets) {
        for (int r = 0; r < n; r++) {
            java.util.Arrays.fill(histogram, 0);
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
