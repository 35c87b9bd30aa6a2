package dev.thirty.papers.coffee;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.io.compress.Codec;

import org.junit.jupiter.api.Test;

class CoarseGrainingTest {

    /** A 1×1 window leaves each cell alone: 0 goes to bucket 0 and 1 to the top bucket. */
    @Test
    void unitWindowThresholdsEachCell() {
        byte[] fine = {0, 1, 1, 0};
        byte[] out = new byte[4];
        new CoarseGraining(2, 1).threshold(fine, 3, out);
        assertArrayEquals(new byte[] {0, 2, 2, 0}, out);
    }

    /**
     * One row of 3×3 windows over a hand-made 3×9 grid whose middle column sums are chosen to put
     * the window means exactly on and beside the thresholds 1/3 and 2/3: sums 2, 3, 5, 6, 9 of 9
     * cells give means 2/9 < 1/3, 1/3, 5/9 < 2/3, 2/3, 1 and buckets 0, 1, 1, 2, 2.
     */
    @Test
    void threeBucketsSplitAtOneThirdAndTwoThirds() {
        int n = 9;
        byte[] fine = new byte[n * n];
        // Column pairs so that each chosen centre's 3×3 window (rows 3..5) has the wanted sum.
        setWindow(fine, n, 4, 1, 2);
        setWindow(fine, n, 4, 4, 3);
        setWindow(fine, n, 4, 7, 5);
        byte[] out = new byte[n * n];
        new CoarseGraining(n, 3).threshold(fine, 3, out);
        assertEquals(0, out[4 * n + 1]);
        assertEquals(1, out[4 * n + 4]);
        assertEquals(1, out[4 * n + 7]);
        byte[] full = new byte[n * n];
        setWindow(full, n, 4, 1, 6);
        setWindow(full, n, 4, 4, 9);
        new CoarseGraining(n, 3).threshold(full, 3, out);
        assertEquals(2, out[4 * n + 1]);
        assertEquals(2, out[4 * n + 4]);
    }

    /** Means above 1 (several particles per cell) go to the top bucket. */
    @Test
    void crowdedCellsGoToTheTopBucket() {
        byte[] fine = {5, 5, 5, 5};
        byte[] out = new byte[4];
        new CoarseGraining(2, 1).threshold(fine, 7, out);
        assertArrayEquals(new byte[] {6, 6, 6, 6}, out);
    }

    /**
     * Edge windows move inward instead of being clipped: in a 4×4 grid with cream at (0,0), (0,1)
     * and (1,0), the corner's window is the 3×3 square of cell (1,1), mean 3/9 = 1/3, bucket 1; a
     * clipped 2×2 window would give 3/4, bucket 2. The far corner's window holds no cream.
     */
    @Test
    void edgeWindowsMoveInsideTheGrid() {
        byte[] fine = new byte[16];
        fine[0] = 1;
        fine[1] = 1;
        fine[4] = 1;
        byte[] out = new byte[16];
        new CoarseGraining(4, 3).threshold(fine, 3, out);
        assertEquals(1, out[0]);
        assertEquals(out[0], out[1 * 4 + 1]);
        assertEquals(out[1], out[1 * 4 + 1]);
        assertEquals(0, out[15]);
        assertThrows(IllegalArgumentException.class, () -> new CoarseGraining(4, 5));
    }

    /**
     * The adjusted coarse-graining is not blind: structure wider than its window survives it. A
     * 60×60 cup, cream in the left half, keeps both the cream and the coffee bucket in every row
     * and compresses to more than the same grid all coffee.
     */
    @Test
    void adjustedCoarseGrainingKeepsStructureWiderThanItsWindow() {
        int n = 60;
        int window = CoarseGraining.adjustedWindow(n, CoarseGraining.defaultWindow(n));
        byte[] fine = new byte[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n / 2; c++) {
                fine[r * n + c] = 1;
            }
        }
        byte[] out = new byte[n * n];
        CoarseGraining coarse = new CoarseGraining(n, window);
        coarse.apply(fine, CoarseGraining.Kind.ADJUSTED, out);
        for (int r = 0; r < n; r++) {
            assertEquals(6, out[r * n], "row " + r);
            assertEquals(0, out[r * n + n - 1], "row " + r);
        }
        byte[] flat = new byte[n * n];
        coarse.apply(new byte[n * n], CoarseGraining.Kind.ADJUSTED, flat);
        assertTrue(Codec.GZIP.compressedSize(out) > Codec.GZIP.compressedSize(flat));
    }

    /** Rows 4 and 5 tie for the majority, which goes to the lower bucket. */
    @Test
    void rowMajorityAbsorbsOneBucketFlipsAndKeepsLargerOnes() {
        int n = 6;
        byte[] b = {
            3, 3, 4, 3, 2, 3,
            0, 6, 0, 0, 1, 6,
            5, 5, 6, 5, 1, 1,
            2, 2, 2, 2, 2, 2,
            1, 1, 1, 3, 3, 3,
            6, 4, 4, 5, 5, 0,
        };
        new CoarseGraining(n, 1).adjustRows(b);
        byte[] expected = {
            3, 3, 3, 3, 3, 3,
            0, 6, 0, 0, 0, 6,
            5, 5, 5, 5, 1, 1,
            2, 2, 2, 2, 2, 2,
            1, 1, 1, 3, 3, 3,
            6, 4, 4, 4, 4, 0,
        };
        assertArrayEquals(expected, b);
    }

    @Test
    void adjustedKindUsesSevenBucketsThenRows() {
        byte[] fine = {0, 1, 0, 0};
        byte[] out = new byte[4];
        new CoarseGraining(2, 1).apply(fine, CoarseGraining.Kind.ADJUSTED, out);
        assertArrayEquals(new byte[] {0, 6, 0, 0}, out);
        new CoarseGraining(2, 1).apply(new byte[] {1, 1, 0, 1}, CoarseGraining.Kind.THREE_BUCKETS, out);
        assertArrayEquals(new byte[] {2, 2, 0, 2}, out);
    }

    @Test
    void defaultWindowIsOddAndNearRootN() {
        assertEquals(5, CoarseGraining.defaultWindow(20));
        assertEquals(7, CoarseGraining.defaultWindow(50));
        assertEquals(11, CoarseGraining.defaultWindow(100));
        assertThrows(IllegalArgumentException.class, () -> new CoarseGraining(10, 4));
    }

    /** 7/3 of the 3-bucket window, odd, and never wider than the grid. */
    @Test
    void adjustedWindowIsSevenThirdsOfTheWindowAndFitsTheGrid() {
        assertEquals(27, CoarseGraining.adjustedWindow(100, 11));
        assertEquals(17, CoarseGraining.adjustedWindow(50, 7));
        assertEquals(7, CoarseGraining.adjustedWindow(3 * 3, 3));
        assertEquals(5, CoarseGraining.adjustedWindow(6, 5));
    }

    /** Fills the 3×3 window centred at (r, c) with {@code sum} ones, row by row. */
    private static void setWindow(byte[] fine, int n, int r, int c, int sum) {
        int placed = 0;
        for (int dr = -1; dr <= 1; dr++) {
            for (int dc = -1; dc <= 1; dc++) {
                fine[(r + dr) * n + c + dc] = (byte) (placed++ < sum ? 1 : 0);
            }
        }
    }
}
