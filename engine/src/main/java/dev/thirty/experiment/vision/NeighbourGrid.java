package dev.thirty.experiment.vision;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Figure 4 (right) of Krizhevsky, Sutskever and Hinton (2012) as a picture: one row per query, the
 * query image first, then, after a wider gap, the bank images of its {@code k} nearest neighbours,
 * nearest first (from {@link NearestNeighbours}).
 *
 * <p>Geometry: each image pixel is a {@code scale x scale} square; images are {@code gap} pixels
 * apart and from the border, and {@code queryGap} pixels separate the query column from its
 * neighbours. The background is white. Query and bank images must share channels and size.
 */
public final class NeighbourGrid {

    /**
     * @param scale    pixels per image pixel, along each side
     * @param gap      pixels between images and around the border
     * @param queryGap pixels between the query and its first neighbour
     */
    public record Layout(int scale, int gap, int queryGap) {

        public Layout {
            if (scale < 1 || gap < 0 || queryGap < 0) {
                throw new IllegalArgumentException("a neighbour grid needs scale >= 1, gap >= 0 and queryGap >= 0,"
                        + " got scale " + scale + ", gap " + gap + ", queryGap " + queryGap);
            }
        }

        /** Each image pixel {@code scale} wide, images 2 pixels apart, the query column 8 apart. */
        public static Layout of(int scale) {
            return new Layout(scale, 2, 8);
        }
    }

    private NeighbourGrid() {
    }

    /**
     * Draws the grid.
     *
     * @param queries    the query images, in the order of the neighbour result's queries
     * @param bank       the images the neighbour indices refer to
     * @param neighbours from {@link NearestNeighbours}
     * @throws IllegalArgumentException when the result's query count differs from the images', a
     *                                  neighbour index lies outside the bank, the two sets of
     *                                  images differ in channels or size, or a drawn value lies
     *                                  outside its stated range
     */
    public static BufferedImage render(ImageArray queries, ImageArray bank, NearestNeighbours.Result neighbours,
            Layout layout) {
        check(queries, bank, neighbours);
        int imageW = queries.width() * layout.scale();
        int imageH = queries.height() * layout.scale();
        int gap = layout.gap();
        int k = neighbours.k();
        long width = gap + imageW + layout.queryGap() + (long) k * (imageW + gap);
        long height = (long) queries.count() * (imageH + gap) + gap;
        Canvas canvas = Canvas.blank("the neighbour grid", width, height);
        for (int query = 0; query < queries.count(); query++) {
            int y = gap + query * (imageH + gap);
            draw(canvas, queries, query, gap, y, layout.scale());
            for (int rank = 0; rank < k; rank++) {
                int x = gap + imageW + layout.queryGap() + rank * (imageW + gap);
                draw(canvas, bank, neighbours.index(query, rank), x, y, layout.scale());
            }
        }
        return canvas.image();
    }

    /** {@link #render} written to {@code file} as PNG, atomically. */
    public static void writePng(Path file, ImageArray queries, ImageArray bank, NearestNeighbours.Result neighbours,
            Layout layout) throws IOException {
        Canvas.writePng(file, render(queries, bank, neighbours, layout));
    }

    private static void check(ImageArray queries, ImageArray bank, NearestNeighbours.Result neighbours) {
        if (neighbours.queries() != queries.count()) {
            throw new IllegalArgumentException("the neighbour result has " + neighbours.queries() + " queries, but "
                    + queries.count() + " query images were given");
        }
        if (queries.channels() != bank.channels() || queries.height() != bank.height()
                || queries.width() != bank.width()) {
            throw new IllegalArgumentException("query images are " + queries.channels() + " x " + queries.height()
                    + " x " + queries.width() + " but bank images are " + bank.channels() + " x " + bank.height()
                    + " x " + bank.width());
        }
        int[] indices = neighbours.indices();
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= bank.count()) {
                throw new IllegalArgumentException("neighbour " + (i % neighbours.k()) + " of query "
                        + (i / neighbours.k()) + " is bank image " + indices[i] + ", outside the " + bank.count()
                        + " bank images");
            }
        }
    }

    private static void draw(Canvas canvas, ImageArray images, int n, int x0, int y0, int scale) {
        for (int y = 0; y < images.height(); y++) {
            for (int x = 0; x < images.width(); x++) {
                canvas.square(x0 + x * scale, y0 + y * scale, scale, images.rgb(n, y, x));
            }
        }
    }
}
