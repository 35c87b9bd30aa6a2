package dev.thirty.papers.ntm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thirty.autograd.GradMode;
import dev.thirty.experiment.Citation;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Headline;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.experiment.TrainingState;
import dev.thirty.nn.Module;
import dev.thirty.nn.functional.BinaryCrossEntropy;
import dev.thirty.nn.functional.Reduction;
import dev.thirty.optim.GradClip;
import dev.thirty.optim.RmsProp;
import dev.thirty.tensor.Layout;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code thirty run ntm}: the Neural Turing Machine learning the copy task (§4.1) with pytorch-ntm's
 * recipe, then its error on longer sequences than it was trained on (the paper's generalisation
 * test). Every training sequence is drawn from the seed and its step alone, and the held-out
 * sequences from a fixed seed, so a resumed run ends bit for bit where an uninterrupted one does.
 */
public final class NtmExperiment implements Experiment<NtmConfig> {

    private static final double LN2 = Math.log(2);
    private static final long HELD_OUT_SEED = 20_141_020L;

    @Override
    public String name() {
        return "ntm";
    }

    @Override
    public String title() {
        return "Neural Turing Machine: an LSTM controller with a 128 x 20 memory learns to copy sequences";
    }

    @Override
    public Citation citation() {
        return new Citation("Graves, Wayne and Danihelka (2014). Neural Turing Machines. arXiv:1410.5401; the"
                + " training recipe of pytorch-ntm (loudinthecloud/pytorch-ntm).", "https://arxiv.org/abs/1410.5401");
    }

    @Override
    public Class<NtmConfig> configType() {
        return NtmConfig.class;
    }

    @Override
    public Map<String, NtmConfig> presets() {
        Map<String, NtmConfig> p = new LinkedHashMap<>();
        p.put("copy", NtmConfig.copy());
        p.put("lstm", NtmConfig.lstm());
        p.put("ci", NtmConfig.ci());
        return p;
    }

    @Override
    public String defaultPreset() {
        return "copy";
    }

    @Override
    public Headline headline() {
        return new Headline("eval/wrong_bits", 0.0, 0.1, Headline.Direction.LOWER,
                "wrong bits per sequence on held-out copy sequences of the training lengths after the run;"
                        + " the paper's NTM reaches about 0, pytorch-ntm's four published runs pass 0.1 by 7.9k-22.6k"
                        + " sequences");
    }

    /** Cost (bits, summed over the sequence) and wrong bits of one batch-1 episode. */
    record Outcome(Tensor loss, int wrongBits) {
    }

    /** The NTM or the LSTM baseline, as the training loop sees it: its module and how it runs an episode. */
    record CopyModel(Module module, Function<CopyTask.Episode, Outcome> episode) {
    }

    static CopyModel of(NtmConfig c, long seed) {
        if (c.model().equals("lstm")) {
            LstmBaseline lstm = new LstmBaseline(CopyTask.INPUT, CopyTask.BITS, c.lstmHidden(), c.lstmLayers(),
                    Rng.seeded(seed));
            return new CopyModel(lstm, e -> baselineEpisode(lstm, e));
        }
        Ntm ntm = new Ntm(CopyTask.INPUT, CopyTask.BITS, c.hidden(), c.rows(), c.width(), 1, 1, Rng.seeded(seed));
        return new CopyModel(ntm, e -> episode(ntm, e));
    }

    /** The baseline over {@code e}: logits of the output phase against the sequence. */
    static Outcome baselineEpisode(LstmBaseline lstm, CopyTask.Episode e) {
        Tensor logits = lstm.forward(e.sequence()).slice(1, e.length() + 1, e.steps());   // (B, L, 8)
        Tensor[] targets = new Tensor[e.length()];
        for (int j = 0; j < targets.length; j++) {
            targets[j] = e.target(j);
        }
        Tensor target = Layout.stack(1, targets);                                          // (B, L, 8)
        return new Outcome(BinaryCrossEntropy.withLogits(logits, target, Reduction.SUM),
                wrongBits(logits.data(), target.data()));
    }

    /** Output bits on the wrong side of 1/2 (logit 0). */
    static int wrongBits(float[] logits, float[] targets) {
        int wrong = 0;
        for (int k = 0; k < logits.length; k++) {
            wrong += (logits[k] > 0) != (targets[k] > 0.5f) ? 1 : 0;
        }
        return wrong;
    }

    /** Runs {@code ntm} over {@code e}; the loss is the summed binary cross-entropy of the output phase. */
    static Outcome episode(Ntm ntm, CopyTask.Episode e) {
        Ntm.State s = ntm.initialState(e.batch());
        Tensor loss = null;
        int wrong = 0;
        for (int t = 0; t < e.steps(); t++) {
            Ntm.Step step = ntm.step(e.input(t), s);
            s = step.state();
            int j = t - e.length() - 1;
            if (j >= 0) {
                Tensor target = e.target(j);
                Tensor l = BinaryCrossEntropy.withLogits(step.logits(), target, Reduction.SUM);
                loss = loss == null ? l : loss.add(l);
                wrong += wrongBits(step.logits().data(), target.data());
            }
        }
        return new Outcome(loss, wrong);
    }

