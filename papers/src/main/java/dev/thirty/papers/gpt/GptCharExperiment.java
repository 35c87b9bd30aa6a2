package dev.thirty.papers.gpt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thirty.autograd.GradMode;
import dev.thirty.data.CharVocab;
import dev.thirty.data.DataFiles;
import dev.thirty.data.Datasets;
import dev.thirty.data.TokenStream;
import dev.thirty.experiment.Citation;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Headline;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.experiment.Sampler;
import dev.thirty.experiment.TrainingState;
import dev.thirty.io.Checkpoint;
import dev.thirty.io.SafeTensors;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.optim.AdamW;
import dev.thirty.optim.GradClip;
import dev.thirty.optim.LearningRateSchedule;
import dev.thirty.optim.ParamGroup;
import dev.thirty.optim.Schedules;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * {@code thirty run gpt-char}: nanoGPT's character-level GPT on tiny Shakespeare, its CPU recipe
 * by default: AdamW with warmup and cosine decay, gradient clipping, random windows of the first
 * 90% of the text; train and validation loss estimated on random batches every 250 steps.
 *
 * <p>Reproducibility: weights from {@code Rng.seeded(seed)}; the batch of step s from
 * {@code Rng.seeded(seed + 1 + s)} (a resumed run replays the same batches); the evaluation
 * batches after step s from {@code Rng.seeded(-1 - seed - s)}. At the end, {@code val/loss_full}
 * is the loss over the whole validation split (every token once), free of the estimate's sampling
 * noise, and it is the headline: {@code val/loss} stays nanoGPT's 20-batch estimate, logged every
 * 250 steps for the curve, but forty independent draws of it on one final model spread with a
 * standard deviation of 0.013-0.014 around the whole-split loss, so a single draw can land 0.03
 * either side of the threshold the run is judged by. The final weights are also written as
 * {@code model.safetensors} with nanoGPT's names.
 */
public final class GptCharExperiment implements Experiment<GptCharConfig>, Sampler<GptCharConfig> {

    @Override
    public String name() {
        return "gpt-char";
    }

    @Override
    public String title() {
        return "A character-level GPT on tiny Shakespeare (nanoGPT)";
    }

    @Override
    public Citation citation() {
        return new Citation("Radford, Narasimhan, Salimans and Sutskever (2018). Improving Language Understanding by"
                + " Generative Pre-Training; Radford et al. (2019), GPT-2; Karpathy, nanoGPT (shakespeare_char).",
                "https://github.com/karpathy/nanoGPT");
    }

    @Override
    public Class<GptCharConfig> configType() {
        return GptCharConfig.class;
    }

    @Override
    public Map<String, GptCharConfig> presets() {
        Map<String, GptCharConfig> p = new LinkedHashMap<>();
        p.put("cpu", GptCharConfig.cpu());
        p.put("paper", GptCharConfig.paper());
        p.put("tiny", GptCharConfig.tiny());
        return p;
    }

    @Override
    public Headline headline() {
        return new Headline("val/loss_full", 1.88, 1.92, Headline.Direction.LOWER,
                "nanoGPT README, CPU recipe: validation loss about 1.88 after 2000 iterations (its 20-batch"
                        + " estimate). PyTorch 1.13 with the same recipe (bench/pytorch/gpt_char.py), seeds 1337,"
                        + " 42 and 7: estimates 1.912, 1.877, 1.890; loss over the whole validation split 1.893,"
                        + " 1.890, 1.905. Ours is the whole-split loss; val/loss is the 20-batch estimate, whose"
                        + " spread between batch draws is about 0.013 at the end of a run");
    }

