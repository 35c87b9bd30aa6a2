package dev.thirty.papers.charrnn;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thirty.autograd.GradMode;
import dev.thirty.data.CharVocab;
import dev.thirty.data.ContiguousBatches;
import dev.thirty.experiment.Citation;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Headline;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.experiment.Sampler;
import dev.thirty.io.Checkpoint;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.nn.recurrent.CellState;
import dev.thirty.optim.GradClip;
import dev.thirty.optim.RmsProp;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code thirty run charrnn}: a character-level language model trained by truncated
 * backpropagation through time on contiguous streams, as in Karpathy's char-rnn and "The
 * Unreasonable Effectiveness of Recurrent Neural Networks" (2015).
 *
 * <p>The training text is cut into {@code batch} parallel streams ({@link ContiguousBatches});
 * step {@code s} trains on chunk {@code s mod chunks}, starting from the hidden state the previous
 * chunk ended in, detached so gradients stop at the chunk boundary. The state is reset to zero at
 * the start of each epoch, where every stream jumps back to its beginning. Loss is the mean
 * cross-entropy per character in nats; validation also reports bits per character.
 *
 * <p>Resume: the batch position is a function of the step; the carried hidden state, the
 * vocabulary and the dropout generator are saved with the weights and optimizer state, so a
 * resumed run continues exactly where it stopped.
 */
public final class CharRnnExperiment implements Experiment<CharRnnConfig>, Sampler<CharRnnConfig> {

    static final String VOCABULARY = "vocabulary";
    static final String CARRY = "carry.";
    static final String DROPOUT_RNG = "dropout";
    static final double LN2 = Math.log(2);

    @Override
    public String name() {
        return "charrnn";
    }

    @Override
    public String title() {
        return "char-rnn: a multi-layer LSTM/RNN character language model";
    }

    @Override
    public Citation citation() {
        return new Citation("Karpathy (2015). The Unreasonable Effectiveness of Recurrent Neural Networks;"
                + " char-rnn (github.com/karpathy/char-rnn).",
                "https://karpathy.github.io/2015/05/21/rnn-effectiveness/");
    }

    @Override
    public Class<CharRnnConfig> configType() {
        return CharRnnConfig.class;
    }

    @Override
    public Map<String, CharRnnConfig> presets() {
        Map<String, CharRnnConfig> p = new LinkedHashMap<>();
        p.put("cpu", CharRnnConfig.cpu());
        p.put("paper", CharRnnConfig.paper());
        p.put("tiny", CharRnnConfig.tiny());
        return p;
    }

    @Override
    public Headline headline() {
        return new Headline("val/loss", 1.55, 1.75, Headline.Direction.LOWER,
                "char-rnn 2x128 LSTM on tiny Shakespeare reaches about 1.5-1.6 nats/char validation loss"
                        + " after its 50 epochs; the cpu preset trains for 5");
    }

