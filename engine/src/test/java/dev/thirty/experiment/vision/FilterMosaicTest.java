package dev.thirty.experiment.vision;

import static dev.thirty.experiment.vision.Checks.assertPngHolds;
import static dev.thirty.experiment.vision.Checks.assertPixels;
import static dev.thirty.experiment.vision.Checks.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thirty.experiment.vision.FilterMosaic.Contrast;
import dev.thirty.experiment.vision.FilterMosaic.Layout;
import dev.thirty.testkit.Seeds;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterMosaicTest {

    /** Two grey 2 x 3 filters: a ramp -1 .. 1.5 in steps of 0.5, then a constant. */
    private static final float[] RAMP_AND_FLAT = {-1, -0.5f, 0, 0.5f, 1, 1.5f, 7, 7, 7, 7, 7, 7};

    @Test
    void aRampSpansBlackToWhiteAndAFlatFilterIsMidGrey() {
        BufferedImage image = FilterMosaic.render(RAMP_AND_FLAT, new int[] {2, 1, 2, 3},
                new Layout(2, 1, 2, 1, Contrast.PER_FILTER));
        // Two tiles of 6 x 4 pixels, 1 apart and from the border.
        assertPixels(image, 15, 6, """
                0 0 ffffff border
                1 1 000000 ramp start
                2 2 000000 ramp start, scaled up
                3 1 333333 ramp 0.2 of the way: 51
                1 3 999999 ramp 0.6 of the way: 153
                6 4 ffffff ramp end
                7 1 ffffff gap between tiles
                8 1 808080 flat filter
                13 4 808080 flat filter
                """);
    }

    @Test
    void threeInputChannelsAreRedGreenBlueStretchedTogether() {
        // One 1 x 2 filter: red 0 -> 1, green 1 -> 0, blue 0.5 throughout.
        float[] w = {0, 1, 1, 0, 0.5f, 0.5f};
        BufferedImage image = FilterMosaic.render(w, new int[] {1, 3, 1, 2}, new Layout(1, 1, 1, 0, Contrast.PER_FILTER));
        assertPixels(image, 2, 1, """
                0 0 00ff80 red 0, green 1, blue 0.5
                1 0 ff0080 red 1, green 0, blue 0.5
                """);
    }

    @Test
    void globalContrastKeepsAWeakFilterDimWherePerFilterStretchesIt() {
        // Filter 0 spans 0 .. 1, filter 1 only 0 .. 0.5.
        float[] w = {0, 1, 0, 0.5f};
        int[] shape = {2, 1, 1, 2};
        BufferedImage global = FilterMosaic.render(w, shape, new Layout(2, 1, 1, 0, Contrast.GLOBAL));
        BufferedImage own = FilterMosaic.render(w, shape, new Layout(2, 1, 1, 0, Contrast.PER_FILTER));
        assertPixels(global, 4, 1, """
                1 0 ffffff filter 0 at its maximum
                3 0 808080 filter 1 at 0.5 of the global 0 .. 1: round(127.5)
                """);
        assertPixels(own, 4, 1, "3 0 ffffff filter 1 at its own maximum");
    }

    @Test
    void moreThanThreeChannelsShowsTheFirstInGrey() {
        // Two channels of 1 x 2: channel 0 is 2 -> 4, channel 1 is huge and must not count.
        float[] w = {2, 4, -100, 100};
        BufferedImage image = FilterMosaic.render(w, new int[] {1, 2, 1, 2}, new Layout(1, 1, 1, 0, Contrast.PER_FILTER));
        assertPixels(image, 2, 1, """
                0 0 000000 channel 0 at 2
                1 0 ffffff channel 0 at 4
                """);
    }

    @Test
    void twoTowersAreLaidOutAsTwoBlocksOfRows() {
        // Four 1 x 1 filters in two blocks of two: block 1 starts a new row, 3 gaps below block 0.
        float[] w = {0, 0, 0, 0};
        BufferedImage image = FilterMosaic.render(w, new int[] {4, 1, 1, 1}, new Layout(4, 2, 2, 1, Contrast.GLOBAL));
        // Two columns, since a block holds only two filters; two rows of tiles, two more pixels between blocks.
        assertPixels(image, 2 * 3 + 1, 2 * (2 + 1) + 1 + 2, """
                1 1 808080 filter 0
                4 1 808080 filter 1
                1 3 ffffff gap below block 0
                1 5 ffffff between the blocks
                1 6 808080 filter 2, first of block 1
                4 7 808080 filter 3
                """);
    }

    @Test
    void alexNetFirstLayerMakesSixRowsOfSixteenInTwoBlocks() {
        float[] w = Seeds.normal(Seeds.generator(3), 96 * 3 * 11 * 11, 0, 0.01f);
        BufferedImage image = FilterMosaic.render(w, new int[] {96, 3, 11, 11}, Layout.twoTowers());
        int tile = 11 * 4;
        assertEquals(16 * (tile + 2) + 2, image.getWidth());
        assertEquals(6 * (tile + 2) + 2 + 4, image.getHeight());
    }

    @Test
    void writtenPngHoldsTheRenderedPixels(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("filters.png");
        int[] shape = {2, 1, 2, 3};
        Layout layout = Layout.grid(2);
        FilterMosaic.writePng(file, RAMP_AND_FLAT, shape, layout);
        assertPngHolds(FilterMosaic.render(RAMP_AND_FLAT, shape, layout), file);
    }

    @Test
    void badInputIsRefusedWithTheProblemNamed() {
        Layout grid = Layout.grid(4);
        refuses("four positive sizes, got [2, 1, 6]", () -> FilterMosaic.render(RAMP_AND_FLAT, new int[] {2, 1, 6}, grid));
        refuses("four positive sizes, got [2, 0, 2, 3]",
                () -> FilterMosaic.render(RAMP_AND_FLAT, new int[] {2, 0, 2, 3}, grid));
        refuses("need 18 values, got 12", () -> FilterMosaic.render(RAMP_AND_FLAT, new int[] {3, 1, 2, 3}, grid));
        refuses("weight 1 is NaN", () -> FilterMosaic.render(new float[] {0, Float.NaN}, new int[] {1, 1, 1, 2}, grid));
        refuses("3 filters cannot be split into 2 equal blocks",
                () -> FilterMosaic.render(new float[3], new int[] {3, 1, 1, 1}, new Layout(4, 2, 1, 1, Contrast.GLOBAL)));
        refuses("scale >= 1", () -> new Layout(4, 1, 0, 1, Contrast.GLOBAL));
        refuses("the filter mosaic would be",
                () -> FilterMosaic.render(new float[1], new int[] {1, 1, 1, 1}, new Layout(1, 1, 100_000, 0, Contrast.GLOBAL)));
    }
}
