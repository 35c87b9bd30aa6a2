package dev.thirty.experiment.vision;

import dev.thirty.experiment.vision.ConfusionMatrix.Annotation;
import dev.thirty.experiment.vision.ConfusionMatrix.HeatMap;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * Draws a {@link ConfusionMatrix} as a heat map. Cells are painted pixel by pixel; text, where the
 * annotation asks for it, with AWT's default sans-serif font off screen (headless), as the run
 * plots are. Without names the picture is exactly {@code classes * cellPixels} square; with names
 * a title line, the column names (turned upright) and the row names lie above and left of it.
 */
final class ConfusionPicture {

    static {
        // Before AWT sets itself up: text is drawn off screen, also on machines without a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The shade of a cell holding all of its row's examples; an empty cell is white. */
    static final int FULL = 0x08306b;

    private static final String TITLE = "rows: actual class, columns: predicted class";
    private static final int PAD = 6;
    private static final int NAME_POINTS = 13;
    private static final int SMALLEST_POINTS = 6;

    private ConfusionPicture() {
    }

    static BufferedImage render(ConfusionMatrix matrix, HeatMap style) {
        int n = matrix.classes();
        int cell = style.cellPixels();
        long side = (long) n * cell;
        if (style.annotation() != Annotation.COUNTS_AND_NAMES) {
            Canvas canvas = Canvas.blank("the confusion matrix", side, side);
            paintCells(canvas, matrix, cell, 0, 0);
            if (style.annotation() == Annotation.COUNTS) {
                drawCounts(canvas.image(), matrix, cell, 0, 0);
            }
            return canvas.image();
        }
        FontMetrics names = metrics(new Font(Font.SANS_SERIF, Font.PLAIN, NAME_POINTS));
        int longest = 0;
        for (String name : matrix.classNames()) {
            longest = Math.max(longest, names.stringWidth(name));
        }
        int line = names.getHeight();
        int left = longest + 2 * PAD;
        int top = PAD + line + PAD + longest + PAD;
        long width = Math.max(left + side + PAD, names.stringWidth(TITLE) + 2L * PAD);
        Canvas canvas = Canvas.blank("the confusion matrix", width, top + side + PAD);
        paintCells(canvas, matrix, cell, left, top);
        Graphics2D g = graphics(canvas.image(), names.getFont());
        g.drawString(TITLE, PAD, PAD + names.getAscent());
        for (int c = 0; c < n; c++) {
            String name = matrix.classNames().get(c);
            int rowBaseline = top + c * cell + (cell - line) / 2 + names.getAscent();
            g.drawString(name, left - PAD - names.stringWidth(name), rowBaseline);
            AffineTransform straight = g.getTransform();
            // Column names read bottom to top, ending just above their column.
            g.translate(left + c * cell + (cell - line) / 2 + names.getAscent(), top - PAD);
            g.rotate(-Math.PI / 2);
            g.drawString(name, 0, 0);
            g.setTransform(straight);
        }
        g.dispose();
        drawCounts(canvas.image(), matrix, cell, left, top);
        return canvas.image();
    }

    /** Shades each cell by its share of the row: white at 0, {@link #FULL} at 1. */
    private static void paintCells(Canvas canvas, ConfusionMatrix matrix, int cell, int x0, int y0) {
        int n = matrix.classes();
        for (int i = 0; i < n; i++) {
            int row = matrix.actualCount(i);
            for (int j = 0; j < n; j++) {
                double share = row == 0 ? 0 : (double) matrix.at(i, j) / row;
                canvas.square(x0 + j * cell, y0 + i * cell, cell, shade(share));
            }
        }
    }

    static int shade(double share) {
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int full = (FULL >> shift) & 0xff;
            rgb |= (int) Math.round(255 + share * (full - 255)) << shift;
        }
        return rgb;
    }

    /** Writes each count centred in its cell, in the largest font up to a third of a cell that fits. */
    private static void drawCounts(BufferedImage image, ConfusionMatrix matrix, int cell, int x0, int y0) {
        int n = matrix.classes();
        String widest = "";
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                String s = Integer.toString(matrix.at(i, j));
                widest = s.length() > widest.length() ? s : widest;
            }
        }
        int points = Math.max(SMALLEST_POINTS, cell / 3);
        FontMetrics fm = metrics(new Font(Font.SANS_SERIF, Font.PLAIN, points));
        while (points > SMALLEST_POINTS && fm.stringWidth(widest) > cell - 4) {
            fm = metrics(new Font(Font.SANS_SERIF, Font.PLAIN, --points));
        }
        Graphics2D g = graphics(image, fm.getFont());
        for (int i = 0; i < n; i++) {
            int row = matrix.actualCount(i);
            for (int j = 0; j < n; j++) {
                String s = Integer.toString(matrix.at(i, j));
                boolean dark = row > 0 && 2L * matrix.at(i, j) > row;
                g.setColor(dark ? Color.WHITE : Color.BLACK);
                int x = x0 + j * cell + (cell - fm.stringWidth(s)) / 2;
                int y = y0 + i * cell + (cell - fm.getHeight()) / 2 + fm.getAscent();
                g.drawString(s, x, y);
            }
        }
        g.dispose();
    }

    private static Graphics2D graphics(BufferedImage image, Font font) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(font);
        g.setColor(Color.BLACK);
        return g;
    }

    private static FontMetrics metrics(Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }
}
