package dev.thirty.experiment.vision;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The learned filters of a first convolutional layer as one picture, as in Figure 3 of Krizhevsky,
 * Sutskever and Hinton (2012), "ImageNet Classification with Deep Convolutional Neural Networks":
 * each filter a small tile, the tiles in a grid, optionally in blocks (the paper's top 48 filters
 * were learned on one GPU, the bottom 48 on the other).
 *
 * <p>Weights are in PyTorch's layout {@code (out, in, kh, kw)}, row-major. A filter with three
 * input channels is shown in colour (channel 0 red, 1 green, 2 blue), one with a single channel
 * in grey; otherwise only its channel 0 is shown, in grey. The values shown are mapped linearly
 * onto {@code 0..255}, {@code round(255 (v - min) / (max - min))}, with {@code min} and {@code max}
 * over each filter ({@link Contrast#PER_FILTER}, all three channels together so colours keep their
 * balance) or over all filters ({@link Contrast#GLOBAL}, so strong and weak filters can be told
 * apart); where {@code max == min} every tone is 128.
 *
 * <p>Geometry: each weight is a {@code scale x scale} square; a tile is {@code kw * scale} wide and
 * {@code kh * scale} high; tiles are {@code gap} pixels apart and from the border; filters fill
 * rows of {@code columns} (fewer when a block has fewer filters) in order, each block starting a
 * new row; blocks are {@code 3 * gap} apart.
 * The background is white.
 */
public final class FilterMosaic {

    /** Over which values the tones are stretched to {@code 0..255}. */
    public enum Contrast {
        /** Each filter's own minimum and maximum. */
        PER_FILTER,
        /** The minimum and maximum over all filters. */
        GLOBAL
    }

    /**
     * How the tiles are laid out.
     *
     * @param columns  tiles per row
     * @param blocks   equal, consecutive groups of filters, each starting a new row (1: one grid)
     * @param scale    pixels per weight, along each side
     * @param gap      pixels between tiles and around the border
     * @param contrast per filter or global
     */
    public record Layout(int columns, int blocks, int scale, int gap, Contrast contrast) {

        public Layout {
            if (columns < 1 || blocks < 1 || scale < 1 || gap < 0 || contrast == null) {
                throw new IllegalArgumentException("a filter mosaic needs columns >= 1, blocks >= 1, scale >= 1,"
                        + " gap >= 0 and a contrast, got columns " + columns + ", blocks " + blocks + ", scale "
                        + scale + ", gap " + gap + ", contrast " + contrast);
            }
        }

        /** One grid of {@code columns} tiles a row, each weight 4 pixels, 2 apart, per-filter contrast. */
        public static Layout grid(int columns) {
            return new Layout(columns, 1, 4, 2, Contrast.PER_FILTER);
        }

        /** Figure 3's arrangement: two blocks (one per GPU tower), 16 tiles a row, per-filter contrast. */
        public static Layout twoTowers() {
            return new Layout(16, 2, 4, 2, Contrast.PER_FILTER);
        }
    }

    private static final int FLAT_TONE = 128;

    private FilterMosaic() {
    }

    /**
     * Draws the filters.
     *
     * @param weights {@code out * in * kh * kw} values, PyTorch layout
     * @param shape   {@code {out, in, kh, kw}}
     * @throws IllegalArgumentException for a shape that is not four positive sizes, one that does
     *                                  not match the weights' length, a weight that is not finite,
     *                                  or {@code out} not divisible into the layout's blocks
     */
    public static BufferedImage render(float[] weights, int[] shape, Layout layout) {
        Filters filters = Filters.of(weights, shape);
        if (filters.out % layout.blocks() != 0) {
            throw new IllegalArgumentException(filters.out + " filters cannot be split into " + layout.blocks()
                    + " equal blocks");
        }
        int[] tones = tones(filters, layout.contrast());
        int perBlock = filters.out / layout.blocks();
        int rowsPerBlock = (perBlock + layout.columns() - 1) / layout.columns();
        int columns = Math.min(layout.columns(), perBlock);
        int tileW = filters.kw * layout.scale();
        int tileH = filters.kh * layout.scale();
        int gap = layout.gap();
        int blockGap = 3 * gap;
        long width = (long) columns * (tileW + gap) + gap;
        long height = (long) layout.blocks() * rowsPerBlock * (tileH + gap) + gap
                + (long) (layout.blocks() - 1) * (blockGap - gap);
        Canvas canvas = Canvas.blank("the filter mosaic", width, height);
        for (int f = 0; f < filters.out; f++) {
            int block = f / perBlock;
            int inBlock = f % perBlock;
            int x = gap + (inBlock % columns) * (tileW + gap);
            int y = gap + (block * rowsPerBlock + inBlock / columns) * (tileH + gap) + block * (blockGap - gap);
            drawTile(canvas, filters, tones, f, x, y, layout.scale());
        }
        return canvas.image();
    }

    /** {@link #render} written to {@code file} as PNG, atomically. */
    public static void writePng(Path file, float[] weights, int[] shape, Layout layout) throws IOException {
        Canvas.writePng(file, render(weights, shape, layout));
    }

    /** The shape of the weights and which of their channels are shown. */
    private record Filters(float[] weights, int out, int in, int kh, int kw, int shown) {

        static Filters of(float[] weights, int[] shape) {
            if (shape == null || shape.length != 4 || Arrays.stream(shape).anyMatch(s -> s < 1)) {
                throw new IllegalArgumentException("first-layer weights need a shape (out, in, kh, kw) of four"
                        + " positive sizes, got " + Arrays.toString(shape));
            }
            long size = (long) shape[0] * shape[1] * shape[2] * shape[3];
            if (weights.length != size) {
                throw new IllegalArgumentException("weights of shape " + Arrays.toString(shape) + " need " + size
                        + " values, got " + weights.length);
            }
            for (int i = 0; i < weights.length; i++) {
                if (!Float.isFinite(weights[i])) {
                    throw new IllegalArgumentException("weight " + i + " is " + weights[i] + "; filters must be finite");
                }
            }
            return new Filters(weights, shape[0], shape[1], shape[2], shape[3], shape[1] == 3 ? 3 : 1);
        }

        /** Index of weight {@code (f, c, y, x)}. */
        int at(int f, int c, int y, int x) {
            return ((f * in + c) * kh + y) * kw + x;
        }
    }

    /** Tones {@code 0..255} of the shown channels, {@code (out, shown, kh, kw)}. */
    private static int[] tones(Filters filters, Contrast contrast) {
        int plane = filters.kh * filters.kw;
        int perFilter = filters.shown * plane;
        double[] range = contrast == Contrast.GLOBAL ? range(filters, 0, filters.out) : null;
        int[] tones = new int[filters.out * perFilter];
        for (int f = 0; f < filters.out; f++) {
            double[] r = range != null ? range : range(filters, f, f + 1);
            for (int c = 0; c < filters.shown; c++) {
                for (int p = 0; p < plane; p++) {
                    float v = filters.weights[filters.at(f, c, 0, 0) + p];
                    tones[f * perFilter + c * plane + p] = tone(v, r[0], r[1]);
                }
            }
        }
        return tones;
    }

    /** {@code {min, max}} of the shown channels of filters {@code [from, to)}. */
    private static double[] range(Filters filters, int from, int to) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int plane = filters.kh * filters.kw;
        for (int f = from; f < to; f++) {
            int start = filters.at(f, 0, 0, 0);
            for (int i = start; i < start + filters.shown * plane; i++) {
                min = Math.min(min, filters.weights[i]);
                max = Math.max(max, filters.weights[i]);
            }
        }
        return new double[] {min, max};
    }

    private static int tone(float v, double min, double max) {
        return max == min ? FLAT_TONE : (int) Math.round(255 * ((v - min) / (max - min)));
    }

    private static void drawTile(Canvas canvas, Filters filters, int[] tones, int f, int x0, int y0, int scale) {
        int plane = filters.kh * filters.kw;
        int base = f * filters.shown * plane;
        for (int y = 0; y < filters.kh; y++) {
            for (int x = 0; x < filters.kw; x++) {
                int p = base + y * filters.kw + x;
                int rgb = filters.shown == 3
                        ? Canvas.rgb(tones[p], tones[p + plane], tones[p + 2 * plane])
                        : Canvas.rgb(tones[p], tones[p], tones[p]);
                canvas.square(x0 + x * scale, y0 + y * scale, scale, rgb);
            }
        }
    }
}
