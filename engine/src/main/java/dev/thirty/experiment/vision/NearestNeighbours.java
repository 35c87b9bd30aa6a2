package dev.thirty.experiment.vision;

import dev.thirty.kernels.ComputePool;

/**
 * The {@code k} nearest rows of a bank to each query row by Euclidean distance, as in Figure 4 of
 * Krizhevsky, Sutskever and Hinton (2012): test images next to the training images whose
 * last-hidden-layer feature vectors lie closest to theirs.
 *
 * <p>Exact and deterministic: each squared distance {@code sum_j (q_j - b_j)^2} is summed in
 * double precision in index order, neighbours are ranked by it, and equal distances go to the
 * lower bank index. The bank may be offered in blocks, in index order, as a network computes its
 * features batch by batch ({@link Search}), so the whole bank never has to exist at once; memory
 * beyond the queries is {@code O(queries * k)}. Work is split over queries on the current
 * {@link ComputePool}; each query is ranked by one thread, so the result does not depend on the
 * thread count or on how the bank is cut into blocks.
 */
public final class NearestNeighbours {

    /** At most this many queries are ranked together against each bank row while it is in cache. */
    private static final int QUERY_TILE = 8;
    /** Bank rows per block when the whole bank is given at once. */
    private static final int BANK_BLOCK = 1024;

    private NearestNeighbours() {
    }

    /**
     * The neighbours found, nearest first.
     *
     * @param queries   number of queries
     * @param k         neighbours per query
     * @param indices   {@code (queries, k)} bank row indices, row-major
     * @param distances {@code (queries, k)} Euclidean distances, non-decreasing along each row
     */
    public record Result(int queries, int k, int[] indices, double[] distances) {

        public Result {
            if (queries < 1 || k < 1 || indices.length != (long) queries * k || distances.length != indices.length) {
                throw new IllegalArgumentException("a neighbour result of " + queries + " queries x " + k
                        + " needs that many indices and distances, got " + indices.length + " and " + distances.length);
            }
        }

        /** Bank index of the {@code rank}-th nearest neighbour (0: the nearest) of {@code query}. */
        public int index(int query, int rank) {
            return indices[slot(query, rank)];
        }

        /** Euclidean distance from {@code query} to its {@code rank}-th nearest neighbour. */
        public double distance(int query, int rank) {
            return distances[slot(query, rank)];
        }

        private int slot(int query, int rank) {
            if (query < 0 || query >= queries || rank < 0 || rank >= k) {
                throw new IndexOutOfBoundsException("neighbour (" + query + ", " + rank + ") outside " + queries
                        + " queries x " + k);
            }
            return query * k + rank;
        }
    }

    /**
     * The {@code k} nearest bank rows to each query.
     *
     * @param queries   {@code (q, dimension)} row-major
     * @param bank      {@code (n, dimension)} row-major
     * @throws IllegalArgumentException when a length is not a whole number of rows, there are no
     *                                  queries, {@code k} is not in {@code [1, n]}, or a feature is not finite
     */
    public static Result search(float[] queries, float[] bank, int dimension, int k) {
        Search search = new Search(queries, dimension, k);
        int n = rows("bank", bank, dimension);
        if (k > n) {
            throw new IllegalArgumentException(k + " neighbours asked for, but the bank has only " + n + " rows");
        }
        for (int first = 0; first < n; first += BANK_BLOCK) {
            search.offer(bank, first, Math.min(BANK_BLOCK, n - first));
        }
        return search.result();
    }

    /**
     * A search fed the bank block by block. Offer the rows in bank order: their indices count on
     * from the rows offered before. Not safe for concurrent offers.
     */
    public static final class Search {

        private final float[] queries;
        private final int dimension;
        private final int k;
        private final int q;
        /** {@code (q, k)} squared distances of the best so far, ascending, then their bank indices. */
        private final double[] best;
        private final int[] bestIndex;
        private final int[] found;
        private int seen;

