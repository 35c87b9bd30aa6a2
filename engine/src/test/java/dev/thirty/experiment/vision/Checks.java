package dev.thirty.experiment.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.function.Executable;

/** Assertions shared by the figure tests. */
final class Checks {

    private Checks() {
    }

    /** Asserts {@code call} throws an {@link IllegalArgumentException} whose message contains {@code fragment}. */
    static void refuses(String fragment, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), () -> "expected a message naming '" + fragment + "', got: "
                + e.getMessage());
    }

    /** Asserts {@code file} is a PNG holding exactly the pixels of {@code expected}. */
    static void assertPngHolds(BufferedImage expected, Path file) throws IOException {
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(expected.getWidth(), read.getWidth(), "width");
        assertEquals(expected.getHeight(), read.getHeight(), "height");
        for (int y = 0; y < read.getHeight(); y++) {
            for (int x = 0; x < read.getWidth(); x++) {
                int want = expected.getRGB(x, y) & 0xffffff;
                int got = read.getRGB(x, y) & 0xffffff;
                if (want != got) {
                    assertEquals(hex(want), hex(got), "pixel (" + x + ", " + y + ") of " + file.getFileName());
                }
            }
        }
    }

    /**
     * Asserts the picture's size and the colours of some of its pixels, given as a table of lines
     * {@code x y rrggbb what-it-shows}; every mismatch is reported at once.
     */
    static void assertPixels(BufferedImage image, int width, int height, String table) {
        assertEquals(width + " x " + height, image.getWidth() + " x " + image.getHeight(), "picture size");
        List<String> wrong = new ArrayList<>();
        for (String line : table.strip().split("\n")) {
            String[] cell = line.strip().split("\\s+", 4);
            int x = Integer.parseInt(cell[0]);
            int y = Integer.parseInt(cell[1]);
            String got = pixel(image, x, y);
            if (!got.equals(cell[2])) {
                wrong.add("(" + x + ", " + y + ") " + (cell.length > 3 ? cell[3] : "") + ": expected " + cell[2]
                        + ", got " + got);
            }
        }
        assertTrue(wrong.isEmpty(), () -> wrong.size() + " pixels differ: " + String.join("; ", wrong));
    }

    /** The colour of pixel {@code (x, y)} as {@code 0xRRGGBB}. */
    static String pixel(BufferedImage image, int x, int y) {
        return hex(image.getRGB(x, y) & 0xffffff);
    }

    static String hex(int rgb) {
        return String.format("%06x", rgb);
    }
}
