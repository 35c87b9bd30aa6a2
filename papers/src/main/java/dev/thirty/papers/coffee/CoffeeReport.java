package dev.thirty.papers.coffee;

import dev.thirty.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The files of a coffee run beyond metrics.csv: the CSV of all readings, the pictures, samples.md. */
final class CoffeeReport {

    private CoffeeReport() {
    }

    /** One row per model, codec and snapshot: {@code model,codec,time,entropy,complexity,adjusted_complexity}. */
    static void writeCsv(Path file, List<Trajectory> runs) throws IOException {
        StringBuilder csv = new StringBuilder("model,codec,time,entropy,complexity,adjusted_complexity\n");
        for (Trajectory t : runs) {
            for (int k = 0; k < t.codecs().length; k++) {
                for (int i = 0; i < t.times().length; i++) {
                    ComplexityMeter.Reading r = t.readings()[k][i];
                    csv.append(t.model().label()).append(',').append(t.codecs()[k].label()).append(',')
                            .append(t.times()[i]).append(',').append(r.entropy()).append(',')
                            .append(r.complexity()).append(',').append(r.adjustedComplexity()).append('\n');
                }
            }
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    /**
     * The snapshots a picture shows: t = 0, the 3-bucket complexity's peak, the end, and the rest
     * spread evenly (in snapshot index, so evenly in log time by default) around the peak.
     */
    static int[] pictureIndices(Trajectory t, int count) {
        int last = t.times().length - 1;
        int peak = Curves.smoothedPeakIndex(t.curve(Trajectory.Quantity.COMPLEXITY), ScalingQuantity.SMOOTHING);
        int[] idx = new int[count];
        int before = Math.max(1, (int) Math.round((count - 1) * (double) peak / Math.max(1, last)));
        before = Math.min(before, count - 2);
        for (int j = 0; j <= before; j++) {
            idx[j] = (int) Math.round((double) peak * j / before);
        }
        int after = count - 1 - before;
        for (int j = 1; j <= after; j++) {
            idx[before + j] = peak + (int) Math.round((double) (last - peak) * j / after);
        }
        return java.util.Arrays.stream(idx).distinct().toArray();
    }

    /** Writes {@code <model>-grid.png}; returns the Markdown that shows it with its times. */
    static String writePicture(Path dir, Trajectory t, int count) throws IOException {
        int[] idx = pictureIndices(t, count);
        byte[][] states = new byte[idx.length][];
        StringBuilder times = new StringBuilder("| |");
        StringBuilder rule = new StringBuilder("|---|");
        StringBuilder complexity = new StringBuilder("| complexity (" + t.codecs()[0].label() + " bytes) |");
        StringBuilder adjusted = new StringBuilder("| adjusted complexity (" + t.codecs()[0].label() + " bytes) |");
        for (int j = 0; j < idx.length; j++) {
            states[j] = t.states()[idx[j]];
            times.append(String.format(Locale.ROOT, " %.4g sweeps |", t.sweeps()[idx[j]]));
            rule.append("---|");
            complexity.append(' ').append(t.readings()[0][idx[j]].complexity()).append(" |");
            adjusted.append(' ').append(t.readings()[0][idx[j]].adjustedComplexity()).append(" |");
        }
        String file = t.model().label() + "-grid.png";
        GridPictures.write(dir.resolve(file), t.n(), new ComplexityMeter(t.n(), t.window(), t.adjustedWindow()), states);
        return "![" + t.model().label() + " grid](" + file + ")\n\n" + times + "\n" + rule + "\n" + complexity + "\n" + adjusted + "\n";
    }

    static String markdown(CoffeeConfig c, List<Trajectory> runs, List<String> pictures) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## Coffee automaton, %d×%d grid, windows %d×%d (3 buckets) and %d×%d"
                + " (adjusted)%n%n", c.n(), c.n(), c.effectiveWindow(), c.effectiveWindow(),
                c.effectiveAdjustedWindow(), c.effectiveAdjustedWindow()));
        md.append(String.format(Locale.ROOT, "Sizes are compressed bytes. Time is in sweeps: n² attempted swaps for the"
                + " interacting model, one step of each of the %d particles for the non-interacting one. Runs last"
                + " %s·n² and %s·n² sweeps, about five diffusion times, so both end at equilibrium (final entropy"
                + " over its maximum shown). Expected, from §5 and §6 of the paper: entropy rises and levels off;"
                + " the 3-bucket complexity rises and falls; the adjusted complexity of the non-interacting model"
                + " stays flat. The paper's small adjusted bump in the interacting model is, by its authors' own"
                + " later account, an artifact; ours stays about as flat (see the package documentation).%n%n",
                runs.get(0).n() / 2 * runs.get(0).n(), c.interactingRun(), c.nonInteractingRun()));
        md.append("| model | codec | final entropy | final/max entropy | largest entropy drop | max complexity")
                .append(" | complexity peak/ends | complexity peak (sweeps) | max adjusted | adjusted peak/ends |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Trajectory t : runs) {
            for (int k = 0; k < t.codecs().length; k++) {
                int[] e = t.curve(Trajectory.Quantity.ENTROPY, k);
                int[] x = t.curve(Trajectory.Quantity.COMPLEXITY, k);
                int[] a = t.curve(Trajectory.Quantity.ADJUSTED_COMPLEXITY, k);
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.1f%% | %d | %.2f | %.4g | %d | %.2f |%n",
                        t.model().label(), t.codecs()[k].label(), e[e.length - 1],
                        (double) e[e.length - 1] / e[Curves.peakIndex(e)], 100 * Curves.largestDrop(e),
                        x[Curves.peakIndex(x)], Curves.peakOverEnds(x), t.sweeps()[Curves.peakIndex(x)],
                        a[Curves.peakIndex(a)], Curves.peakOverEnds(a)));
            }
        }
        md.append("\nGrids (Figure 2 of the paper): fine-grained state on top, 3-bucket coarse-graining in the")
                .append(" middle, adjusted coarse-graining (7 buckets, row-majority) at the bottom.\n\n");
        for (int i = 0; i < runs.size(); i++) {
            md.append("### ").append(runs.get(i).model().label()).append("\n\n").append(pictures.get(i)).append('\n');
        }
        md.append("All readings: `coffee.csv`.\n");
        return md.toString();
    }
}
