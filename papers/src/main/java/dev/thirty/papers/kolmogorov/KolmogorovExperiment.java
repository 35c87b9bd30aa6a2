package dev.thirty.papers.kolmogorov;

import dev.thirty.experiment.Citation;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Headline;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.io.compress.Codec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code thirty run kolmogorov}: compression as an upper bound on Kolmogorov complexity, two ways.
 *
 * <ol>
 *   <li>Incompressibility counting ({@link Incompressibility}): for every compressor, the fraction
 *       of random strings shortened by at least c bits, against the bound 2^−c. Metrics at step c:
 *       {@code <codec>/shortened_fraction} and {@code bound/shortened_fraction}, which the run's
 *       report draws as one plot.</li>
 *   <li>Normalized compression distance ({@link Ncd}) between slices of real text
 *       ({@link TextSlice}), its matrix, an average-linkage tree ({@link Linkage}), how well it
 *       separates sources ({@link SourceSeparation}), and a picture of matrix and tree
 *       ({@link NcdPicture}, {@code ncd-clustering.png}).</li>
 * </ol>
 *
 * <p>Reproducibility: compressor k's strings come from {@code new SplittableRandom(seed + k)}.
 */
public final class KolmogorovExperiment implements Experiment<KolmogorovConfig> {

    static final String HEADLINE = "ncd/same_closer_fraction";
    /** The quantity of the counting curves: one line per compressor and one for the bound 2^−c. */
    static final String SHORTENED = "shortened_fraction";
    /** The heat map and dendrogram of the headline compressor's NCD matrix. */
    static final String PICTURE = "ncd-clustering.png";

    @Override
    public String name() {
        return "kolmogorov";
    }

    @Override
    public String title() {
        return "Kolmogorov complexity by compression: incompressibility counting and NCD";
    }

    @Override
    public Citation citation() {
        return new Citation("Li and Vitányi, An Introduction to Kolmogorov Complexity and Its Applications, §2.2"
                + " (incompressibility); Cilibrasi and Vitányi 2005, Clustering by Compression (NCD);"
                + " context: Aaronson 2011, The First Law of Complexodynamics",
                "https://arxiv.org/abs/cs/0312044");
    }

    @Override
    public Class<KolmogorovConfig> configType() {
        return KolmogorovConfig.class;
    }

    @Override
    public Map<String, KolmogorovConfig> presets() {
        Map<String, KolmogorovConfig> p = new LinkedHashMap<>();
        p.put("cpu", KolmogorovConfig.cpu());
        p.put("tiny", KolmogorovConfig.tiny());
        return p;
    }

    @Override
    public Headline headline() {
        return new Headline(HEADLINE, Double.NaN, 0.9, Headline.Direction.HIGHER,
                "fraction of (same-source pair, cross-source pair) combinations where the same-source pair has"
                        + " the smaller NCD; the papers show trees, not this number; 0.9 is this project's target");
    }

    @Override
    public RunResult run(KolmogorovConfig c, RunContext ctx) throws IOException {
        Codec[] codecs = Codec.values();
        List<Incompressibility> counts = new ArrayList<>();
        Map<String, Double> summary = new LinkedHashMap<>();
        for (int k = 0; k < codecs.length; k++) {
            Incompressibility inc = Incompressibility.measure(codecs[k], c.strings(), c.length(), c.maxBits(),
                    new SplittableRandom(ctx.seed() + k));
            counts.add(inc);
            for (int bits = 1; bits <= c.maxBits(); bits++) {
                ctx.log(bits, codecs[k].label() + "/" + SHORTENED, inc.fraction(bits));
            }
            summary.put("incompressible/" + codecs[k].label() + "/mean_overhead_bytes", inc.meanOverhead());
            summary.put("incompressible/" + codecs[k].label() + "/worst_excess_sigma", inc.worstExcessInErrors());
            ctx.progress(k + 1, codecs.length + 1, Double.NaN);
        }
        for (int bits = 1; bits <= c.maxBits(); bits++) {
            ctx.log(bits, "bound/" + SHORTENED, Incompressibility.bound(bits));
        }
        if (ctx.stopRequested()) {
            return RunResult.interrupted(codecs.length);
        }
        List<TextSlice> slices = TextSlice.load(ctx, c.sliceBytes());
        byte[][] items = slices.stream().map(TextSlice::bytes).toArray(byte[][]::new);
        List<String> names = slices.stream().map(TextSlice::name).toList();
        List<String> sources = slices.stream().map(TextSlice::source).toList();
        Map<Codec, double[][]> matrices = new LinkedHashMap<>();
        for (Codec codec : codecs) {
            double[][] d = Ncd.matrix(codec, items);
            matrices.put(codec, d);
            SourceSeparation sep = SourceSeparation.of(d, sources);
            String p = "ncd/" + codec.label() + "/";
            summary.put(p + "mean_same", sep.meanSame());
            summary.put(p + "mean_cross", sep.meanCross());
            summary.put(p + "same_closer_fraction", sep.sameCloser());
            summary.put(p + "nearest_same_source", sep.nearestSame());
        }
        summary.put(HEADLINE, summary.get("ncd/" + c.ncdCodec().label() + "/same_closer_fraction"));
        double[][] headlineMatrix = matrices.get(c.ncdCodec());
        Linkage tree = Linkage.average(headlineMatrix);
        NcdPicture.write(ctx.runDir().resolve(PICTURE), headlineMatrix, tree);
        ctx.progress(codecs.length + 1, codecs.length + 1, Double.NaN);
        ctx.writeSamples(KolmogorovReport.markdown(c, counts, names, matrices, summary, tree));
        return RunResult.completed(codecs.length + 1, summary);
    }
}
