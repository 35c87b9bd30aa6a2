package dev.thirty.papers.coffee;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AutomatonTest {

    @Test
    void startsWithCreamInTheTopHalf() {
        for (Model m : Model.values()) {
            Automaton a = m.create(6, new SplittableRandom(1));
            byte[] s = new byte[36];
            a.fineGrained(s);
            for (int i = 0; i < 36; i++) {
                assertEquals(i < 18 ? 1 : 0, s[i], m + " cell " + i);
            }
        }
    }

    @Test
    void creamIsConservedByBothModels() {
        for (Model m : Model.values()) {
            Automaton a = m.create(15, new SplittableRandom(7));
            long start = a.cream();
            assertEquals(15 * 7, start);
            for (int k = 0; k < 50; k++) {
                a.advance(997);
                assertEquals(start, a.cream(), m + " after " + a.time() + " moves");
            }
        }
    }

    /** One move changes nothing, or exchanges the contents of two different 4-neighbours. */
    @Test
    void interactingModelOnlySwapsDifferentNeighbours() {
        int n = 5;
        Automaton a = new InteractingAutomaton(n, new SplittableRandom(3));
        byte[] before = new byte[n * n];
        byte[] after = new byte[n * n];
        int swaps = 0;
        for (int step = 0; step < 20_000; step++) {
            a.fineGrained(before);
            a.advance(1);
            a.fineGrained(after);
            int[] changed = changedCells(before, after);
            if (changed.length == 0) {
                continue;
            }
            assertEquals(2, changed.length, "step " + step + " changed " + Arrays.toString(changed));
            int i = changed[0];
            int j = changed[1];
            assertTrue(neighbours(i, j, n), "step " + step + ": cells " + i + " and " + j + " are not adjacent");
            assertTrue(before[i] != before[j] && after[i] == before[j] && after[j] == before[i], "step " + step);
            swaps++;
        }
        // A random pair differs and lies inside often enough that swaps must happen.
        assertTrue(swaps > 1000, "only " + swaps + " swaps");
    }

    /** One move leaves counts alone, or moves one particle to a 4-neighbour inside the grid. */
    @Test
    void nonInteractingModelMovesOneParticleOneStep() {
        int n = 5;
        Automaton a = new NonInteractingAutomaton(n, new SplittableRandom(4));
        byte[] before = new byte[n * n];
        byte[] after = new byte[n * n];
        int moves = 0;
        for (int step = 0; step < 20_000; step++) {
            a.fineGrained(before);
            a.advance(1);
            a.fineGrained(after);
            int[] changed = changedCells(before, after);
            if (changed.length == 0) {
                continue;
            }
            assertEquals(2, changed.length, "step " + step);
            int from = after[changed[0]] < before[changed[0]] ? changed[0] : changed[1];
            int to = from == changed[0] ? changed[1] : changed[0];
            assertEquals(before[from] - 1, after[from], "step " + step);
            assertEquals(before[to] + 1, after[to], "step " + step);
            assertTrue(neighbours(from, to, n), "step " + step);
            moves++;
        }
        assertTrue(moves > 10_000, "only " + moves + " moves");
    }

    @Test
    void identicalSeedsGiveIdenticalRunsAndOtherSeedsDiffer() {
        for (Model m : Model.values()) {
            byte[][] s = new byte[3][400];
            long[] seeds = {11, 11, 12};
            for (int k = 0; k < 3; k++) {
                Automaton a = m.create(20, new SplittableRandom(seeds[k]));
                a.advance(200_000);
                a.fineGrained(s[k]);
            }
            assertArrayEquals(s[0], s[1], m.toString());
            assertFalse(Arrays.equals(s[0], s[2]), m.toString());
        }
    }

    /**
     * The two-multiply digit split must equal ⌊u·4n²/2³²⌋ written in mixed radix (row, column,
     * direction): that is what makes the move uniform to within one part in ⌊2³²/4n²⌋.
     */
    @Test
    void moveDigitsAreTheMixedRadixDigitsOfOneMultiplyShift() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int n : new int[] {2, 3, 7, 100, 101, InteractingAutomaton.MAX_SIZE}) {
            int stride = n + 2;
            for (int k = 0; k < 20_000; k++) {
                long u = k == 0 ? 0 : k == 1 ? 0xFFFF_FFFFL : rng.nextLong() >>> 32;
                int m = InteractingAutomaton.paddedMove(u, n, stride);
                long row = (m >>> 2) / stride;
                long column = (m >>> 2) % stride;
                long expected = (u * 4L * n * n) >>> 32;
                assertTrue(row < n && column < n, "n=" + n + " u=" + u);
                assertEquals(expected, 4 * (row * n + column) + (m & 3), "n=" + n + " u=" + u);
            }
        }
    }

    /** Chunking a run into calls with odd move counts must not change it. */
    @Test
    void interactingRunDoesNotDependOnHowMovesAreSplitIntoCalls() {
        byte[] whole = new byte[144];
        byte[] pieces = new byte[144];
        Automaton a = new InteractingAutomaton(12, new SplittableRandom(9));
        a.advance(30_001);
        a.fineGrained(whole);
        Automaton b = new InteractingAutomaton(12, new SplittableRandom(9));
        for (long left = 30_001, piece = 1; left > 0; piece = piece % 7 + 2) {
            long now = Math.min(left, piece);
            b.advance(now);
            left -= now;
        }
        b.fineGrained(pieces);
        assertArrayEquals(whole, pieces);
        assertEquals(30_001, b.time());
    }

    private static int[] changedCells(byte[] a, byte[] b) {
        return java.util.stream.IntStream.range(0, a.length).filter(i -> a[i] != b[i]).toArray();
    }

    private static boolean neighbours(int i, int j, int n) {
        int dr = Math.abs(i / n - j / n);
        int dc = Math.abs(i % n - j % n);
        return dr + dc == 1;
    }
}
