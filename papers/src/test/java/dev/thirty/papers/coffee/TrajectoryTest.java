package dev.thirty.papers.coffee;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.io.compress.Codec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded small runs, checked against the paper's qualitative claims. Grid 40×40 with an 11×11
 * window and gzip: the full run length of the paper (4000·n² swaps, 100·n sweeps) takes well
 * under a second per model here.
 */
class TrajectoryTest {

    private static final CoffeeConfig SMALL = new CoffeeConfig(40, 11, 4000, 100, 40, SnapshotTimes.Spacing.LOG,
            Codec.GZIP, Codec.GZIP, 3);

    @Test
    void snapshotTimesStartAtZeroRiseAndEndAtTheRunLength() {
        for (SnapshotTimes.Spacing s : SnapshotTimes.Spacing.values()) {
            long[] t = SnapshotTimes.of(1_000_000, 30, s);
            assertEquals(0, t[0]);
            assertEquals(1_000_000, t[t.length - 1]);
            for (int i = 1; i < t.length; i++) {
                assertTrue(t[i] > t[i - 1], s + " at " + i);
            }
        }
        assertEquals(100, SnapshotTimes.of(1_000_000, 30, SnapshotTimes.Spacing.LOG)[1]);
    }

    @Test
    void identicalSeedsGiveIdenticalReadings() {
        Trajectory a = Trajectory.record(Model.INTERACTING, SMALL, new SplittableRandom(9), Trajectory.Listener.NONE);
        Trajectory b = Trajectory.record(Model.INTERACTING, SMALL, new SplittableRandom(9), Trajectory.Listener.NONE);
        for (Trajectory.Quantity q : Trajectory.Quantity.values()) {
            assertArrayEquals(a.curve(q), b.curve(q), q.label());
        }
    }

    /**
     * Entropy (compressed size of the fine state) rises from a few dozen bytes to about the
     * information content of the mixed state, and never falls back by more than 6% of its final
     * value: at equilibrium gzip's output for a fresh random state varies by about ±2%, and over
     * four seeds the largest drop we saw was 3.7%.
     */
    @Test
    void entropyRisesMonotonicallyUpToNoise() {
        for (Model m : Model.values()) {
            for (long seed = 1; seed <= 2; seed++) {
                int[] e = Trajectory.record(m, SMALL, new SplittableRandom(seed), Trajectory.Listener.NONE)
                        .curve(Trajectory.Quantity.ENTROPY);
                assertTrue(e[e.length - 1] > 4 * e[0], m + " seed " + seed + ": " + e[0] + " -> " + e[e.length - 1]);
                double drop = Curves.largestDrop(e);
                assertTrue(drop < 0.06, m + " seed " + seed + ": entropy fell " + drop + " of its final value");
            }
        }
    }

    /**
     * §5, Figure 3: the interacting model's coarse-grained (3-bucket) complexity starts low, peaks
     * in between and falls back. Over four seeds the peak stood 3.7-4.2 times above the larger
     * end; 2.5 leaves room for seed noise while a flat or monotone curve (ratio 1) fails.
     */
    @Test
    void interactingComplexityRisesAndFalls() {
        for (long seed = 1; seed <= 2; seed++) {
            Trajectory t = Trajectory.record(Model.INTERACTING, SMALL, new SplittableRandom(seed),
                    Trajectory.Listener.NONE);
            int[] c = t.curve(Trajectory.Quantity.COMPLEXITY);
            int peak = Curves.peakIndex(c);
            assertTrue(peak > 0 && peak < c.length - 1, "seed " + seed + ": peak at the end, index " + peak);
            assertTrue(Curves.peakOverEnds(c) > 2.5, "seed " + seed + ": peak/ends " + Curves.peakOverEnds(c));
        }
    }

    @Test
    void listenerCanStopARunEarly() {
        Trajectory t = Trajectory.record(Model.NON_INTERACTING, SMALL, new SplittableRandom(1),
                (i, time, r) -> i < 4);
        assertEquals(5, t.times().length);
        assertTrue(!t.complete(SMALL));
    }
}
