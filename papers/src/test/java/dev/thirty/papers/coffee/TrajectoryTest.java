package dev.thirty.papers.coffee;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.io.compress.Codec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded small runs, checked against the paper's qualitative claims. Grid 40×40 with the default
 * windows (7×7 for 3 buckets, 17×17 adjusted), gzip, and the default run lengths (n² and 2n²
 * sweeps, about five diffusion times): well under a second per model.
 */
class TrajectoryTest {

    private static final CoffeeConfig SMALL = new CoffeeConfig(40, 0, 0, 1, 2, 40, SnapshotTimes.Spacing.LOG,
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
     * six seeds per model the largest drop we saw was 4.4%.
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
     * The default run reaches equilibrium: from half its length (2.5 diffusion times, the snapshot
     * three log steps before the end) to its end the entropy changes by less than 5% of its final
     * value; over six seeds per model the largest change was 2.8%. An interacting run stopped at a
     * tenth of the default, still mixing, gains 14-21% over its second half. (The non-interacting
     * entropy levels off sooner, 4-5% at a tenth: the local randomness of the counts comes before
     * the mixing across the cup.)
     */
    @Test
    void runsEndWithTheEntropyLevelledOff() {
        for (Model m : Model.values()) {
            for (long seed = 1; seed <= 2; seed++) {
                Trajectory t = Trajectory.record(m, SMALL, new SplittableRandom(seed), Trajectory.Listener.NONE);
                int[] e = t.curve(Trajectory.Quantity.ENTROPY);
                int half = e.length - 4;
                double ratio = (double) t.times()[e.length - 1] / t.times()[half];
                assertTrue(ratio > 1.9 && ratio < 2.2, "snapshot " + half + " is not at half the run: " + ratio);
                int change = Math.abs(e[e.length - 1] - e[half]);
                assertTrue(change < 0.05 * e[e.length - 1], m + " seed " + seed + ": entropy changed by " + change
                        + " bytes over the second half, final " + e[e.length - 1]);
            }
        }
    }

    /**
     * §5, Figure 3: the interacting model's coarse-grained (3-bucket) complexity starts low, peaks
     * in between and falls back. Over six seeds the peak stood 1.8-3.3 times above the larger end
     * (the end keeps some noise: a 7×7 window mean of random bits crosses 1/3 or 2/3 now and
     * then); 1.5 leaves room for seed noise while a flat or monotone curve (ratio 1) fails.
     */
    @Test
    void interactingComplexityRisesAndFalls() {
        for (long seed = 1; seed <= 2; seed++) {
            Trajectory t = Trajectory.record(Model.INTERACTING, SMALL, new SplittableRandom(seed),
                    Trajectory.Listener.NONE);
            int[] c = t.curve(Trajectory.Quantity.COMPLEXITY);
            int peak = Curves.peakIndex(c);
            assertTrue(peak > 0 && peak < c.length - 1, "seed " + seed + ": peak at the end, index " + peak);
            assertTrue(Curves.peakOverEnds(c) > 1.5, "seed " + seed + ": peak/ends " + Curves.peakOverEnds(c));
        }
    }

    /**
     * §6: the adjusted coarse-graining removes the bump the 3-bucket one shows in the
     * non-interacting model. In the same runs the 3-bucket complexity climbs to about five times
     * its start (180-190 bytes from 37 over six seeds), while the adjusted one never exceeds its
     * start by more than 13%; the bound of 25% leaves room for seeds and still fails any curve with
     * a bump of the 3-bucket kind. The interacting model's adjusted complexity is held to the same
     * bound: in our runs it is as flat (see the package documentation on why the paper's small
     * bump there does not survive).
     */
    @Test
    void adjustedComplexityStaysNearFlat() {
        for (Model m : Model.values()) {
            for (long seed = 1; seed <= 2; seed++) {
                Trajectory t = Trajectory.record(m, SMALL, new SplittableRandom(seed), Trajectory.Listener.NONE);
                int[] a = t.curve(Trajectory.Quantity.ADJUSTED_COMPLEXITY);
                double rise = (double) a[Curves.peakIndex(a)] / a[0];
                assertTrue(rise < 1.25, m + " seed " + seed + ": adjusted complexity rose " + rise + "x");
                if (m == Model.NON_INTERACTING) {
                    int[] c = t.curve(Trajectory.Quantity.COMPLEXITY);
                    double bump = (double) c[Curves.peakIndex(c)] / c[0];
                    assertTrue(bump > 2.5, "seed " + seed + ": 3-bucket complexity rose only " + bump + "x");
                }
            }
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
