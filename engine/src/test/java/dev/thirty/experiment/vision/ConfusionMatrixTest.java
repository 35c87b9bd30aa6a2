package dev.thirty.experiment.vision;

import static dev.thirty.experiment.vision.Checks.assertPngHolds;
import static dev.thirty.experiment.vision.Checks.assertPixels;
import static dev.thirty.experiment.vision.Checks.pixel;
import static dev.thirty.experiment.vision.Checks.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.experiment.vision.ConfusionMatrix.Annotation;
import dev.thirty.experiment.vision.ConfusionMatrix.HeatMap;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfusionMatrixTest {

    private static final List<String> NAMES = List.of("cat", "dog", "bird", "frog");

    // Rows (actual): cat 3 1 0 0, dog 1 2 0 0, bird 1 0 2 0, frog none.
    private static final int[] ACTUAL = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    private static final int[] PREDICTED = {0, 1, 0, 0, 1, 0, 1, 2, 0, 2};

    private static ConfusionMatrix handMade() {
        return ConfusionMatrix.of(PREDICTED, ACTUAL, NAMES);
    }

    @Test
    void countsErrorRecallAndPrecisionOfAHandMadeMatrix() {
        ConfusionMatrix m = handMade();
        int[][] expected = {{3, 1, 0, 0}, {1, 2, 0, 0}, {1, 0, 2, 0}, {0, 0, 0, 0}};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(expected[i][j], m.count(i, j), "count(" + i + ", " + j + ")");
            }
        }
        assertEquals(10, m.total());
        assertEquals(7, m.correct());
        assertEquals(0.3, m.error(), 1e-12);
        assertEquals(0.7, m.accuracy(), 1e-12);
        assertEquals(List.of(4, 3, 3, 0), List.of(m.actualCount(0), m.actualCount(1), m.actualCount(2),
                m.actualCount(3)));
        assertEquals(0.75, m.recall(0), 1e-12);
        assertEquals(2.0 / 3, m.recall(2), 1e-12);
        assertTrue(Double.isNaN(m.recall(3)), "a class without examples has no recall");
        assertEquals(0.6, m.precision(0), 1e-12);
        assertEquals(1.0, m.precision(2), 1e-12);
        assertTrue(Double.isNaN(m.precision(3)), "a class never predicted has no precision");
    }

    @Test
    void csvHasAHeaderRowAndOneRowPerActualClass() {
        assertEquals("""
                actual\\predicted,cat,dog,bird,frog
                cat,3,1,0,0
                dog,1,2,0,0
                bird,1,0,2,0
                frog,0,0,0,0
                """, handMade().toCsv());
    }

    @Test
    void csvQuotesNamesWithCommasAndQuotesAndMarkdownEscapesPipes() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 0},
                List.of("tench, Tinca tinca", "say \"hi\" | wave"));
        assertEquals("""
                actual\\predicted,"tench, Tinca tinca","say ""hi"" | wave"
                "tench, Tinca tinca",1,1
                "say ""hi"" | wave",0,0
                """, m.toCsv());
        assertTrue(m.toMarkdown().contains("| say \"hi\" \\| wave |"), m.toMarkdown());
    }

    @Test
    void markdownShowsCountsWithRecallAndPrecision() {
        assertEquals("""
                | actual \\ predicted | cat | dog | bird | frog | recall |
                |---|---:|---:|---:|---:|---:|
                | cat | 3 | 1 | 0 | 0 | 75.0% |
                | dog | 1 | 2 | 0 | 0 | 66.7% |
                | bird | 1 | 0 | 2 | 0 | 66.7% |
                | frog | 0 | 0 | 0 | 0 | n/a |
                | precision | 60.0% | 66.7% | 100.0% | n/a |  |
                """, handMade().toMarkdown());
    }

    @Test
    void plainHeatMapShadesEachCellByItsShareOfTheRow() {
        // Each channel blends 255 towards the full shade 08306b by the cell's share of its row.
        assertPixels(handMade().render(HeatMap.plain()), 64, 64, """
                0 0 466490 cat as cat, 3/4
                15 15 466490 cat as cat, far corner
                16 0 c1cbda cat as dog, 1/4
                32 0 ffffff cat as bird, none
                0 32 adbace bird as cat, 1/3
                40 40 5a759c bird as bird, 2/3
                63 63 ffffff frog as frog, an empty row
                """);
        BufferedImage perfect = ConfusionMatrix.of(new int[] {0, 0}, new int[] {0, 0}, List.of("one"))
                .render(new HeatMap(3, Annotation.NONE));
        assertPixels(perfect, 3, 3, "1 1 08306b all of the row");
    }

    @Test
    void countsAreWrittenInsideTheirCellsAndNamesWidenThePicture() {
        BufferedImage counts = handMade().render(new HeatMap(48, Annotation.COUNTS));
        assertPixels(counts, 4 * 48, 4 * 48, "0 0 466490 the corner of a cell keeps its shade");
        int inked = 0;
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                inked += pixel(counts, x, y).equals("466490") ? 0 : 1;
            }
        }
        assertTrue(inked > 10, "the count 3 should leave ink in its cell, found " + inked + " pixels");
        BufferedImage labelled = handMade().render(HeatMap.labelled());
        assertTrue(labelled.getWidth() > 4 * 48 && labelled.getHeight() > 4 * 48,
                "names lie outside the cells: " + labelled.getWidth() + " x " + labelled.getHeight());
    }

    @Test
    void writtenPngHoldsTheRenderedPixels(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("confusion.png");
        handMade().writePng(file, HeatMap.plain());
        assertPngHolds(handMade().render(HeatMap.plain()), file);
    }

    @Test
    void badInputIsRefusedWithTheProblemNamed() {
        refuses("predicted has 2 labels but actual has 3",
                () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 1, 1}, NAMES));
        refuses("predicted[1] = 4 is not a class index in [0, 4)",
                () -> ConfusionMatrix.of(new int[] {0, 4}, new int[] {0, 1}, NAMES));
        refuses("actual[0] = -1 is not a class index",
                () -> ConfusionMatrix.of(new int[] {0}, new int[] {-1}, NAMES));
        refuses("no predictions", () -> ConfusionMatrix.of(new int[0], new int[0], NAMES));
        refuses("'cat' is given twice", () -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, List.of("cat", "cat")));
        refuses("class 1 needs a one-line name",
                () -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, Arrays.asList("cat", null)));
        refuses("at least one class name", () -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, List.of()));
        refuses("class 7 is not in [0, 4)", () -> handMade().count(7, 0));
        refuses("cellPixels >= 1", () -> new HeatMap(0, Annotation.NONE));
    }
}