    /** Mean cost in bits and wrong bits per sequence over {@code count} held-out sequences. */
    static double[] evaluate(CopyModel model, int count, int minLength, int maxLength) {
        Rng rng = Rng.seeded(HELD_OUT_SEED + 1000L * maxLength + minLength);
        return GradMode.noGrad(() -> {
            double bits = 0;
            double wrong = 0;
            for (int i = 0; i < count; i++) {
                Outcome o = model.episode().apply(CopyTask.sample(rng, 1, minLength, maxLength));
                bits += o.loss().item() / LN2;
                wrong += o.wrongBits();
            }
            return new double[] {bits / count, wrong / count};
        });
    }

    @Override
    public RunResult run(NtmConfig c, RunContext ctx) throws IOException {
        CopyModel model = of(c, ctx.seed());
        Module ntm = model.module();
        RmsProp opt = new RmsProp(ntm.parameters(),
                RmsProp.Config.defaults().withAlpha(c.alpha()).withMomentum(c.momentum()), c.lr());
        long start = 0;
        if (ctx.resumeFrom().isPresent()) {
            TrainingState.restore(ctx.resumeFrom().get(), ntm, opt);
            start = ctx.resumeFrom().get().step();
        }
        ctx.say(c.model().equals("ntm")
                ? String.format(Locale.ROOT, "ntm: copy, lengths %d-%d, memory %d x %d, LSTM %d, %,d parameters",
                        c.minLength(), c.maxLength(), c.rows(), c.width(), c.hidden(), ntm.parameterCount())
                : String.format(Locale.ROOT, "ntm: copy, lengths %d-%d, the LSTM baseline %d x %d, %,d parameters",
                        c.minLength(), c.maxLength(), c.lstmLayers(), c.lstmHidden(), ntm.parameterCount()));
        StepArena arena = new StepArena();
        for (long step = start; step < c.sequences(); step++) {
            CopyTask.Episode e = CopyTask.sample(Rng.forStep(ctx.seed() + 1, step), 1, c.minLength(), c.maxLength());
            double bits;
            int wrong;
            try (StepArena.Scope s = arena.open()) {
                opt.zeroGrad();
                Outcome o = model.episode().apply(e);
                o.loss().backward();
                GradClip.clipValues(ntm.parameters(), c.clip());
                opt.step();
                bits = o.loss().item() / LN2;
                wrong = o.wrongBits();
            }
            long done = step + 1;
            if (!Double.isFinite(bits)) {
                throw new IllegalStateException("ntm: the training cost became " + bits + " at sequence " + done
                        + "; the weights before it are in the last checkpoint; try a smaller lr (now " + c.lr() + ")");
            }
            ctx.progress(done, c.sequences(), bits);
            if (done % 100 == 0) {
                ctx.log(done, "train/cost_bits", bits);
                ctx.log(done, "train/wrong_bits", wrong);
            }
            if (done % c.evalEvery() == 0 || done == c.sequences()) {
                double[] ev = evaluate(model, c.evalSequences(), c.minLength(), c.maxLength());
                ctx.log(done, "eval/cost_bits", ev[0]);
                ctx.log(done, "eval/wrong_bits", ev[1]);
            }
            if (done < c.sequences() && ctx.checkpointDue(done)) {
                save(done, ntm, opt, c, ctx);
                if (ctx.stopRequested()) {
                    return RunResult.interrupted(done);
                }
            }
        }
        save(c.sequences(), ntm, opt, c, ctx);

        Map<String, Double> metrics = new LinkedHashMap<>();
        double[] trained = evaluate(model, c.evalSequences(), c.minLength(), c.maxLength());
        metrics.put("eval/wrong_bits", trained[1]);
        metrics.put("eval/cost_bits", trained[0]);
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "## Copy: error against sequence length (%s)%n%n"
                + "Trained on lengths %d-%d for %,d sequences; %d held-out sequences of each length.%n%n"
                + "| length | wrong bits per sequence | of the sequence's bits | cost (bits) |%n|---:|---:|---:|---:|%n",
                c.model().equals("ntm") ? "NTM" : "LSTM baseline", c.minLength(), c.maxLength(), c.sequences(),
                c.evalSequences()));
        md.append(String.format(Locale.ROOT, "| %d-%d (training) | %.2f | %.2f%% | %.2f |%n", c.minLength(),
                c.maxLength(), trained[1], 100 * trained[1] / (CopyTask.BITS * (c.minLength() + c.maxLength()) / 2.0),
                trained[0]));
        for (int length : c.lengths()) {
            double[] r = evaluate(model, c.evalSequences(), length, length);
            metrics.put("generalisation/wrong_bits_" + length, r[1]);
            md.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f%% | %.2f |%n", length, r[1],
                    100 * r[1] / (CopyTask.BITS * length), r[0]));
        }
        ctx.writeSamples(md.toString());
        return RunResult.completed(c.sequences(), metrics);
    }

    private static void save(long step, Module ntm, RmsProp opt, NtmConfig c, RunContext ctx) throws IOException {
        ctx.saveCheckpoint(TrainingState.capture(step, ntm, opt, Map.of(), new ObjectMapper().valueToTree(c)));
    }
}
