package dev.thirty.papers.transformer.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thirty.data.BytePairEncoding;
import dev.thirty.data.DataLocation;
import dev.thirty.data.DatasetFiles;
import dev.thirty.data.Datasets;
import dev.thirty.experiment.Citation;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Headline;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.experiment.TrainingState;
import dev.thirty.experiment.Translator;
import dev.thirty.io.Checkpoint;
import dev.thirty.io.SafeTensors;
import dev.thirty.nn.attention.AttentionMask;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.nn.functional.Reduction;
import dev.thirty.optim.Adam;
import dev.thirty.optim.LearningRateSchedule;
import dev.thirty.optim.Schedules;
import dev.thirty.papers.transformer.Transformer;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code thirty run translate}: the Transformer on Multi30k German to English. A joint BPE
 * vocabulary learned on the training set, shared embeddings (§3.4), post-norm encoder and decoder
 * (§3.1), batches by approximate length (§5.1), Adam β (0.9, 0.98), ε 1e-9 with the Noam
 * schedule (§5.3), dropout and label smoothing (§5.4); greedy BLEU on validation sentences during
 * training and beam search with a length penalty on test2016 at the end (§6.1), scored as
 * sacreBLEU scores (see {@link Bleu}).
 *
 * <p>Reproducibility: weights from {@code Rng.seeded(seed)}; dropout masks from a generator
 * seeded {@code seed + 1} whose state the checkpoint keeps; the batch order of epoch e from
 * {@code Rng.seeded(seed + e)} (see {@link TokenBatches}). The final weights are also written as
 * {@code model.safetensors}, state-dict names, with the tied matrices noted in its metadata.
 */
public final class TranslateExperiment implements Experiment<TranslateConfig>, Translator<TranslateConfig> {

    static final String DROPOUT_RNG = "dropout";

    @Override
    public String name() {
        return "translate";
    }

    @Override
    public String title() {
        return "Attention Is All You Need: Multi30k German to English";
    }

    @Override
    public Citation citation() {
        return new Citation("Vaswani et al. (2017). Attention Is All You Need. NeurIPS; Elliott et al. (2016),"
                + " Multi30K: Multilingual English-German Image Descriptions; Post (2018), sacreBLEU.",
                "https://arxiv.org/abs/1706.03762");
    }

    @Override
    public Class<TranslateConfig> configType() {
        return TranslateConfig.class;
    }

    @Override
    public Map<String, TranslateConfig> presets() {
        Map<String, TranslateConfig> p = new LinkedHashMap<>();
        p.put("cpu", TranslateConfig.cpu());
        p.put("paper", TranslateConfig.paper());
        p.put("tiny", TranslateConfig.tiny());
        return p;
    }

    @Override
    public Headline headline() {
        return new Headline("test/bleu", 27.3, 30, Headline.Direction.HIGHER,
                "the paper's 27.3 is the base model on WMT14 English-German newstest2014, a harder task;"
                        + " Multi30k test2016 German-English has no number in the paper, 30 is our target");
    }

    @Override
    public RunResult run(TranslateConfig c, RunContext ctx) throws IOException {
        DatasetFiles files = ctx.dataset(Datasets.MULTI30K);
        Multi30k.Split train = Multi30k.load(files, Multi30k.TRAIN).first(c.trainPairs());
        Multi30k.Split val = Multi30k.load(files, Multi30k.VAL).first(c.evalSentences());
        BytePairEncoding bpe = ctx.resumeFrom().isPresent() ? TrainedModel.bpe(ctx.resumeFrom().get())
                : learnBpe(train, c, ctx);
        TokenBatches batches = new TokenBatches(encode(bpe, train.german()), encode(bpe, train.english()),
                c.batchTokens(), c.maxLength());
        ctx.say(String.format("translate: %d training pairs in %d batches per epoch, vocabulary %d",
                batches.pairCount(), batches.perEpoch(), bpe.size()));

        // dropout masks: handed to the model now, put back to the checkpoint's state below (building
        // the model draws from it too), so a resumed run draws the masks an uninterrupted one would
        Rng masks = Rng.seeded(ctx.seed() + 1);
        Transformer model = new Transformer(c.model(bpe.size()), Rng.seeded(ctx.seed()), masks);
        ctx.say("translate: " + model.parameterCount() + " parameters");
        Adam adam = new Adam(model.parameters(), new Adam.Config(0.9, 0.98, 1e-9, 0), 0);
        LearningRateSchedule lr = new Schedules.Noam(c.dModel(), c.warmup(), c.factor());
        CrossEntropy.Options loss = new CrossEntropy.Options(Reduction.MEAN, BytePairEncoding.PAD, c.labelSmoothing());
        JsonNode record = TrainedModel.record(c, bpe);
        long start = 0;
        if (ctx.resumeFrom().isPresent()) {
            Checkpoint from = ctx.resumeFrom().get();
            TrainingState.restore(from, model, adam);
            masks.setState(from.rngStates().get(DROPOUT_RNG));
            start = from.step();
        }
        TrainedModel trained = new TrainedModel(bpe, model);
        Map<String, Double> last = new LinkedHashMap<>();
        float trainLoss = Float.NaN;
        StepArena arena = new StepArena();  // steps of the same batch shape reuse each other's arrays
        for (long step = start; step < c.steps(); step++) {
            model.train();
            float l;
            try (StepArena.Scope s = arena.open()) {
                l = trainStep(model, adam, lr.at(step), loss, batches.at(step, ctx.seed()));
            }
            trainLoss = l;
            long done = step + 1;
            if (!Float.isFinite(l)) {
                throw new IllegalStateException("translate: the loss became " + l + " at step " + done);
            }
            ctx.progress(done, c.steps(), l);
            if (done % 10 == 0 || done == c.steps()) {
                ctx.log(done, "train/loss", l);
                ctx.log(done, "lr", lr.at(step));
                ctx.log(done, "epoch", (double) done / batches.perEpoch());
            }
            if (done % c.evalEvery() == 0 || done == c.steps()) {
                double bleu = Bleu.corpus(trained.translate(val.german(), 1, 0), val.english()).score();
                ctx.log(done, "val/bleu_greedy", bleu);
                last.put("val/bleu_greedy", bleu);
            }
            if (done < c.steps() && ctx.checkpointDue(done)) {
                ctx.saveCheckpoint(capture(done, model, adam, masks, record));
                if (ctx.stopRequested()) {
                    return RunResult.interrupted(done);
                }
            }
        }
        ctx.saveCheckpoint(capture(c.steps(), model, adam, masks, record));
        SafeTensors.write(ctx.runDir().resolve("model.safetensors"), model.stateDict(), Map.of("format", "pt",
                "tied", "tgt_embed.weight=src_embed.weight,generator.weight=src_embed.weight"));
        Multi30k.Split test = Multi30k.load(files, Multi30k.TEST).first(c.testSentences());
        List<String> hyps = trained.translate(test.german(), c.beam(), c.lengthPenalty());
        Bleu.Score score = Bleu.corpus(hyps, test.english());
        ctx.log(c.steps(), "test/bleu", score.score());
        last.put("test/bleu", score.score());
        if (Float.isFinite(trainLoss)) {
            last.put("train/loss", (double) trainLoss);
        }
        ctx.writeSamples(samples(test, hyps, score, c));
        return RunResult.completed(c.steps(), last);
    }

