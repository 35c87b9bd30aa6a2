package dev.thirty.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Arrays;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a run's curves as PNG files, one per quantity: {@code train/loss} and {@code val/loss}
 * share {@code loss.png}, {@code val/accuracy} and {@code test/accuracy} share {@code accuracy.png},
 * {@code lr} has {@code lr.png}. Step on x, one line per split, NaN and infinite values left out.
 * A loss whose positive values span more than 1.5 decades gets a logarithmic y axis. Rendering is
 * headless and deterministic: the same metrics give the same files.
 */
public final class Plots {

    static {
        // Before any AWT class loads: charts are drawn off screen, also on machines without a display.
        System.setProperty("java.awt.headless", "true");
    }

    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    /** Above this many points a line is drawn without a marker at each point. */
    private static final int MAX_MARKED_POINTS = 25;
    private static final double LOG_SCALE_DECADES = 1.5;
    private static final Map<String, Color> SPLIT_COLORS = Map.of(
            "train", new Color(0x1f77b4), "val", new Color(0xff7f0e), "test", new Color(0x2ca02c));
    private static final Color[] OTHER_COLORS = {new Color(0x9467bd), new Color(0xd62728),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0x17becf)};

    private Plots() {
    }

    /** One written plot: the quantity it shows and its file. */
    public record Plot(String quantity, Path file) {
        public Plot {
            Objects.requireNonNull(quantity, "quantity");
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * Writes one {@value #WIDTH}x{@value #HEIGHT} PNG per quantity into {@code dir}, replacing files
     * of the same name.
     *
     * @throws RunFolderException if a file cannot be written
     *
     * @param experiment named under each chart's title
     * @return the plots, losses first, then in order of each quantity's first appearance in the metrics
     */
    public static List<Plot> render(Metrics metrics, String experiment, Path dir) {
        List<Plot> plots = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        List<Map.Entry<String, List<Metrics.Series>>> groups = new ArrayList<>(metrics.byQuantity().entrySet());
        groups.sort(Comparator.comparing(group -> !group.getKey().contains("loss")));
        for (Map.Entry<String, List<Metrics.Series>> group : groups) {
            Path file = dir.resolve(uniqueFileName(group.getKey(), taken));
            write(chart(group.getKey(), experiment, group.getValue()), file);
            plots.add(new Plot(group.getKey(), file));
        }
        return List.copyOf(plots);
    }

    /** {@code loss} to {@code loss.png}; characters unsafe in file names become {@code -}. */
    static String fileName(String quantity) {
        return quantity.replaceAll("[^A-Za-z0-9._-]", "-") + ".png";
    }

    private static String uniqueFileName(String quantity, Set<String> taken) {
        String name = fileName(quantity);
        for (int n = 2; !taken.add(name); n++) {
            name = fileName(quantity + "-" + n);
        }
        return name;
    }

    static JFreeChart chart(String quantity, String experiment, List<Metrics.Series> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        int others = 0;
        for (Metrics.Series s : series) {
            XYSeries xy = finitePoints(s);
            int i = data.getSeriesCount();
            data.addSeries(xy);
            Color color = SPLIT_COLORS.get(s.split());
            if (color == null) {
                color = OTHER_COLORS[others++ % OTHER_COLORS.length];
            }
            lines.setSeriesPaint(i, color);
            lines.setSeriesStroke(i, new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            lines.setSeriesShapesVisible(i, xy.getItemCount() <= MAX_MARKED_POINTS);
            if (xy.getItemCount() == 1) {
                lines.setSeriesShape(i, new Ellipse2D.Double(-5, -5, 10, 10));
            }
        }
        NumberAxis steps = new NumberAxis("step");
        steps.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        steps.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, steps, valueAxis(quantity, series), lines);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setOutlinePaint(new Color(0x999999));
        plot.setNoDataMessage("no values recorded");
        JFreeChart chart = new JFreeChart(quantity, new Font(Font.SANS_SERIF, Font.BOLD, 22), plot, true);
        chart.addSubtitle(new TextTitle(experiment, new Font(Font.SANS_SERIF, Font.PLAIN, 14)));
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        chart.getLegend().setFrame(BlockBorder.NONE);
        styleAxis(steps);
        styleAxis(plot.getRangeAxis());
        return chart;
    }

    /** The split's finite points, keyed by the legend label; a series with none says so. */
    private static XYSeries finitePoints(Metrics.Series s) {
        List<Metrics.Point> finite = s.points().stream().filter(p -> Double.isFinite(p.value())).toList();
        // The split names the line; a bare metric such as lr (or an odd loss/loss) keeps its full name.
        String label = s.split().equals(s.quantity()) ? s.name() : s.split();
        if (finite.isEmpty()) {
            label += " (no finite values)";
        }
        XYSeries xy = new XYSeries(label, false, false);
        finite.forEach(p -> xy.add(p.step(), p.value()));
        return xy;
    }

    private static ValueAxis valueAxis(String quantity, List<Metrics.Series> series) {
        double[] positive = series.stream().flatMap(s -> s.points().stream()).mapToDouble(Metrics.Point::value)
                .filter(v -> Double.isFinite(v) && v > 0).toArray();
        boolean allPositive = series.stream().flatMap(s -> s.points().stream())
                .allMatch(p -> !Double.isFinite(p.value()) || p.value() > 0);
        if (quantity.contains("loss") && allPositive && positive.length > 1) {
            double min = Arrays.stream(positive).min().orElseThrow();
            double max = Arrays.stream(positive).max().orElseThrow();
            if (Math.log10(max / min) > LOG_SCALE_DECADES) {
                LogAxis log = new LogAxis(quantity + " (log scale)");
                log.setSmallestValue(min / 10);
                // One label per decade (1, 0.1, 0.01), not JFreeChart's default 2.512E0-style ticks.
                log.setTickUnit(new NumberTickUnit(1.0), false, true);
                log.setNumberFormatOverride(new DecimalFormat(min >= 1e-4 ? "0.####" : "0E0",
                        DecimalFormatSymbols.getInstance(Locale.ROOT)));
                return log;
            }
        }
        NumberAxis linear = new NumberAxis(quantity);
        linear.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
        linear.setAutoRangeIncludesZero(false);
        return linear;
    }

    private static void styleAxis(ValueAxis axis) {
        axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        axis.setTickLabelPaint(Color.DARK_GRAY);
    }

    private static void write(JFreeChart chart, Path file) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
            Files.write(file, png.toByteArray());
        } catch (IOException e) {
            throw new RunFolderException("could not write the plot " + file + ": " + e.getMessage(), e);
        }
    }
}
