package dev.thirty.papers.coffee;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The files of a size sweep: a log-log PNG and the table of samples.md. The plot draws each
 * quantity relative to its value at the smallest n against n relative to the smallest n, so the
 * slope of each series is its exponent; grey reference lines have slopes 1 and 2. No text is drawn
 * (machines here may lack fonts); samples.md names the colours.
 */
final class ScalingReport {

    static final String PLOT = "scaling-loglog.png";
    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd), new Color(0xff7f0e)};
    private static final String[] COLOUR_NAMES = {"blue", "green", "red", "purple", "orange"};
    private static final int SIZE = 480;
    private static final int MARGIN = 30;

    private ScalingReport() {
    }

    static void writePlot(Path file, int[] sizes, double[][] medians) throws IOException {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, SIZE, SIZE);
        double xMax = Math.log((double) sizes[sizes.length - 1] / sizes[0]);
        double yMin = 0;
        double yMax = 2 * xMax;
        for (double[] m : medians) {
            for (double v : m) {
                yMin = Math.min(yMin, Math.log(v / m[0]));
                yMax = Math.max(yMax, Math.log(v / m[0]));
            }
        }
        Axes axes = new Axes(xMax, yMin, yMax);
        g.setColor(Color.BLACK);
        g.drawRect(MARGIN, MARGIN, SIZE - 2 * MARGIN, SIZE - 2 * MARGIN);
        g.setColor(Color.LIGHT_GRAY);
        g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        for (int slope = 1; slope <= 2; slope++) {
            g.drawLine(axes.x(0), axes.y(0), axes.x(xMax), axes.y(slope * xMax));
        }
        g.setStroke(new BasicStroke(2));
        for (int q = 0; q < medians.length; q++) {
            g.setColor(COLOURS[q % COLOURS.length]);
            for (int i = 0; i < sizes.length; i++) {
                double lx = Math.log((double) sizes[i] / sizes[0]);
                double ly = Math.log(medians[q][i] / medians[q][0]);
                g.fillOval(axes.x(lx) - 4, axes.y(ly) - 4, 9, 9);
                if (i > 0) {
                    double px = Math.log((double) sizes[i - 1] / sizes[0]);
                    double py = Math.log(medians[q][i - 1] / medians[q][0]);
                    g.drawLine(axes.x(px), axes.y(py), axes.x(lx), axes.y(ly));
                }
            }
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    /** Maps log-ratios to pixels. */
    private record Axes(double xMax, double yMin, double yMax) {
        int x(double lx) {
            return MARGIN + (int) Math.round(lx / xMax * (SIZE - 2 * MARGIN));
        }

        int y(double ly) {
            return SIZE - MARGIN - (int) Math.round((ly - yMin) / (yMax - yMin) * (SIZE - 2 * MARGIN));
        }
    }

    static String markdown(CoffeeScalingConfig c, double[][] medians, Map<String, Double> summary) {
        int[] sizes = c.sizes();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## Coffee automaton, size sweep (interacting model, %s, %d runs per"
                + " size, %s·n² sweeps = %s·n⁴ attempted swaps each, medians)%n%n", c.codec().label(), c.seeds(),
                c.interactingRun(), c.interactingRun()));
        md.append("| n |");
        for (ScalingQuantity q : ScalingQuantity.values()) {
            md.append(' ').append(q.label()).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(ScalingQuantity.values().length)).append('\n');
        for (int i = 0; i < sizes.length; i++) {
            md.append("| ").append(sizes[i]).append(" |");
            for (ScalingQuantity q : ScalingQuantity.values()) {
                md.append(String.format(Locale.ROOT, " %.0f |", medians[q.ordinal()][i]));
            }
            md.append('\n');
        }
        md.append("\nSizes in compressed bytes, times in sweeps of n² attempted swaps (peak times from a running")
                .append(" mean over 5 snapshots, log-spaced).\n\n| quantity | fitted exponent | r² (log-log) | paper | colour |\n")
                .append("|---|---|---|---|---|\n");
        for (ScalingQuantity q : ScalingQuantity.values()) {
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.3f | n^%.0f | %s |%n", q.label(),
                    summary.get("fit/" + q.label() + "_exponent"), summary.get("fit/" + q.label() + "_r2"),
                    q.paperExponent(), COLOUR_NAMES[q.ordinal() % COLOUR_NAMES.length]));
        }
        md.append(String.format(Locale.ROOT, "%nStraight line in n: r² %.3f (max complexity), %.3f (max adjusted).%n%n",
                summary.get(CoffeeScalingExperiment.HEADLINE), summary.get("fit/max_adjusted_complexity_linear_r2")));
        md.append(String.format(Locale.ROOT, "Entropy reference: a uniformly random n×n grid, serialised and compressed"
                + " the same way, grows with exponent %.2f, not 2: %s adds fixed framing and code tables that are a"
                + " large part of the size at n = %d. The maximum entropy's exponent is to be read against this one.%n%n",
                summary.get("fit/random_grid_entropy_exponent"), c.codec().label(), sizes[0]));
        md.append(String.format(Locale.ROOT, "In single attempted swaps the peak time scales with exponent %.2f,"
                + " the exponent above plus 2: a swap moves one cell one step, so diffusion across the cup takes"
                + " ~n² sweeps, ~n⁴ swaps. The adjusted complexity has no peak time to fit: it stays flat.%n%n",
                summary.get("fit/complexity_peak_time_exponent") + 2));
        md.append("![log-log](").append(PLOT).append(")\n\nEach series divided by its value at n = ").append(sizes[0])
                .append(", against n / ").append(sizes[0]).append(", both axes logarithmic; grey dashed lines have")
                .append(" slopes 1 and 2.\n");
        return md.toString();
    }
}
