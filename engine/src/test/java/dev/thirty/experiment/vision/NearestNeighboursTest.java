package dev.thirty.experiment.vision;

import static dev.thirty.experiment.vision.Checks.refuses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thirty.experiment.vision.NearestNeighbours.Result;
import dev.thirty.kernels.ComputePool;
import dev.thirty.testkit.Seeds;
import java.util.Arrays;
import java.util.Comparator;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NearestNeighboursTest {

    /** Every bank row ranked by (distance, index), the plainest way, for one query. */
    private static int[] bruteForce(float[] queries, int query, float[] bank, int d) {
        int n = bank.length / d;
        double[] dist = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double diff = (double) queries[query * d + j] - bank[i * d + j];
                dist[i] += diff * diff;
            }
        }
        return IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> dist[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Queries and bank rows of {@code d} features drawn from {0, 1, 2}, so many distances are exactly equal. */
    private record Ties(float[] queries, float[] bank, int d) {

        static Ties draw(long seed, int queries, int bank, int d) {
            RandomGenerator rng = Seeds.generator(seed);
            return new Ties(smallIntegers(rng, queries * d), smallIntegers(rng, bank * d), d);
        }

        private static float[] smallIntegers(RandomGenerator rng, int n) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = rng.nextInt(3);
            }
            return x;
        }
    }

    private static void assertMatchesBruteForce(float[] queries, float[] bank, int d, int k, Result result) {
        for (int query = 0; query < queries.length / d; query++) {
            int[] expected = Arrays.copyOf(bruteForce(queries, query, bank, d), k);
            int[] got = Arrays.copyOfRange(result.indices(), query * k, query * k + k);
            assertArrayEquals(expected, got, "neighbours of query " + query);
            for (int rank = 0; rank < k; rank++) {
                double want = 0;
                for (int j = 0; j < d; j++) {
                    double diff = (double) queries[query * d + j] - bank[expected[rank] * d + j];
                    want += diff * diff;
                }
                assertEquals(Math.sqrt(want), result.distance(query, rank), 1e-12, "distance " + query + ", " + rank);
            }
        }
    }

    @Test
    void neighboursOfRandomFeaturesMatchABruteForceRanking() {
        RandomGenerator rng = Seeds.generator(11);
        int d = 17;
        float[] queries = Seeds.normal(rng, 13 * d, 0, 1);
        float[] bank = Seeds.normal(rng, 300 * d, 0, 1);
        // Query 0 equals bank rows 50, 200 and 250: three neighbours at distance 0, lowest index first.
        System.arraycopy(bank, 50 * d, bank, 200 * d, d);
        System.arraycopy(bank, 50 * d, bank, 250 * d, d);
        System.arraycopy(bank, 50 * d, queries, 0, d);
        Result result = NearestNeighbours.search(queries, bank, d, 5);
        assertArrayEquals(new int[] {50, 200, 250}, Arrays.copyOf(result.indices(), 3));
        assertEquals(0, result.distance(0, 2));
        assertMatchesBruteForce(queries, bank, d, 5, result);
    }

    @Test
    void equalDistancesGoToTheLowerIndex() {
        Ties t = Ties.draw(12, 20, 2000, 3);
        assertMatchesBruteForce(t.queries(), t.bank(), t.d(), 40, NearestNeighbours.search(t.queries(), t.bank(), t.d(), 40));
    }

    @Test
    void resultDoesNotDependOnBlocksOrThreads() {
        Ties t = Ties.draw(13, 19, 700, 5);
        float[] queries = t.queries();
        float[] bank = t.bank();
        int d = t.d();
        Result whole = ComputePool.ofThreads(1).call(() -> NearestNeighbours.search(queries, bank, d, 9));
        Result threaded = ComputePool.ofThreads(3).call(() -> NearestNeighbours.search(queries, bank, d, 9));
        NearestNeighbours.Search blocks = new NearestNeighbours.Search(queries, d, 9);
        int[] cuts = {0, 1, 8, 8, 300, 699, 700};
        for (int c = 1; c < cuts.length; c++) {
            blocks.offer(bank, cuts[c - 1], cuts[c] - cuts[c - 1]);
        }
        assertEquals(700, blocks.seen());
        Result fed = blocks.result();
        assertArrayEquals(whole.indices(), threaded.indices(), "3 threads against 1");
        assertArrayEquals(whole.indices(), fed.indices(), "fed in blocks against whole");
        assertArrayEquals(whole.distances(), fed.distances(), "fed in blocks against whole");
    }

    @Test
    void aLargeBankFedInBlocksNeedsOnlyOneBlockInMemory() {
        // 50,000 rows of 4,096 features (what AlexNet's last hidden layer gives for CIFAR-10's
        // training set, 800 MB as one array), made and offered 500 rows at a time.
        int d = 4096;
        int rows = 500;
        float[] query = new float[d];
        Arrays.fill(query, 0.5f);
        NearestNeighbours.Search search = new NearestNeighbours.Search(query, d, 3);
        float[] block = new float[rows * d];
        for (int first = 0; first < 50_000; first += rows) {
            for (int r = 0; r < rows; r++) {
                // Row i's distance to the query grows with |i - 31,337|.
                Arrays.fill(block, r * d, (r + 1) * d, 0.5f + Math.abs(first + r - 31_337) * 1e-3f);
            }
            search.offer(block);
        }
        Result result = search.result();
        assertArrayEquals(new int[] {31_337, 31_336, 31_338}, result.indices());
        assertEquals(0, result.distance(0, 0));
    }

    @Test
    void badInputIsRefusedWithTheProblemNamed() {
        float[] bank = new float[4 * 3];
        refuses("5 neighbours asked for, but the bank has only 4 rows",
                () -> NearestNeighbours.search(new float[3], bank, 3, 5));
        refuses("k must be at least 1, got 0", () -> NearestNeighbours.search(new float[3], bank, 3, 0));
        refuses("queries has 4 values, not a whole number of rows of 3 features",
                () -> NearestNeighbours.search(new float[4], bank, 3, 1));
        refuses("bank has 12 values, not a whole number of rows of 5 features",
                () -> NearestNeighbours.search(new float[5], bank, 5, 1));
        refuses("no queries", () -> NearestNeighbours.search(new float[0], bank, 3, 1));
        refuses("feature dimension must be at least 1", () -> NearestNeighbours.search(new float[3], bank, 0, 1));
        refuses("query 1 has feature 2 = NaN",
                () -> NearestNeighbours.search(new float[] {0, 0, 0, 0, 0, Float.NaN}, bank, 3, 1));
        NearestNeighbours.Search search = new NearestNeighbours.Search(new float[3], 3, 2);
        search.offer(new float[6]);
        refuses("bank row 3 has feature 0 = Infinity",
                () -> search.offer(new float[] {0, 0, 0, Float.POSITIVE_INFINITY, 0, 0}));
        refuses("rows 3 .. 4 of 3 features lie outside an array of 12 values", () -> search.offer(bank, 3, 2));
        NearestNeighbours.Search tooFew = new NearestNeighbours.Search(new float[3], 3, 3);
        tooFew.offer(new float[6]);
        refuses("3 neighbours asked for, but the bank has only 2 rows", tooFew::result);
    }
}
