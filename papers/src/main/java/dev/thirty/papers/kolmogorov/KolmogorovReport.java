package dev.thirty.papers.kolmogorov;

import dev.thirty.io.compress.Codec;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run's samples.md: the counting table, the NCD matrix, the linkage trees and the summary. */
final class KolmogorovReport {

    private KolmogorovReport() {
    }

    static String markdown(KolmogorovConfig c, List<Incompressibility> counts, List<String> names,
                           Map<Codec, double[][]> matrices, Map<String, Double> summary, Linkage tree) {
        double[] range = NcdPicture.offDiagonalRange(matrices.get(c.ncdCodec()));
        StringBuilder md = new StringBuilder();
        md.append("# Kolmogorov complexity by compression\n\n## Incompressibility counting\n\n")
                .append(String.format(Locale.ROOT, "%d uniformly random strings of %d bytes per compressor. Cell:"
                        + " fraction shortened by at least c bits; the counting bound is 2^-c.%n%n", c.strings(), c.length()));
        md.append("| c | bound 2^-c |");
        counts.forEach(inc -> md.append(' ').append(inc.compressor().label()).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(counts.size())).append('\n');
        for (int bits = 1; bits <= c.maxBits(); bits++) {
            md.append("| ").append(bits).append(" | ").append(num(Incompressibility.bound(bits))).append(" |");
            for (Incompressibility inc : counts) {
                md.append(' ').append(num(inc.fraction(bits))).append(" |");
            }
            md.append('\n');
        }
        md.append("| overhead, bytes (mean / min) | 0 |");
        counts.forEach(inc -> md.append(String.format(Locale.ROOT, " %.1f / %d |", inc.meanOverhead(), inc.minOverhead())));
        md.append("\n\nEvery compressor adds its framing (header, checksum, block markers) and finds no structure"
                + " in random bytes, so every random string grows and the measured fractions are 0: consistent"
                + " with the bound, which no compressor (nor K itself) can beat, but far below it. The bound is"
                + " about how many short descriptions exist, not about what these compressors reach.\n\n");
        md.append("The plot `shortened_fraction.png` draws these columns against c, the bound among them.\n\n");
        md.append("## Normalized compression distance\n\nNCD(x,y) = (C(xy) - min(C(x),C(y))) / max(C(x),C(y)),"
                        + " symmetrised over xy and yx. Slices of ").append(c.sliceBytes()).append(" bytes.\n\n");
        md.append("![NCD clustering](").append(KolmogorovExperiment.PICTURE).append(")\n\n")
                .append("The ").append(c.ncdCodec().label()).append(String.format(Locale.ROOT, " NCD matrix as a heat"
                        + " map (dark blue: NCD %.3f or less, white: %.3f, the range between different slices) with its"
                        + " average-linkage dendrogram on the left, merges drawn at their distance. Rows and columns,"
                        + " top to bottom and left to right:", range[0], range[1]));
        for (int leaf : tree.leaves()) {
            md.append(" `").append(names.get(leaf)).append('`');
        }
        md.append(".\n\n");
        for (Map.Entry<Codec, double[][]> e : matrices.entrySet()) {
            appendMatrix(md, e.getKey(), names, e.getValue(), summary);
        }
        md.append("## Summary\n\n| metric | value |\n|---|---|\n");
        summary.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(num(v)).append(" |\n"));
        return md.toString();
    }

    private static void appendMatrix(StringBuilder md, Codec codec, List<String> names, double[][] d,
                                     Map<String, Double> summary) {
        String p = "ncd/" + codec.label() + "/";
        md.append("### ").append(codec.label()).append("\n\n|  |");
        names.forEach(n -> md.append(' ').append(n).append(" |"));
        md.append("\n|---|").append("---|".repeat(names.size())).append('\n');
        for (int i = 0; i < names.size(); i++) {
            md.append("| ").append(names.get(i)).append(" |");
            for (int j = 0; j < names.size(); j++) {
                md.append(String.format(Locale.ROOT, " %.3f |", d[i][j]));
            }
            md.append('\n');
        }
        md.append(String.format(Locale.ROOT, "%nMean NCD same source %.3f, cross source %.3f; same-source pair closer"
                        + " in %.1f%% of (same, cross) combinations; nearest neighbour shares the source for %.0f%%.%n%n",
                summary.get(p + "mean_same"), summary.get(p + "mean_cross"),
                100 * summary.get(p + "same_closer_fraction"), 100 * summary.get(p + "nearest_same_source")));
        md.append("Average-linkage tree: `").append(Linkage.averageLinkage(d, names)).append("`\n\n");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