    /**
     * One step on one batch: the decoder reads {@code <s> w1..wn} and predicts {@code w1..wn </s>};
     * the mean label-smoothed cross-entropy over the target tokens (padding ignored).
     */
    static float trainStep(Transformer model, Adam adam, double lr, CrossEntropy.Options loss, TokenBatches.Batch b) {
        AttentionMask srcMask = AttentionMask.padding(b.src(), b.size(), b.srcLength(), BytePairEncoding.PAD);
        AttentionMask tgtMask = AttentionMask.paddingAndCausal(b.tgtIn(), b.size(), b.tgtLength(), BytePairEncoding.PAD);
        adam.setLearningRate(lr);
        adam.zeroGrad();
        Tensor memory = model.encode(b.src(), b.size(), b.srcLength(), srcMask);                 // (B, S, C)
        Tensor logits = model.decode(memory, srcMask, b.tgtIn(), b.size(), b.tgtLength(), tgtMask); // (B, T, V)
        Tensor l = CrossEntropy.crossEntropy(logits, b.tgtOut(), loss);
        l.backward();
        adam.step();
        return l.item();
    }

    private static BytePairEncoding learnBpe(Multi30k.Split train, TranslateConfig c, RunContext ctx) {
        long t0 = System.nanoTime();
        List<String> both = new ArrayList<>(train.german());
        both.addAll(train.english());
        BytePairEncoding bpe = BytePairEncoding.learn(both, c.merges());
        ctx.say(String.format("translate: learned %d BPE merges in %.1f s", bpe.merges().size(),
                (System.nanoTime() - t0) / 1e9));
        return bpe;
    }

    static List<int[]> encode(BytePairEncoding bpe, List<String> sentences) {
        List<int[]> out = new ArrayList<>(sentences.size());
        for (String s : sentences) {
            out.add(bpe.encode(s));
        }
        return out;
    }

    private static Checkpoint capture(long step, Transformer model, Adam adam, Rng masks, JsonNode record) {
        return TrainingState.capture(step, model, adam, Map.of(DROPOUT_RNG, masks.state()), record);
    }

    private static String samples(Multi30k.Split test, List<String> hyps, Bleu.Score score, TranslateConfig c) {
        StringBuilder md = new StringBuilder(String.format("test2016, beam %d, length penalty %.2f: %s%n%n",
                c.beam(), c.lengthPenalty(), score));
        md.append("| German | ours | reference |\n|---|---|---|\n");
        for (int i = 0; i < Math.min(8, hyps.size()); i++) {
            md.append("| ").append(cell(test.german().get(i))).append(" | ").append(cell(hyps.get(i))).append(" | ")
                    .append(cell(test.english().get(i))).append(" |\n");
        }
        return md.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    @Override
    public List<String> translate(TranslateConfig config, Checkpoint checkpoint, List<String> sentences,
                                  Request request) throws IOException {
        TrainedModel trained = TrainedModel.load(config, checkpoint);
        return request.decoding() == Decoding.GREEDY ? trained.translate(sentences, 1, 0)
                : trained.translate(sentences, request.beam(), request.lengthPenalty());
    }

    @Override
    public List<String> splits() {
        return List.of(Multi30k.VAL, Multi30k.TEST);
    }

    @Override
    public Evaluation evaluate(TranslateConfig config, Checkpoint checkpoint, DataLocation data, String split,
                               Request request) throws IOException {
        if (!splits().contains(split)) {
            throw new IllegalArgumentException("translate: no split '" + split + "'; choose one of " + splits());
        }
        Multi30k.Split s = Multi30k.load(data.locate(Datasets.MULTI30K), split);
        Bleu.Score score = Bleu.corpus(translate(config, checkpoint, s.german(), request), s.english());
        return new Evaluation(split, s.size(), "BLEU", score.score(), score.toString() + ", sacreBLEU 13a, exp smoothing");
    }
}
