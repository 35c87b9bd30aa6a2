package dev.thirty.experiment.vision;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Matrices over time drawn as grey strips stacked top to bottom, one panel per matrix, each cell a
 * square from white (0) to black (1): the way the NTM paper's Figure 6 shows a sequence's inputs and
 * outputs and its heads' weightings over memory rows. Time runs left to right in every panel, so
 * panels of the same episode line up column by column.
 */
public final class HeatStrips {

    private static final int GAP = 2;

    private HeatStrips() {
    }

    /**
     * One panel: {@code rows x columns} values, row-major, each clamped to [0, 1]; row 0 is drawn at
     * the top. Columns are time steps.
     */
    public record Panel(String name, float[] values, int rows, int columns) {

        public Panel {
            if (rows < 1 || columns < 1 || values.length != (long) rows * columns) {
                throw new IllegalArgumentException("panel '" + name + "': " + rows + " x " + columns + " needs "
                        + (long) rows * columns + " values, got " + values.length);
            }
            values = values.clone();
        }

        /**
         * The {@code count} rows from row {@code first} on, wrapping past the last row to row 0 (for
         * circular memories), named by the rows they are.
         */
        public Panel rows(int first, int count) {
            if (first < 0 || first >= rows || count < 1 || count > rows) {
                throw new IllegalArgumentException("panel '" + name + "': " + count + " rows from row " + first
                        + " are not within its " + rows);
            }
            float[] v = new float[count * columns];
            for (int i = 0; i < count; i++) {
                System.arraycopy(values, ((first + i) % rows) * columns, v, i * columns, columns);
            }
            int last = (first + count - 1) % rows;
            String which = last >= first ? first + "-" + last : first + "-" + (rows - 1) + ", 0-" + last;
            return new Panel(name + " (rows " + which + ")", v, count, columns);
        }

        /** The panel of {@code steps x width} values, row-major (time first), turned so time runs across. */
        public static Panel ofSteps(String name, float[] byStep, int steps, int width) {
            if (byStep.length != (long) steps * width) {
                throw new IllegalArgumentException("panel '" + name + "': " + steps + " steps of " + width
                        + " need " + (long) steps * width + " values, got " + byStep.length);
            }
            float[] v = new float[byStep.length];
            for (int t = 0; t < steps; t++) {
                for (int r = 0; r < width; r++) {
                    v[r * steps + t] = byStep[t * width + r];
                }
            }
            return new Panel(name, v, width, steps);
        }
    }

    /**
     * The panels stacked with a white gap between them, each value a {@code cellWidth x cellHeight}
     * rectangle.
     */
    public static BufferedImage render(List<Panel> panels, int cellWidth, int cellHeight) {
        if (panels.isEmpty() || cellWidth < 1 || cellHeight < 1) {
            throw new IllegalArgumentException("heat strips need at least one panel and cells of at least 1 x 1"
                    + " pixels, got " + panels.size() + " panels and " + cellWidth + " x " + cellHeight);
        }
        long columns = 0;
        long height = 0;
        for (Panel p : panels) {
            columns = Math.max(columns, p.columns());
            height += (long) p.rows() * cellHeight + GAP * cellHeight;
        }
        Canvas canvas = Canvas.blank("heat strips", columns * cellWidth, height - GAP * cellHeight);
        int y = 0;
        for (Panel p : panels) {
            for (int r = 0; r < p.rows(); r++) {
                for (int t = 0; t < p.columns(); t++) {
                    float v = Math.max(0f, Math.min(1f, p.values()[r * p.columns() + t]));
                    int tone = Math.round(255 * (1 - v));
                    canvas.rectangle(t * cellWidth, y + r * cellHeight, cellWidth, cellHeight,
                            Canvas.rgb(tone, tone, tone));
                }
            }
            y += p.rows() * cellHeight + GAP * cellHeight;
        }
        return canvas.image();
    }

    /** {@link #render} written to {@code file} as PNG, atomically. */
    public static void writePng(Path file, List<Panel> panels, int cellWidth, int cellHeight) throws IOException {
        Canvas.writePng(file, render(panels, cellWidth, cellHeight));
    }
}
