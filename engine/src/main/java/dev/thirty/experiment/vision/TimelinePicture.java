package dev.thirty.experiment.vision;

import dev.thirty.parallel.Timeline;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A pipeline step drawn as the GPipe paper's Figure 2: one row per stage, time to the right, a box
 * per forward (blue), recomputed forward (green) and backward (orange) pass, consecutive
 * micro-batches in alternating shades so neighbouring boxes stay apart; white is the bubble.
 */
public final class TimelinePicture {

    private static final int ROW = 28;
    private static final int GAP = 6;
    private static final int[][] TONES = {
        {0x3b6fb6, 0x7fa7dc},   // forward
        {0x3f9b5a, 0x8fcf9f},   // recompute
        {0xd9822b, 0xf2b77a},   // backward
    };

    private TimelinePicture() {
    }

    /** Writes {@code t} as a PNG {@code width} pixels wide. */
    public static void writePng(Path file, Timeline t, int width) throws IOException {
        Canvas.writePng(file, render(t, width));
    }

    /** The picture of {@code t}, {@code width} pixels wide, {@code 6 + 34 K} high. */
    static BufferedImage render(Timeline t, int width) {
        if (width < 10) {
            throw new IllegalArgumentException("timeline picture: width must be at least 10 pixels, got " + width);
        }
        int height = GAP + t.stages() * (ROW + GAP);
        Canvas c = Canvas.blank("timeline picture", width, height);
        double span = Math.max(1, t.makespan());
        for (int k = 0; k < t.stages(); k++) {
            c.rectangle(0, GAP + k * (ROW + GAP) + ROW, width, 1, 0xdddddd);
        }
        for (Timeline.Event e : t.events()) {
            int x0 = (int) Math.floor(e.start() / span * (width - 1));
            int x1 = (int) Math.ceil(e.end() / span * (width - 1));
            int w = Math.max(1, x1 - x0);
            int kind = switch (e.kind()) {
                case FORWARD -> 0;
                case RECOMPUTE -> 1;
                case BACKWARD -> 2;
            };
            int y = GAP + e.stage() * (ROW + GAP);
            c.rectangle(x0, y, Math.min(w, width - x0), ROW, TONES[kind][e.microBatch() % 2]);
        }
        return c.image();
    }
}