    @Override
    public RunResult run(CharRnnConfig c, RunContext ctx) throws IOException {
        CharCorpus corpus = CharCorpus.load(c, ctx);
        ctx.say(String.format(Locale.ROOT, "text: %s (%d training and %d validation characters, %s split, %d"
                        + " distinct)", corpus.source().getFileName(), CharCorpus.characters(corpus.train()),
                CharCorpus.characters(corpus.validation()), c.split().name().toLowerCase(Locale.ROOT),
                corpus.vocab().size()));
        Rng masks = ctx.resumeFrom().map(from -> Rng.restore(from.rngStates().get(DROPOUT_RNG)))
                .orElseGet(() -> Rng.seeded(ctx.seed() + 1));
        CharRnnModel model = new CharRnnModel(c, corpus.vocab().size(), Rng.seeded(ctx.seed()), masks);
        RmsProp rmsprop = new RmsProp(model.parameters(), RmsProp.Config.defaults().withAlpha(c.decay()), c.lr());
        List<ContiguousBatches.Chunk> chunks = corpus.train();
        List<CellState> carry = model.zeroState(c.batch());
        long start = 0;
        if (ctx.resumeFrom().isPresent()) {
            carry = RunState.restore(ctx.resumeFrom().get(), model, rmsprop, corpus.vocab());
            start = ctx.resumeFrom().get().step();
        }
        for (long step = start; step < c.steps(); step++) {
            int index = (int) (step % chunks.size());
            if (index == 0) {
                carry = model.zeroState(c.batch());
            }
            ContiguousBatches.Chunk chunk = chunks.get(index);
            model.train();
            rmsprop.setLearningRate(learningRate(c, step / chunks.size()));
            rmsprop.zeroGrad();
            CharRnnModel.Output out = model.forward(chunk.inputs(), chunk.batch(), chunk.steps(), carry);
            Tensor loss = CrossEntropy.crossEntropy(out.logits(), chunk.targets()); // (B*T, V) -> nats/char
            loss.backward();
            GradClip.clipValues(model.parameters(), c.clip()); // char-rnn clamps elements, not the norm
            rmsprop.step();
            carry = detach(out.states());

            long done = step + 1;
            float l = loss.item();
            if (!Float.isFinite(l)) {
                throw new IllegalStateException("charrnn: the training loss became " + l + " at step " + done
                        + "; try a smaller lr (now " + c.lr() + ")");
            }
            ctx.progress(done, c.steps(), l);
            if (done % 10 == 0 || done == c.steps()) {
                ctx.log(done, "train/loss", l);
            }
            if (done % c.evalEvery() == 0 && done < c.steps()) {
                logValidation(ctx, done, evaluate(model, corpus.validation(), c.evalChunks()));
            }
            if (done < c.steps() && ctx.checkpointDue(done)) {
                ctx.saveCheckpoint(RunState.capture(done, model, rmsprop, carry, masks, corpus.vocab(), c));
                if (ctx.stopRequested()) {
                    return RunResult.interrupted(done);
                }
            }
        }
        double val = evaluate(model, corpus.validation(), 0);
        logValidation(ctx, c.steps(), val);
        ctx.saveCheckpoint(RunState.capture(c.steps(), model, rmsprop, carry, masks, corpus.vocab(), c));
        ctx.writeSamples(samples(model, corpus.vocab(), ctx.seed()));
        return RunResult.completed(c.steps(), Map.of("val/loss", val, "val/bpc", val / LN2));
    }

    /** char-rnn's schedule: constant, then x{@code lrDecay} after every epoch from {@code lrDecayAfter} on. */
    static double learningRate(CharRnnConfig c, long epoch) {
        return c.lr() * Math.pow(c.lrDecay(), Math.max(0, epoch - c.lrDecayAfter() + 1));
    }

    private static void logValidation(RunContext ctx, long step, double nats) {
        ctx.log(step, "val/loss", nats);
        ctx.log(step, "val/bpc", nats / LN2);
    }

    static List<CellState> detach(List<CellState> states) {
        List<CellState> out = new ArrayList<>(states.size());
        states.forEach(s -> out.add(s.detach()));
        return out;
    }

    /**
     * Mean loss per character (nats) over the first {@code limit} validation chunks (0: all),
     * carrying the state across chunks as in training.
     */
    static double evaluate(CharRnnModel model, List<ContiguousBatches.Chunk> chunks, int limit) {
        int count = limit == 0 ? chunks.size() : Math.min(limit, chunks.size());
        return GradMode.noGrad(() -> {
            model.eval();
            List<CellState> state = model.zeroState(chunks.getFirst().batch());
            double sum = 0;
            long tokens = 0;
            for (int i = 0; i < count; i++) {
                ContiguousBatches.Chunk ch = chunks.get(i);
                CharRnnModel.Output o = model.forward(ch.inputs(), ch.batch(), ch.steps(), state);
                sum += CrossEntropy.crossEntropy(o.logits(), ch.targets()).item() * ch.inputs().length;
                tokens += ch.inputs().length;
                state = o.states();
            }
            return sum / tokens;
        });
    }

    /** Samples at three temperatures, as Markdown for the report. */
    static String samples(CharRnnModel model, CharVocab vocab, long seed) {
        String prime = "ROMEO:".codePoints().allMatch(cp -> vocab.id(cp) >= 0) ? "ROMEO:" : "";
        StringBuilder md = new StringBuilder("## Samples\n\n");
        for (double t : new double[] {0.5, 0.8, 1.0}) {
            String text = TextSampling.generate(model, vocab, new Sampler.Request(prime, 400, t, 0, seed));
            md.append(String.format(Locale.ROOT, "### temperature %.1f%n%n```%n%s%n```%n%n", t, text));
        }
        return md.toString();
    }

    @Override
    public String sample(CharRnnConfig config, Checkpoint checkpoint, Sampler.Request request) throws IOException {
        CharVocab vocab = RunState.vocabulary(checkpoint);
        CharRnnModel model = new CharRnnModel(config, vocab.size(), Rng.seeded(0), Rng.seeded(0));
        RunState.loadWeights(checkpoint, model);
        return TextSampling.generate(model, vocab, request);
    }
}
