package dev.thirty.papers.kolmogorov;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkageTest {

    /**
     * Items 0 and 2 are close (0.1), 1 and 3 are close (0.2), the groups far apart (about 0.9):
     * the tree merges the close pairs first, at their distances, then the groups at the mean of
     * the four cross distances, and the dendrogram order keeps each pair together.
     */
    private static final double[][] INTERLEAVED = {
        {0, 0.9, 0.1, 0.8},
        {0.9, 0, 0.85, 0.2},
        {0.1, 0.85, 0, 0.95},
        {0.8, 0.2, 0.95, 0},
    };

    @Test
    void mergesClosePairsFirstAtTheirDistancesAndKeepsThemAdjacent() {
        Linkage tree = Linkage.average(INTERLEAVED);
        assertEquals(3, tree.merges().size());
        assertEquals(new Linkage.Merge(0, 2, 0.1), tree.merges().get(0));
        assertEquals(new Linkage.Merge(1, 3, 0.2), tree.merges().get(1));
        assertEquals(new Linkage.Merge(4, 5, (0.9 + 0.8 + 0.85 + 0.95) / 4), tree.merges().get(2));
        assertArrayEquals(new int[] {0, 2, 1, 3}, tree.leaves());
        assertEquals("((a, c), (b, d))", tree.newick(List.of("a", "b", "c", "d")));
    }

    @Test
    void rejectsARaggedMatrix() {
        double[][] ragged = {{0, 1}, {1}};
        assertThrows(IllegalArgumentException.class, () -> Linkage.average(ragged));
    }

    /**
     * The picture orders rows and columns as the dendrogram does: item 0's row shows its close
     * partner (item 2) dark right beside its own diagonal cell, and the far items light.
     */
    @Test
    void pictureShowsCloseItemsAsDarkBlocksInDendrogramOrder(@TempDir Path dir) throws Exception {
        Linkage tree = Linkage.average(INTERLEAVED);
        Path file = dir.resolve("ncd.png");
        NcdPicture.write(file, INTERLEAVED, tree);
        var image = ImageIO.read(file.toFile());
        int n = INTERLEAVED.length;
        Color self = pixel(image, NcdPicture.centre(n, 0, 0));
        Color partner = pixel(image, NcdPicture.centre(n, 0, 1));
        Color far = pixel(image, NcdPicture.centre(n, 0, 2));
        assertArrayEquals(new double[] {0.1, 0.95}, NcdPicture.offDiagonalRange(INTERLEAVED));
        assertEquals(NcdPicture.shade(0, 0.1, 0.95), self);
        assertEquals(NcdPicture.shade(0.1, 0.1, 0.95), partner);
        assertEquals(NcdPicture.shade(0.9, 0.1, 0.95), far);
        assertTrue(partner.getRed() + partner.getGreen() + partner.getBlue()
                < far.getRed() + far.getGreen() + far.getBlue(), partner + " vs " + far);
        assertTrue(image.getWidth() > NcdPicture.DENDROGRAM + n * NcdPicture.cell(n));
    }

    private static Color pixel(java.awt.image.BufferedImage image, int[] xy) {
        return new Color(image.getRGB(xy[0], xy[1]));
    }
}
