package dev.thirty.experiment.vision;

import static dev.thirty.experiment.vision.Checks.assertPngHolds;
import static dev.thirty.experiment.vision.Checks.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thirty.parallel.Checkpointing;
import dev.thirty.parallel.ScheduleSimulator;
import dev.thirty.parallel.Timeline;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelinePictureTest {

    @TempDir
    Path tmp;

    private static String at(BufferedImage image, int x, int y) {
        return Integer.toHexString(image.getRGB(x, y) & 0xffffff);
    }

    @Test
    void boxesSitWhereTheScheduleRunsThem() throws IOException {
        // K = 2, M = 2, unit forward and backward: stage 0 runs F0 [0,1) F1 [1,2), idles, B1 [4,5) B0 [5,6);
        // stage 1 idles [0,1), F0 [1,2) F1 [2,3) B1 [3,4) B0 [4,5), idles [5,6). 6 units on 61 pixels: 10 each.
        Timeline t = ScheduleSimulator.uniform(2, 2, 1, 1, Checkpointing.NEVER);
        BufferedImage image = TimelinePicture.render(t, 61);
        assertEquals(6 + 2 * 34, image.getHeight());
        int row0 = 6 + 14;
        int row1 = 6 + 34 + 14;
        assertEquals("3b6fb6", at(image, 5, row0), "stage 0, forward of micro-batch 0");
        assertEquals("7fa7dc", at(image, 15, row0), "stage 0, forward of micro-batch 1 (lighter)");
        assertEquals("ffffff", at(image, 25, row0), "stage 0 waits for the first gradient");
        assertEquals("f2b77a", at(image, 45, row0), "stage 0, backward of micro-batch 1");
        assertEquals("d9822b", at(image, 55, row0), "stage 0, backward of micro-batch 0");
        assertEquals("ffffff", at(image, 5, row1), "stage 1 waits for its first input");
        assertEquals("3b6fb6", at(image, 15, row1));
        assertEquals("f2b77a", at(image, 35, row1));
        assertEquals("ffffff", at(image, 55, row1), "stage 1 is done");
        assertEquals("ffffff", at(image, 30, 2), "margin");

        Timeline r = ScheduleSimulator.uniform(1, 2, 1, 1, Checkpointing.ALWAYS);
        assertEquals("8fcf9f", at(TimelinePicture.render(r, 61), 25, row0), "recompute of micro-batch 1");

        Path file = tmp.resolve("timeline.png");
        TimelinePicture.writePng(file, t, 61);
        assertPngHolds(image, file);
        refuses("at least 10 pixels", () -> TimelinePicture.render(t, 3));
    }
}
