package dev.thirty.papers.rnnreg;

import dev.thirty.experiment.Citation;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Headline;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.io.Checkpoint;
import dev.thirty.io.CheckpointException;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code thirty run rnn-regularization --preset ablation}: the comparison the paper is about. One model, the
 * same initial weights and the same data, trained three times ({@link AblationConfig#arms}): without dropout,
 * with dropout on the non-recurrent connections, and with dropout also on {@code h_{t-1} -> h_t}. Each arm's
 * curves are logged under its name ({@code train-none/ppl}, {@code val-none/ppl}, ...), so the report draws the
 * training and validation perplexity of all three in one plot, where the model without dropout overfits: its
 * training perplexity keeps falling while its validation perplexity turns back up.
 *
 * <p>Resume: the checkpoint holds the arm under way ({@code ablation.arm}) and the finished arms' perplexities
 * ({@code ablation.results}); a resumed run skips the finished arms and continues the current one exactly.
 */
public final class AblationExperiment implements Experiment<AblationConfig> {

    static final String ARM = "ablation.arm";
    static final String RESULTS = "ablation.results";
    static final String RATIO = "ablation/ratio";

    /** A finished arm: per-epoch training and validation perplexity, and the test perplexity. */
    record ArmResult(List<double[]> history, double test) {

        double best() {
            return history.stream().mapToDouble(h -> h[1]).min().orElse(Double.NaN);
        }

        double last() {
            return history.getLast()[1];
        }
    }

    @Override
    public String name() {
        return "rnn-regularization";
    }

    @Override
    public String title() {
        return "Recurrent Neural Network Regularization: dropout on non-recurrent connections, an ablation on PTB";
    }

    @Override
    public Citation citation() {
        return new Citation("Zaremba, Sutskever and Vinyals (2014). Recurrent Neural Network Regularization."
                + " arXiv:1409.2329.", "https://arxiv.org/abs/1409.2329");
    }

    @Override
    public Class<AblationConfig> configType() {
        return AblationConfig.class;
    }

    @Override
    public Map<String, AblationConfig> presets() {
        Map<String, AblationConfig> p = new LinkedHashMap<>();
        p.put("ablation", AblationConfig.ablation());
        p.put("tiny", AblationConfig.tiny());
        return p;
    }

    @Override
    public String defaultPreset() {
        return "ablation";
    }

    @Override
    public Headline headline() {
        return new Headline(RATIO, 120.7 / 86.2, 1.05, Headline.Direction.HIGHER,
                "final validation perplexity without dropout over that with dropout on the non-recurrent"
                        + " connections; the paper's Table 1 has 120.7 for its best non-regularised LSTM (2 x 200) and"
                        + " 86.2 for the regularised 2 x 650, a ratio of 1.40 at full size");
    }

    @Override
    public RunResult run(AblationConfig c, RunContext ctx) throws IOException {
        PtbCorpus corpus = PtbCorpus.load(ctx);
        AblationConfig.Arm[] arms = c.arms();
        long[] offsets = new long[arms.length + 1];
        for (int k = 0; k < arms.length; k++) {
            offsets[k + 1] = offsets[k] + PtbTraining.totalSteps(arms[k].config(), corpus);
        }
        List<ArmResult> done = new ArrayList<>();
        int first = 0;
        Checkpoint resume = ctx.resumeFrom().orElse(null);
        if (resume != null) {
            first = armOf(resume, arms.length);
            done.addAll(results(resume, first));
        }
        PtbConfig m = c.model();
        ctx.say(String.format(Locale.ROOT, "rnn-regularization: %d x %d LSTM, %d epochs of %d steps x %d x %d words,"
                        + " dropout %.2f; arms: none, nonrecurrent, naive", m.layers(), m.hidden(), m.epochs(),
                corpus.trainChunks(m).size(), m.batch(), m.seqLength(), c.dropout()));
        for (int k = first; k < arms.length; k++) {
            Map<String, Tensor> extra = Map.of(ARM, Tensor.vector(new float[] {k}), RESULTS, encode(done));
            PtbTraining training = new PtbTraining(arms[k].config(), corpus, ctx, arms[k].name(), ctx.seed(),
                    offsets[k], offsets[arms.length], PtbTraining.adding(extra));
            PtbTraining.Result r = training.run(k == first ? resume : null);
            if (r.interrupted()) {
                return RunResult.interrupted(r.steps());
            }
            done.add(new ArmResult(r.history(), r.test()));
        }
        ctx.writeSamples(report(c, done));
        double ratio = done.get(0).last() / done.get(1).last();
        ctx.log(offsets[arms.length], RATIO, ratio);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(RATIO, ratio);
        for (int k = 0; k < arms.length; k++) {
            metrics.put("val-" + arms[k].name() + "/ppl", done.get(k).last());
            metrics.put("test-" + arms[k].name() + "/ppl", done.get(k).test());
        }
        return RunResult.completed(offsets[arms.length], metrics);
    }

    /** The arms' table, the per-epoch validation perplexities side by side, and what they show. */
    static String report(AblationConfig c, List<ArmResult> done) {
        AblationConfig.Arm[] arms = c.arms();
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "## Dropout ablation%n%n%d x %d LSTM, %d"
                        + " epochs, dropout %.2f where it is on.%n%n| arm | final train | best validation (epoch) |"
                        + " final validation | test |%n|---|---:|---:|---:|---:|%n", c.model().layers(),
                c.model().hidden(), c.model().epochs(), c.dropout()));
        for (int k = 0; k < arms.length; k++) {
            ArmResult r = done.get(k);
            int bestEpoch = 0;
            for (int e = 0; e < r.history().size(); e++) {
                if (r.history().get(e)[1] == r.best()) {
                    bestEpoch = e + 1;
                }
            }
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f (%d) | %.2f | %.2f |%n", arms[k].label(),
                    r.history().getLast()[0], r.best(), bestEpoch, r.last(), r.test()));
        }
        md.append("\n### Validation perplexity by epoch\n\n| epoch |");
        for (AblationConfig.Arm a : arms) {
            md.append(' ').append(a.name()).append(" |");
        }
        md.append("\n|---:|").append("---:|".repeat(arms.length)).append('\n');
        for (int e = 0; e < c.model().epochs(); e++) {
            md.append("| ").append(e + 1).append(" |");
            for (ArmResult r : done) {
                md.append(String.format(Locale.ROOT, " %.2f |", r.history().get(e)[1]));
            }
            md.append('\n');
        }
        double none = done.get(0).last();
        double nonrec = done.get(1).last();
        double naive = done.get(2).last();
        md.append(String.format(Locale.ROOT, "%nDropout on the non-recurrent connections ends at %.2f validation"
                        + " perplexity, %s the model without dropout (%.2f, best %.2f) and %s dropout on the recurrent"
                        + " connections too (%.2f).%n", nonrec, nonrec < none ? "below" : "NOT below", none,
                done.get(0).best(), nonrec < naive ? "below" : "NOT below", naive));
        return md.toString();
    }

    private static int armOf(Checkpoint ck, int arms) throws CheckpointException {
        Tensor t = ck.tensors().get(ARM);
        if (t == null || t.size() != 1 || t.data()[0] < 0 || t.data()[0] >= arms) {
            throw new CheckpointException("rnn-regularization: the checkpoint does not say which arm it is in ("
                    + ARM + ")");
        }
        return (int) t.data()[0];
    }

    /** Finished arms, exactly ({@link PtbRunState#exact}): per arm its epoch count E, E pairs (train, validation), the test. */
    static Tensor encode(List<ArmResult> done) {
        List<Double> v = new ArrayList<>();
        for (ArmResult r : done) {
            v.add((double) r.history().size());
            r.history().forEach(h -> {
                v.add(h[0]);
                v.add(h[1]);
            });
            v.add(r.test());
        }
        return Tensor.vector(v.isEmpty() ? new float[] {Float.NaN}
                : PtbRunState.exact(v.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    static List<ArmResult> results(Checkpoint ck, int count) throws CheckpointException {
        Tensor t = ck.tensors().get(RESULTS);
        if (t == null) {
            throw new CheckpointException("rnn-regularization: the checkpoint holds no " + RESULTS);
        }
        double[] v = PtbRunState.exact(t.data());
        List<ArmResult> out = new ArrayList<>();
        int i = 0;
        try {
            for (int k = 0; k < count; k++) {
                int epochs = (int) v[i++];
                List<double[]> history = new ArrayList<>();
                for (int e = 0; e < epochs; e++) {
                    history.add(new double[] {v[i], v[i + 1]});
                    i += 2;
                }
                out.add(new ArmResult(history, v[i++]));
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new CheckpointException("rnn-regularization: the checkpoint's " + RESULTS + " is too short for "
                    + count + " finished arms");
        }
        return out;
    }
}
