package dev.thirty.experiment.vision;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Counts of (actual class, predicted class) pairs over a test set, with what is read off them:
 * the error rate {@code 1 - trace / total} (the number image-classification papers report), each
 * class's recall (its per-class accuracy, {@code C[c][c] / sum_j C[c][j]}) and precision
 * ({@code C[c][c] / sum_i C[i][c]}).
 *
 * <p>Rows are actual classes, columns predicted ones, both in the order of the class names. As
 * text: {@link #toCsv()} (the counts, with a header row and column of names) and
 * {@link #toMarkdown()} (the counts with recall and precision); as a picture: {@link #render}.
 */
public final class ConfusionMatrix {

    private final List<String> classNames;
    private final int[] counts;
    private final int classes;
    private final int total;

    private ConfusionMatrix(List<String> classNames, int[] counts, int total) {
        this.classNames = classNames;
        this.counts = counts;
        this.classes = classNames.size();
        this.total = total;
    }

    /**
     * Counts each {@code (actual[i], predicted[i])}.
     *
     * @param classNames one per class index, distinct, none blank or spanning lines
     * @throws IllegalArgumentException when the arrays differ in length or are empty, a label is
     *                                  not a class index, or the names are not as above
     */
    public static ConfusionMatrix of(int[] predicted, int[] actual, List<String> classNames) {
        checkNames(classNames);
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException("predicted has " + predicted.length + " labels but actual has "
                    + actual.length);
        }
        if (predicted.length == 0) {
            throw new IllegalArgumentException("no predictions: a confusion matrix needs at least one");
        }
        int n = classNames.size();
        int[] counts = new int[n * n];
        for (int i = 0; i < predicted.length; i++) {
            checkLabel("actual", i, actual[i], n);
            checkLabel("predicted", i, predicted[i], n);
            counts[actual[i] * n + predicted[i]]++;
        }
        return new ConfusionMatrix(List.copyOf(classNames), counts, predicted.length);
    }

    private static void checkNames(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("a confusion matrix needs at least one class name");
        }
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            if (name == null || name.isBlank() || name.contains("\n") || name.contains("\r")) {
                throw new IllegalArgumentException("class " + c + " needs a one-line name, got "
                        + (name == null ? "null" : "'" + name + "'"));
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("class name '" + name + "' is given twice (again for class " + c
                        + ")");
            }
        }
    }

    private static void checkLabel(String which, int i, int label, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException(which + "[" + i + "] = " + label + " is not a class index in [0, "
                    + classes + ")");
        }
    }

    public int classes() {
        return classes;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** How many examples of class {@code actual} were predicted as {@code predicted}. */
    public int count(int actual, int predicted) {
        checkClass(actual);
        checkClass(predicted);
        return counts[actual * classes + predicted];
    }

    /** Examples counted. */
    public int total() {
        return total;
    }

    /** Examples predicted correctly: the trace. */
    public int correct() {
        return sum(0, classes + 1);
    }

    /** {@code correct / total}. */
    public double accuracy() {
        return (double) correct() / total;
    }

    /** {@code 1 - accuracy}: the fraction predicted wrongly. */
    public double error() {
        return (double) (total - correct()) / total;
    }

    /** Examples whose actual class is {@code c}: row {@code c}'s sum. */
    public int actualCount(int c) {
        checkClass(c);
        return sum(c * classes, 1);
    }

    /** Examples predicted as {@code c}: column {@code c}'s sum. */
    public int predictedCount(int c) {
        checkClass(c);
        return sum(c, classes);
    }

    /** The sum of {@code classes} counts from {@code first}, {@code stride} apart: a row or a column. */
    private int sum(int first, int stride) {
        int sum = 0;
        for (int i = 0; i < classes; i++) {
            sum += counts[first + i * stride];
        }
        return sum;
    }

    /** The per-class accuracy of {@code c}: the fraction of its examples predicted as {@code c}; NaN if it has none. */
    public double recall(int c) {
        int n = actualCount(c);
        return n == 0 ? Double.NaN : (double) counts[c * classes + c] / n;
    }

    /** The fraction of predictions of {@code c} that were right; NaN if {@code c} was never predicted. */
    public double precision(int c) {
        int n = predictedCount(c);
        return n == 0 ? Double.NaN : (double) counts[c * classes + c] / n;
    }

    /**
     * The counts as CSV: a header {@code actual\predicted,<names>}, then one row per actual class,
     * its name first. Names holding a comma or a quote are quoted as RFC 4180 says.
     */
    public String toCsv() {
        StringBuilder csv = new StringBuilder(csvField("actual\\predicted"));
        for (String name : classNames) {
            csv.append(',').append(csvField(name));
        }
        csv.append('\n');
        for (int i = 0; i < classes; i++) {
            csv.append(csvField(classNames.get(i)));
            for (int j = 0; j < classes; j++) {
                csv.append(',').append(counts[i * classes + j]);
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /**
     * The counts as a Markdown table, rows actual and columns predicted, with each class's recall
     * in a last column and its precision in a last row, as percentages ({@code n/a} where undefined).
     */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder("| actual \\ predicted |");
        for (String name : classNames) {
            md.append(' ').append(markdownCell(name)).append(" |");
        }
        md.append(" recall |\n|---|").append("---:|".repeat(classes + 1)).append('\n');
        for (int i = 0; i < classes; i++) {
            md.append("| ").append(markdownCell(classNames.get(i))).append(" |");
            for (int j = 0; j < classes; j++) {
                md.append(' ').append(counts[i * classes + j]).append(" |");
            }
            md.append(' ').append(percent(recall(i))).append(" |\n");
        }
        md.append("| precision |");
        for (int j = 0; j < classes; j++) {
            md.append(' ').append(percent(precision(j))).append(" |");
        }
        return md.append("  |\n").toString();
    }

    /** The heat map as a picture; see {@link HeatMap}. */
    public BufferedImage render(HeatMap style) {
        return ConfusionPicture.render(this, style);
    }

    /** {@link #render} written to {@code file} as PNG, atomically. */
    public void writePng(Path file, HeatMap style) throws IOException {
        Canvas.writePng(file, render(style));
    }

    /** What is written on the heat map besides its colours. */
    public enum Annotation {
        /** Colours only: drawn without fonts, so it works on any machine. */
        NONE,
        /** Each cell's count (needs a font, as the run plots do). */
        COUNTS,
        /** Counts, plus the class names along both axes and which axis is which. */
        COUNTS_AND_NAMES
    }

    /**
     * How the heat map is drawn: one {@code cellPixels}-square cell per (actual, predicted) pair,
     * shaded from white (none of the row's examples) to dark blue (all of them), so classes with
     * different numbers of examples compare fairly.
     */
    public record HeatMap(int cellPixels, Annotation annotation) {

        public HeatMap {
            if (cellPixels < 1 || annotation == null) {
                throw new IllegalArgumentException("a heat map needs cellPixels >= 1 and an annotation, got "
                        + cellPixels + " and " + annotation);
            }
        }

        /** 48-pixel cells with counts and class names: for a report. */
        public static HeatMap labelled() {
            return new HeatMap(48, Annotation.COUNTS_AND_NAMES);
        }

        /** 16-pixel cells, colours only: for machines without fonts. */
        public static HeatMap plain() {
            return new HeatMap(16, Annotation.NONE);
        }
    }

    /** The count in row {@code actual}, column {@code predicted}, without the range checks. */
    int at(int actual, int predicted) {
        return counts[actual * classes + predicted];
    }

    private void checkClass(int c) {
        if (c < 0 || c >= classes) {
            throw new IllegalArgumentException("class " + c + " is not in [0, " + classes + ")");
        }
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String markdownCell(String s) {
        return s.replace("|", "\\|");
    }
}
