package dev.thirty.experiment.vision;

import dev.thirty.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * An RGB picture drawn pixel by pixel into its own {@code int[]} ({@code 0xRRGGBB}, row-major),
 * with no AWT graphics context, so it needs neither a display nor fonts; written as PNG atomically.
 */
final class Canvas {

    /** The background of every picture in this package. */
    static final int WHITE = 0xffffff;

    /** Pictures larger than this are refused rather than allocated (about 256 MB of pixels). */
    private static final long MAX_PIXELS = 1L << 26;

    private final BufferedImage image;
    private final int[] pixels;
    private final int width;

    private Canvas(int width, int height) {
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        this.pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        this.width = width;
        Arrays.fill(pixels, WHITE);
    }

    /**
     * A white picture of {@code width x height} pixels; {@code what} names it in the error when
     * the size is not positive or too large.
     */
    static Canvas blank(String what, long width, long height) {
        if (width < 1 || height < 1 || width * height > MAX_PIXELS) {
            throw new IllegalArgumentException(what + " would be " + width + " x " + height + " pixels; it must be"
                    + " at least 1 x 1 and at most " + MAX_PIXELS + " pixels in all (use a smaller scale)");
        }
        return new Canvas((int) width, (int) height);
    }

    /** Paints the {@code size x size} square whose top-left pixel is {@code (x, y)}. */
    void square(int x, int y, int size, int rgb) {
        for (int dy = 0; dy < size; dy++) {
            int row = (y + dy) * width + x;
            Arrays.fill(pixels, row, row + size, rgb);
        }
    }

    /** Paints the {@code w x h} rectangle whose top-left pixel is {@code (x, y)}. */
    void rectangle(int x, int y, int w, int h, int rgb) {
        for (int dy = 0; dy < h; dy++) {
            int row = (y + dy) * width + x;
            Arrays.fill(pixels, row, row + w, rgb);
        }
    }

    BufferedImage image() {
        return image;
    }

    /** {@code 0xRRGGBB} from three tones {@code 0..255}. */
    static int rgb(int red, int green, int blue) {
        return red << 16 | green << 8 | blue;
    }

    /** Writes {@code image} to {@code file} as PNG, atomically: the old file survives a failed write. */
    static void writePng(Path file, BufferedImage image) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException(file + ": this Java runtime has no PNG writer");
            }
        });
    }
}
