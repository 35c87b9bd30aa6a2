package dev.thirty.experiment.vision;

import static dev.thirty.experiment.vision.Checks.assertPngHolds;
import static dev.thirty.experiment.vision.Checks.assertPixels;
import static dev.thirty.experiment.vision.Checks.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thirty.experiment.vision.ImageArray.PixelRange;
import dev.thirty.experiment.vision.NearestNeighbours.Result;
import dev.thirty.experiment.vision.NeighbourGrid.Layout;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeighbourGridTest {

    /** {@code count} grey 2 x 2 images on {@code [0, 1]}, image {@code n} filled with {@code n / 4}. */
    private static ImageArray greys(int count) {
        float[] pixels = new float[count * 4];
        for (int n = 0; n < count; n++) {
            Arrays.fill(pixels, n * 4, n * 4 + 4, n / 4f);
        }
        return new ImageArray(pixels, count, 1, 2, 2, PixelRange.UNIT);
    }

    private static final Result TWO_BY_TWO = new Result(2, 2, new int[] {3, 1, 0, 4}, new double[4]);

    @Test
    void eachRowIsTheQueryThenItsNeighboursNearestFirst() {
        float[] query = {0, 1, 0.5f, 1, 1, 0, 0, 0};
        ImageArray queries = new ImageArray(query, 2, 1, 2, 2, PixelRange.UNIT);
        BufferedImage image = NeighbourGrid.render(queries, greys(5), TWO_BY_TWO, new Layout(2, 1, 3));
        // Images of 4 x 4 pixels: border 1, query, 3 apart, two neighbours 1 apart, border 1.
        assertPixels(image, 1 + 4 + 3 + 2 * (4 + 1), 2 * (4 + 1) + 1, """
                1 1 000000 query 0, pixel (0, 0)
                3 1 ffffff query 0, pixel (0, 1)
                1 3 808080 query 0, pixel (1, 0): 0.5 of 255, rounded
                5 1 ffffff gap before the neighbours
                8 1 bfbfbf bank image 3, nearest to query 0: 0.75
                13 4 404040 bank image 1, next nearest to query 0: 0.25
                8 6 000000 bank image 0, nearest to query 1
                16 9 ffffff bank image 4, next nearest to query 1: 1.0
                """);
    }

    @Test
    void byteRangeColourImagesKeepTheirValues() {
        // One 1 x 1 RGB image (10, 128, 255), its own neighbour.
        ImageArray one = new ImageArray(new float[] {10, 128, 255}, 1, 3, 1, 1, PixelRange.BYTE);
        Result self = new Result(1, 1, new int[] {0}, new double[1]);
        BufferedImage image = NeighbourGrid.render(one, one, self, new Layout(1, 0, 0));
        assertPixels(image, 2, 1, """
                0 0 0a80ff the query
                1 0 0a80ff its neighbour
                """);
    }

    @Test
    void writtenPngHoldsTheRenderedPixels(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("neighbours.png");
        NeighbourGrid.writePng(file, greys(2), greys(5), TWO_BY_TWO, Layout.of(3));
        assertPngHolds(NeighbourGrid.render(greys(2), greys(5), TWO_BY_TWO, Layout.of(3)), file);
    }

    @Test
    void badInputIsRefusedWithTheProblemNamed() {
        Layout layout = Layout.of(1);
        refuses("the neighbour result has 2 queries, but 3 query images were given",
                () -> NeighbourGrid.render(greys(3), greys(5), TWO_BY_TWO, layout));
        refuses("neighbour 1 of query 1 is bank image 4, outside the 4 bank images",
                () -> NeighbourGrid.render(greys(2), greys(4), TWO_BY_TWO, layout));
        ImageArray colour = new ImageArray(new float[5 * 3 * 4], 5, 3, 2, 2, PixelRange.UNIT);
        refuses("query images are 1 x 2 x 2 but bank images are 3 x 2 x 2",
                () -> NeighbourGrid.render(greys(2), colour, TWO_BY_TWO, layout));
        float[] normalised = {0, 0, -0.3f, 0};
        ImageArray centred = new ImageArray(normalised, 1, 1, 2, 2, PixelRange.UNIT);
        refuses("image 0 has value -0.3 at pixel (1, 0), outside its stated range [0, 1]",
                () -> NeighbourGrid.render(centred, centred, new Result(1, 1, new int[1], new double[1]), layout));
        refuses("1 (grey) or 3 (RGB) channels, got 2", () -> new ImageArray(new float[8], 1, 2, 2, 2, PixelRange.UNIT));
        refuses("2 images of 1 x 2 x 2 need 8 values, got 7",
                () -> new ImageArray(new float[7], 2, 1, 2, 2, PixelRange.BYTE));
        refuses("a stated pixel range", () -> new ImageArray(new float[4], 1, 1, 2, 2, null));
        refuses("scale >= 1", () -> new Layout(0, 1, 1));
    }
}
