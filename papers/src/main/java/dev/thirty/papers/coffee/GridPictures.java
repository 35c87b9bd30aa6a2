package dev.thirty.papers.coffee;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Figure 2 of the paper as a PNG: one column per chosen time; top row the fine-grained state,
 * middle row the 3-bucket coarse-graining, bottom row the adjusted one. Coffee is dark brown,
 * cream light; coarse buckets are shaded between them. Drawn with {@code javax.imageio}, no text,
 * so it works on machines without fonts or a display.
 */
final class GridPictures {

    private static final int COFFEE = 0x3b2416;
    private static final int CREAM = 0xf4e6c9;
    private static final int GAP = 6;
    private static final int BACKGROUND = 0xffffff;

    private GridPictures() {
    }

    /** Writes the picture of {@code states} (n² fine-grained bytes each) to {@code file}. */
    static void write(Path file, int n, ComplexityMeter meter, byte[][] states) throws IOException {
        int scale = Math.max(2, 240 / n);
        int side = n * scale;
        int cols = states.length;
        BufferedImage image = new BufferedImage(cols * side + (cols + 1) * GAP, 3 * side + 4 * GAP,
                BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, BACKGROUND);
            }
        }
        byte[] grained = new byte[n * n];
        for (int col = 0; col < cols; col++) {
            int x0 = GAP + col * (side + GAP);
            draw(image, x0, GAP, n, scale, states[col], 1);
            int y0 = 2 * GAP + side;
            for (CoarseGraining.Kind kind : CoarseGraining.Kind.values()) {
                meter.coarseGraining(kind).apply(states[col], kind, grained);
                draw(image, x0, y0, n, scale, grained, kind.buckets() - 1);
                y0 += GAP + side;
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /** Draws cell values 0..top (larger values clamp to top) as shades from coffee to cream. */
    private static void draw(BufferedImage image, int x0, int y0, int n, int scale, byte[] values, int top) {
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double f = Math.min(top, values[r * n + c] & 0xFF) / (double) top;
                int rgb = blend(f);
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(x0 + c * scale + dx, y0 + r * scale + dy, rgb);
                    }
                }
            }
        }
    }

    private static int blend(double f) {
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = (COFFEE >> shift) & 0xFF;
            int b = (CREAM >> shift) & 0xFF;
            rgb |= ((int) Math.round(a + f * (b - a))) << shift;
        }
        return rgb;
    }
}
