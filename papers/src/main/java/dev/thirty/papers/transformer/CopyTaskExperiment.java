package dev.thirty.papers.transformer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thirty.experiment.Citation;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Headline;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.experiment.TrainingState;
import dev.thirty.nn.attention.AttentionMask;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.nn.functional.Reduction;
import dev.thirty.optim.Adam;
import dev.thirty.optim.LearningRateSchedule;
import dev.thirty.optim.Schedules;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code thirty run transformer-copy}: the Annotated Transformer's first experiment. A two-layer
 * encoder-decoder learns to copy random sequences of 10 symbols; Adam with the Noam schedule
 * (§5.3), label smoothing (§5.4); judged by greedy decoding of fresh sequences.
 *
 * <p>Reproducibility: the weights come from {@code Rng.seeded(seed)}; the batch of step s from
 * {@code Rng.seeded(seed + 1 + s)}, so a resumed run sees the same batches; the evaluation
 * sequences from {@code Rng.seeded(seed - 1)}, never seen in training (up to chance repeats).
 */
public final class CopyTaskExperiment implements Experiment<CopyTaskConfig> {

    @Override
    public String name() {
        return "transformer-copy";
    }

    @Override
    public String title() {
        return "Attention Is All You Need: the copy task";
    }

    @Override
    public Citation citation() {
        return new Citation("Vaswani et al. (2017). Attention Is All You Need. NeurIPS; Rush (2018), The Annotated"
                + " Transformer, §A First Example.", "https://arxiv.org/abs/1706.03762");
    }

    @Override
    public Class<CopyTaskConfig> configType() {
        return CopyTaskConfig.class;
    }

    @Override
    public Map<String, CopyTaskConfig> presets() {
        Map<String, CopyTaskConfig> p = new LinkedHashMap<>();
        p.put("cpu", CopyTaskConfig.cpu());
        p.put("paper", CopyTaskConfig.paper());
        p.put("tiny", CopyTaskConfig.tiny());
        return p;
    }

    @Override
    public Headline headline() {
        return new Headline("test/exact_copy", 1.0, 1.0, Headline.Direction.HIGHER,
                "The Annotated Transformer: greedy decoding reproduces the source after 20 epochs of 20 batches");
    }

    @Override
    public RunResult run(CopyTaskConfig c, RunContext ctx) throws IOException {
        TransformerConfig m = c.model();
        Transformer model = new Transformer(m, Rng.seeded(ctx.seed()));
        Adam adam = new Adam(model.parameters(), new Adam.Config(0.9, 0.98, 1e-9, 0), 0);
        LearningRateSchedule lr = new Schedules.Noam(m.dModel(), c.warmup(), c.factor());
        CrossEntropy.Options loss = new CrossEntropy.Options(Reduction.MEAN, CopyTask.PAD, c.labelSmoothing());
        long start = 0;
        if (ctx.resumeFrom().isPresent()) {
            TrainingState.restore(ctx.resumeFrom().get(), model, adam);
            start = ctx.resumeFrom().get().step();
        }
        model.train();
        StepArena arena = new StepArena();  // each step reuses the arrays of the one before
        for (long step = start; step < c.steps(); step++) {
            float l;
            try (StepArena.Scope s = arena.open()) {
                l = trainStep(model, adam, lr.at(step), loss, c, Rng.seeded(ctx.seed() + 1 + step));
            }
            long done = step + 1;
            if (!Float.isFinite(l)) {
                throw new IllegalStateException("transformer-copy: the loss became " + l + " at step " + done);
            }
            ctx.progress(done, c.steps(), l);
            if (done % 20 == 0 || done == c.steps()) {
                ctx.log(done, "train/loss", l);
                ctx.log(done, "lr", lr.at(step));
            }
            if (done < c.steps() && ctx.checkpointDue(done)) {
                ctx.saveCheckpoint(TrainingState.capture(done, model, adam, Map.of(), new ObjectMapper().valueToTree(c)));
                if (ctx.stopRequested()) {
                    return RunResult.interrupted(done);
                }
            }
        }
        double exact = evaluate(model, c, ctx);
        ctx.log(c.steps(), "test/exact_copy", exact);
        ctx.saveCheckpoint(TrainingState.capture(c.steps(), model, adam, Map.of(), new ObjectMapper().valueToTree(c)));
        return RunResult.completed(c.steps(), Map.of("test/exact_copy", exact));
    }

    /** One step on a fresh batch: teacher forcing, the decoder reads positions 0..L-2 and predicts 1..L-1. */
    static float trainStep(Transformer model, Adam adam, double lr, CrossEntropy.Options loss, CopyTaskConfig c,
                           Rng batchRng) {
        int b = c.batch();
        int len = c.length();
        int[] src = CopyTask.sequences(b, len, c.model().vocab(), batchRng);
        int[] tgtIn = CopyTask.columns(src, b, len, 0, len - 1);
        int[] tgtOut = CopyTask.columns(src, b, len, 1, len);
        AttentionMask srcMask = AttentionMask.padding(src, b, len, CopyTask.PAD);
        AttentionMask tgtMask = AttentionMask.paddingAndCausal(tgtIn, b, len - 1, CopyTask.PAD);
        adam.setLearningRate(lr);
        adam.zeroGrad();
        Tensor memory = model.encode(src, b, len, srcMask);
        Tensor logits = model.decode(memory, srcMask, tgtIn, b, len - 1, tgtMask); // (B, L-1, V)
        Tensor l = CrossEntropy.crossEntropy(logits, tgtOut, loss);
        l.backward();
        adam.step();
        return l.item();
    }

    /** The fraction of fresh sequences greedy decoding copies exactly; a few examples go to the report. */
    static double evaluate(Transformer model, CopyTaskConfig c, RunContext ctx) throws IOException {
        model.eval();
        int n = c.evalSequences();
        int len = c.length();
        int[] src = CopyTask.sequences(n, len, c.model().vocab(), Rng.seeded(ctx.seed() - 1));
        int[] out = CopyTask.greedyDecode(model, src, n, len);
        StringBuilder md = new StringBuilder("Greedy decoding of fresh sequences:\n\n| source | decoded |\n|---|---|\n");
        for (int i = 0; i < Math.min(5, n); i++) {
            md.append("| ").append(Arrays.toString(Arrays.copyOfRange(src, i * len, (i + 1) * len))).append(" | ")
                    .append(Arrays.toString(Arrays.copyOfRange(out, i * len, (i + 1) * len))).append(" |\n");
        }
        ctx.writeSamples(md.toString());
        return CopyTask.exactMatches(src, out, n, len);
    }
}