    @Override
    public RunResult run(GptCharConfig c, RunContext ctx) throws IOException {
        String text = DataFiles.readText(ctx.dataset(Datasets.TINY_SHAKESPEARE).file("input.txt"));
        CharVocab vocab = CharVocab.of(text);
        TokenStream.Split split = vocab.encode(text).split(c.trainFraction());
        Gpt model = new Gpt(c.model(vocab.size()), Rng.seeded(ctx.seed()));
        AdamW adamw = new AdamW(ParamGroup.decayMatricesOnly(model.namedParameters(),
                new AdamW.Config(c.beta1(), c.beta2(), 1e-8, c.weightDecay())), c.lr());
        LearningRateSchedule lr = new Schedules.WarmupCosine(c.lr(), c.minLr(), c.warmup(), c.decaySteps());
        JsonNode record = checkpointRecord(c, text, vocab);
        long start = 0;
        if (ctx.resumeFrom().isPresent()) {
            TrainingState.restore(ctx.resumeFrom().get(), model, adamw);
            start = ctx.resumeFrom().get().step();
        }
        Map<String, Double> last = Map.of();
        // every step computes the same activations: each reuses the arrays of the one before
        StepArena arena = new StepArena();
        for (long step = start; step < c.steps(); step++) {
            model.train();
            Windows batch = Windows.draw(split.train(), c.batch(), c.context(), Rng.seeded(ctx.seed() + 1 + step));
            adamw.setLearningRate(lr.at(step));
            float l;
            try (StepArena.Scope s = arena.open()) {
                adamw.zeroGrad();
                Tensor loss = CrossEntropy.crossEntropy(model.forward(batch.inputs(), c.batch(), c.context()),
                        batch.targets());
                loss.backward();
                if (c.clip() > 0) {
                    GradClip.clipGlobalNorm(model.parameters(), c.clip());
                }
                adamw.step();
                l = loss.item();
            }

            long done = step + 1;
            if (!Float.isFinite(l)) {
                throw new IllegalStateException("gpt-char: the loss became " + l + " at step " + done);
            }
            ctx.progress(done, c.steps(), l);
            if (done % 10 == 0 || done == c.steps()) {
                ctx.log(done, "train/loss", l);
                ctx.log(done, "lr", lr.at(step));
            }
            if (done % c.evalEvery() == 0 || done == c.steps()) {
                RandomGenerator evalRng = Rng.seeded(-1 - ctx.seed() - done);
                last = Map.of("train/loss_estimate", estimateLoss(model, split.train(), c, evalRng),
                        "val/loss", estimateLoss(model, split.validation(), c, evalRng));
                long at = done;
                last.forEach((k, v) -> ctx.log(at, k, v));
            }
            if (done < c.steps() && ctx.checkpointDue(done)) {
                ctx.saveCheckpoint(TrainingState.capture(done, model, adamw, Map.of(), record));
                if (ctx.stopRequested()) {
                    return RunResult.interrupted(done);
                }
            }
        }
        ctx.saveCheckpoint(TrainingState.capture(c.steps(), model, adamw, Map.of(), record));
        Map<String, Double> finals = new LinkedHashMap<>(last);
        finals.put("val/loss_full", fullLoss(model, split.validation(), c));
        ctx.log(c.steps(), "val/loss_full", finals.get("val/loss_full"));
        SafeTensors.write(ctx.runDir().resolve("model.safetensors"), model.stateDict(),
                Map.of("format", "pt", "tied", "lm_head.weight=transformer.wte.weight"));
        int[] prime = vocab.encode("\n").toArray();
        String sample = vocab.decode(Generation.generate(model, prime, 500, 0.8, 0, Rng.seeded(ctx.seed())));
        ctx.writeSamples("500 characters at temperature 0.8:\n\n```\n" + sample + "\n```\n");
        return RunResult.completed(c.steps(), finals);
    }

    /** The mean loss over {@code evalBatches} random windows, without recording gradients. */
    static double estimateLoss(Gpt model, TokenStream tokens, GptCharConfig c, RandomGenerator rng) {
        model.eval();
        return GradMode.noGrad(() -> {
            double sum = 0;
            for (int i = 0; i < c.evalBatches(); i++) {
                Windows w = Windows.draw(tokens, c.batch(), c.context(), rng);
                sum += CrossEntropy.crossEntropy(model.forward(w.inputs(), c.batch(), c.context()), w.targets()).item();
            }
            return sum / c.evalBatches();
        });
    }

    /**
     * The mean loss over the whole of {@code tokens}, cut into consecutive windows of
     * {@code context} tokens: every token predicted once (with the context since its window's
     * start), so, unlike {@link #estimateLoss}, no sampling noise.
     */
    static double fullLoss(Gpt model, TokenStream tokens, GptCharConfig c) {
        model.eval();
        int windows = Windows.wholeWindows(tokens, c.context());
        return GradMode.noGrad(() -> {
            double sum = 0;
            for (int first = 0; first < windows; first += c.batch()) {
                int count = Math.min(c.batch(), windows - first);
                Windows w = Windows.consecutive(tokens, first, count, c.context());
                sum += count * (double) CrossEntropy.crossEntropy(model.forward(w.inputs(), count, c.context()),
                        w.targets()).item();
            }
            return sum / windows;
        });
    }

    /** The run's config and its vocabulary (the sampler needs both; the vocabulary is the text's characters). */
    private static JsonNode checkpointRecord(GptCharConfig c, String text, CharVocab vocab) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.set("config", new ObjectMapper().valueToTree(c));
        StringBuilder chars = new StringBuilder();
        for (int i = 0; i < vocab.size(); i++) {
            chars.appendCodePoint(vocab.symbol(i));
        }
        node.put("vocabulary", chars.toString());
        return node;
    }

    /**
     * The model of a checkpoint: built from the run's config (its GELU form included, so a run saved
     * before the {@code gelu} setting gets the tanh form it was trained with) and its weights.
     */
    static Gpt savedModel(GptCharConfig config, Checkpoint checkpoint, int vocab) throws IOException {
        Gpt model = new Gpt(config.model(vocab), Rng.seeded(0));
        TrainingState.restoreWeights(checkpoint, model);
        return model;
    }

    @Override
    public String sample(GptCharConfig config, Checkpoint checkpoint, Request request) throws IOException {
        JsonNode chars = checkpoint.config().get("vocabulary");
        if (chars == null) {
            throw new IOException("gpt-char: the checkpoint records no vocabulary");
        }
        CharVocab vocab = CharVocab.of(chars.asText());
        Gpt model = savedModel(config, checkpoint, vocab.size());
        int[] prime = vocab.encode(request.prime().isEmpty() ? "\n" : request.prime()).toArray();
        int[] ids = Generation.generate(model, prime, request.length(), request.temperature(), request.topK(),
                Rng.seeded(request.seed()));
        String out = vocab.decode(ids);
        return request.prime().isEmpty() ? out.substring(1) : out;
    }
}