        /**
         * @param queries   {@code (q, dimension)} row-major; kept, not copied, until {@link #result}
         * @param k         neighbours per query, at least 1
         */
        public Search(float[] queries, int dimension, int k) {
            if (dimension < 1) {
                throw new IllegalArgumentException("feature dimension must be at least 1, got " + dimension);
            }
            if (k < 1) {
                throw new IllegalArgumentException("k must be at least 1, got " + k);
            }
            this.q = rows("queries", queries, dimension);
            if (q == 0) {
                throw new IllegalArgumentException("no queries: the query array is empty");
            }
            requireFinite("query", queries, 0, q, dimension, 0);
            this.queries = queries;
            this.dimension = dimension;
            this.k = k;
            this.best = new double[q * k];
            this.bestIndex = new int[q * k];
            this.found = new int[q];
        }

        /** Offers all of {@code rows}, a whole number of {@code dimension}-long rows. */
        public void offer(float[] rows) {
            offer(rows, 0, NearestNeighbours.rows("bank block", rows, dimension));
        }

        /**
         * Offers {@code count} rows of {@code rows} starting at row {@code first}; they become bank
         * rows {@code seen() .. seen() + count - 1}.
         */
        public void offer(float[] rows, int first, int count) {
            if (first < 0 || count < 0 || ((long) first + count) * dimension > rows.length) {
                throw new IllegalArgumentException("rows " + first + " .. " + ((long) first + count - 1) + " of "
                        + dimension + " features lie outside an array of " + rows.length + " values");
            }
            requireFinite("bank row", rows, first, count, dimension, seen - first);
            int base = seen - first;
            ComputePool pool = ComputePool.current();
            // Smaller tiles when there are few queries, so that every thread gets some.
            int tile = Math.clamp((q + pool.threads() - 1) / pool.threads(), 1, QUERY_TILE);
            int tiles = (q + tile - 1) / tile;
            pool.parallelFor(tiles, t -> rankTile(t * tile, Math.min(q, (t + 1) * tile), rows, first, count, base));
            seen += count;
        }

        /** Bank rows offered so far. */
        public int seen() {
            return seen;
        }

        /**
         * The neighbours of every query among the rows offered.
         *
         * @throws IllegalArgumentException when fewer than {@code k} rows were offered
         */
        public Result result() {
            if (seen < k) {
                throw new IllegalArgumentException(k + " neighbours asked for, but the bank has only " + seen + " rows");
            }
            double[] distances = new double[best.length];
            for (int i = 0; i < best.length; i++) {
                distances[i] = Math.sqrt(best[i]);
            }
            return new Result(q, k, bestIndex.clone(), distances);
        }

        /** Ranks bank rows {@code [first, first + count)} against queries {@code [from, to)}. */
        private void rankTile(int from, int to, float[] rows, int first, int count, int base) {
            for (int r = first; r < first + count; r++) {
                for (int query = from; query < to; query++) {
                    double d = squaredDistance(queries, query * dimension, rows, r * dimension, dimension);
                    insert(query, d, base + r);
                }
            }
        }

        /** Keeps {@code index} among the query's best if it is nearer than the worst kept. */
        private void insert(int query, double d, int index) {
            int row = query * k;
            int n = found[query];
            if (n == k && d >= best[row + k - 1]) {
                return;
            }
            // Shift farther entries down; an equal distance stays ahead (it came from a lower index).
            int at = n == k ? k - 1 : n;
            while (at > 0 && best[row + at - 1] > d) {
                best[row + at] = best[row + at - 1];
                bestIndex[row + at] = bestIndex[row + at - 1];
                at--;
            }
            best[row + at] = d;
            bestIndex[row + at] = index;
            found[query] = Math.min(k, n + 1);
        }
    }

    private static int rows(String what, float[] values, int dimension) {
        if (values.length % dimension != 0) {
            throw new IllegalArgumentException(what + " has " + values.length + " values, not a whole number of"
                    + " rows of " + dimension + " features");
        }
        return values.length / dimension;
    }

    private static double squaredDistance(float[] a, int aOff, float[] b, int bOff, int n) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double diff = (double) a[aOff + j] - b[bOff + j];
            sum += diff * diff;
        }
        return sum;
    }

    /** Checks rows {@code [first, first + count)}, which are numbered from {@code first + numberOffset}. */
    private static void requireFinite(String what, float[] values, int first, int count, int dimension,
            int numberOffset) {
        int end = (first + count) * dimension;
        for (int i = first * dimension; i < end; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " " + (i / dimension + numberOffset) + " has feature "
                        + (i % dimension) + " = " + values[i] + "; features must be finite");
            }
        }
    }
}
