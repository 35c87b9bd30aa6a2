package dev.thirty.papers.coffee;

import dev.thirty.experiment.Citation;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Headline;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code thirty run coffee}: both automata at one grid size, entropy and apparent complexity
 * against time (Figures 3 and 4 of the paper), with a second compressor beside the paper's gzip,
 * pictures of the grid and its coarse-grainings (Figure 2), and a CSV of every measurement.
 *
 * <p>Metrics: {@code <model>/<quantity>} with the main codec and {@code <model>-<codec>/<quantity>}
 * with the check codec, quantities {@code entropy}, {@code complexity} and
 * {@code adjusted_complexity}, in compressed bytes, at step = the model's time in moves.
 *
 * <p>Reproducibility: model m draws its moves from {@code new SplittableRandom(seed + m)}.
 */
public final class CoffeeExperiment implements Experiment<CoffeeConfig> {

    static final String HEADLINE = "interacting/complexity_peak_over_ends";

    @Override
    public String name() {
        return "coffee";
    }

    @Override
    public String title() {
        return "The coffee automaton: entropy rises, complexity rises and falls";
    }

    @Override
    public Citation citation() {
        return new Citation("Aaronson, Carroll and Ouellette (2014). Quantifying the Rise and Fall of Complexity"
                + " in Closed Systems: The Coffee Automaton. arXiv:1405.6903.", "https://arxiv.org/abs/1405.6903");
    }

    @Override
    public Class<CoffeeConfig> configType() {
        return CoffeeConfig.class;
    }

    @Override
    public Map<String, CoffeeConfig> presets() {
        Map<String, CoffeeConfig> p = new LinkedHashMap<>();
        p.put("cpu", CoffeeConfig.cpu());
        p.put("paper", CoffeeConfig.paper());
        p.put("tiny", CoffeeConfig.tiny());
        return p;
    }

    @Override
    public Headline headline() {
        return new Headline(HEADLINE, Double.NaN, 2.0, Headline.Direction.HIGHER,
                "the paper shows the curve (Fig. 3, interacting model, 3-bucket coarse-graining) without a number:"
                        + " it starts low, peaks once and falls back; ours is the peak over the larger end value");
    }

    @Override
    public RunResult run(CoffeeConfig c, RunContext ctx) throws IOException {
        List<Trajectory> runs = new ArrayList<>();
        long total = 0;
        for (Model m : Model.values()) {
            total += SnapshotTimes.of(m.runLength(c), c.snapshots(), c.spacing()).length;
        }
        long[] done = {0};
        long totalSnapshots = total;
        ctx.say("coffee: n=" + c.n() + ", windows " + c.effectiveWindow() + " and " + c.effectiveAdjustedWindow()
                + " (adjusted), codecs " + c.codec() + " and " + c.checkCodec());
        for (Model m : Model.values()) {
            Trajectory t = Trajectory.record(m, c, new SplittableRandom(ctx.seed() + m.ordinal()),
                    (i, time, readings) -> {
                        log(ctx, m, time, readings, c);
                        ctx.progress(++done[0], totalSnapshots, Double.NaN);
                        return !ctx.stopRequested();
                    });
            runs.add(t);
            if (!t.complete(c)) {
                return RunResult.interrupted(done[0]);
            }
        }
        CoffeeReport.writeCsv(ctx.runDir().resolve("coffee.csv"), runs);
        List<String> pictures = new ArrayList<>();
        for (Trajectory t : runs) {
            pictures.add(CoffeeReport.writePicture(ctx.runDir(), t, c.pictures()));
        }
        ctx.writeSamples(CoffeeReport.markdown(c, runs, pictures));
        return RunResult.completed(done[0], summary(runs));
    }

    private static void log(RunContext ctx, Model m, long time, ComplexityMeter.Reading[] readings, CoffeeConfig c) {
        for (int k = 0; k < readings.length; k++) {
            String split = k == 0 ? m.label() : m.label() + "-" + c.checkCodec().label();
            for (Trajectory.Quantity q : Trajectory.Quantity.values()) {
                ctx.log(time, split + "/" + q.label(), q.of(readings[k]));
            }
        }
    }

    /** The final numbers: per model, the peaks and the adjusted complexity's peak over its ends. */
    static Map<String, Double> summary(List<Trajectory> runs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Trajectory t : runs) {
            String m = t.model().label();
            int[] adjusted = t.curve(Trajectory.Quantity.ADJUSTED_COMPLEXITY);
            out.put(m + "/adjusted_peak_over_ends", Curves.peakOverEnds(adjusted));
            out.put(m + "/complexity_peak_over_ends", Curves.peakOverEnds(t.curve(Trajectory.Quantity.COMPLEXITY)));
            int[] entropy = t.curve(Trajectory.Quantity.ENTROPY);
            out.put(m + "/max_entropy", (double) entropy[Curves.peakIndex(entropy)]);
            out.put(m + "/max_adjusted_complexity", (double) adjusted[Curves.peakIndex(adjusted)]);
            out.put(m + "/adjusted_peak_sweeps", t.sweeps()[Curves.peakIndex(adjusted)]);
            out.put(m + "/entropy_final_over_max", (double) entropy[entropy.length - 1] / entropy[Curves.peakIndex(entropy)]);
        }
        return out;
    }
}
