package dev.thirty.papers.kolmogorov;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The NCD matrix as a PNG, the way Cilibrasi and Vitányi present a clustering: a heat map with
 * rows and columns in dendrogram order, and the average-linkage
 * dendrogram on its left, each merge drawn at its distance on the same scale as the shades (leaves
 * on the right edge; the left edge is the largest distance). No text is drawn (machines here may lack fonts);
 * the report lists the items in the same order, top to bottom.
 *
 * <p>Shades span the off-diagonal range of the matrix, dark blue at its smallest NCD, white at its
 * largest: NCDs of real texts crowd into 0.8-1.0, and a fixed 0-1 scale would leave them all
 * nearly white. The diagonal (NCD of an item with itself, near 0) is at or below the smallest and
 * draws dark.
 */
final class NcdPicture {

    static final int DENDROGRAM = 160;
    static final int GAP = 8;
    /** Pixels between the leaves and a merge at the smallest distance, so that one still shows. */
    private static final int LEAF_STEM = 16;
    private static final Color CLOSE = new Color(0x08306b);
    private static final Color FAR = Color.WHITE;

    private NcdPicture() {
    }

    /** Side of one heat-map cell for n items: the map is about 480 pixels wide. */
    static int cell(int n) {
        return Math.max(12, 480 / Math.max(1, n));
    }

    /** The pixel at the centre of heat-map cell (row, column), both in dendrogram order. */
    static int[] centre(int n, int row, int column) {
        int s = cell(n);
        return new int[] {DENDROGRAM + GAP + column * s + s / 2, GAP + row * s + s / 2};
    }

    static void write(Path file, double[][] distance, Linkage tree) throws IOException {
        int n = distance.length;
        int s = cell(n);
        BufferedImage image = new BufferedImage(DENDROGRAM + 2 * GAP + n * s, 2 * GAP + n * s,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        int[] leaves = tree.leaves();
        double[] range = offDiagonalRange(distance);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                g.setColor(shade(distance[leaves[r]][leaves[c]], range[0], range[1]));
                int[] p = centre(n, r, c);
                g.fillRect(p[0] - s / 2, p[1] - s / 2, s, s);
            }
        }
        drawDendrogram(g, n, s, tree, range);
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    /** Each cluster sits at the mean row of its leaves and at the x of its merge distance. */
    private static void drawDendrogram(Graphics2D g, int n, int s, Linkage tree, double[] range) {
        int clusters = n + tree.merges().size();
        double[] y = new double[clusters];
        double[] x = new double[clusters];
        int[] leaves = tree.leaves();
        for (int r = 0; r < n; r++) {
            y[leaves[r]] = GAP + r * s + s / 2.0;
            x[leaves[r]] = DENDROGRAM;
        }
        double span = Math.max(range[1] - range[0], 1e-12);
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(2));
        for (int k = 0; k < tree.merges().size(); k++) {
            Linkage.Merge m = tree.merges().get(k);
            int id = n + k;
            x[id] = GAP + (DENDROGRAM - LEAF_STEM - GAP) * (1 - Math.clamp((m.height() - range[0]) / span, 0, 1));
            y[id] = (y[m.left()] + y[m.right()]) / 2;
            g.drawLine((int) x[id], (int) y[m.left()], (int) x[id], (int) y[m.right()]);
            g.drawLine((int) x[id], (int) y[m.left()], (int) x[m.left()], (int) y[m.left()]);
            g.drawLine((int) x[id], (int) y[m.right()], (int) x[m.right()], (int) y[m.right()]);
        }
    }

    /** The smallest and largest NCD between different items (0 and 1 for fewer than two items). */
    static double[] offDiagonalRange(double[][] distance) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < distance.length; i++) {
            for (int j = 0; j < distance.length; j++) {
                if (i != j) {
                    lo = Math.min(lo, distance[i][j]);
                    hi = Math.max(hi, distance[i][j]);
                }
            }
        }
        return lo > hi ? new double[] {0, 1} : new double[] {lo, hi};
    }

    /** {@code lo} and below is dark blue, {@code hi} and above white, linearly in between. */
    static Color shade(double ncd, double lo, double hi) {
        double f = Math.clamp((ncd - lo) / Math.max(hi - lo, 1e-12), 0, 1);
        return new Color((int) Math.round(CLOSE.getRed() + f * (FAR.getRed() - CLOSE.getRed())),
                (int) Math.round(CLOSE.getGreen() + f * (FAR.getGreen() - CLOSE.getGreen())),
                (int) Math.round(CLOSE.getBlue() + f * (FAR.getBlue() - CLOSE.getBlue())));
    }
}
