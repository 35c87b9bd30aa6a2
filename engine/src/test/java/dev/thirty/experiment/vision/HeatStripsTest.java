package dev.thirty.experiment.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeatStripsTest {

    @Test
    void panelsStackWithTimeAcrossAndValuesFromWhiteToBlack() {
        // 3 steps of width 2, time first: step t holds (t / 2, 1 - t / 2)
        float[] bySteps = {0f, 1f, 0.5f, 0.5f, 1f, 0f};
        HeatStrips.Panel a = HeatStrips.Panel.ofSteps("a", bySteps, 3, 2);
        assertEquals(2, a.rows());
        assertEquals(3, a.columns());
        assertArrayEquals(new float[] {0f, 0.5f, 1f, 1f, 0.5f, 0f}, a.values());
        HeatStrips.Panel b = new HeatStrips.Panel("b", new float[] {2f, -1f}, 1, 2);   // clamped to [0, 1]
        BufferedImage img = HeatStrips.render(List.of(a, b), 3, 2);
        assertEquals(9, img.getWidth());
        assertEquals(2 * 2 + 2 * 2 + 1 * 2, img.getHeight(), "two rows, a gap of two rows, one row");
        assertEquals(0xffffff, img.getRGB(0, 0) & 0xffffff, "0 is white");
        assertEquals(0x000000, img.getRGB(8, 1) & 0xffffff, "1 is black");
        assertEquals(0x808080, img.getRGB(4, 3) & 0xffffff, "1/2 is mid grey");
        assertEquals(0xffffff, img.getRGB(4, 5) & 0xffffff, "the gap is white");
        assertEquals(0x000000, img.getRGB(0, 8) & 0xffffff, "2 is clamped to 1");
        assertEquals(0xffffff, img.getRGB(5, 9) & 0xffffff, "-1 is clamped to 0");
    }

    @Test
    void rowsCropAPanelAndBadShapesAreRefused() {
        HeatStrips.Panel p = new HeatStrips.Panel("w", new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        HeatStrips.Panel mid = p.rows(1, 2);
        assertArrayEquals(new float[] {3, 4, 5, 6}, mid.values());
        assertEquals("w (rows 1-2)", mid.name());
        HeatStrips.Panel wrapped = p.rows(2, 2);
        assertArrayEquals(new float[] {5, 6, 1, 2}, wrapped.values());
        assertEquals("w (rows 2-2, 0-0)", wrapped.name());
        var e = assertThrows(IllegalArgumentException.class, () -> p.rows(2, 4));
        assertTrue(e.getMessage().contains("4 rows from row 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new HeatStrips.Panel("x", new float[5], 2, 3));
        assertTrue(e.getMessage().contains("needs 6 values, got 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HeatStrips.render(List.of(), 1, 1));
    }
}
