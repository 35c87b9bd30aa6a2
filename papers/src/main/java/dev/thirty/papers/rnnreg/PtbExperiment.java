package dev.thirty.papers.rnnreg;

import dev.thirty.experiment.Citation;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Headline;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.experiment.Sampler;
import dev.thirty.io.Checkpoint;
import dev.thirty.tensor.Rng;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code thirty run ptb-lstm}: the word-level LSTM language models of Zaremba, Sutskever and Vinyals (2014) on
 * Penn Treebank, {@code --preset small} (the non-regularised 2 x 200, the default), {@code medium} (2 x 650,
 * 50% dropout) and {@code large} (2 x 1500, 65%); {@code check} is the first two epochs of {@code small}.
 * Training as {@link PtbTraining}; the report has the per-epoch perplexities beside the reference's and the
 * test perplexity beside the paper's. {@code thirty sample RUN --prime "the company"} continues a prime.
 */
public final class PtbExperiment implements Experiment<PtbConfig>, Sampler<PtbConfig> {

    /**
     * Validation perplexity after each epoch of the small configuration in a public reproduction (TensorLayer's
     * PTB tutorial log; its learning rate halves from epoch 6, one epoch later than here).
     */
    static final double[] SMALL_REFERENCE = {178.6, 142.6, 131.9, 128.4, 127.1, 120.3, 120.8, 122.1, 123.2, 123.7,
        123.5, 123.2, 122.9};

    @Override
    public String name() {
        return "ptb-lstm";
    }

    @Override
    public String title() {
        return "Recurrent Neural Network Regularization: word-level LSTM language models on PTB";
    }

    @Override
    public Citation citation() {
        return new Citation("Zaremba, Sutskever and Vinyals (2014). Recurrent Neural Network Regularization."
                + " arXiv:1409.2329.", "https://arxiv.org/abs/1409.2329");
    }

    @Override
    public Class<PtbConfig> configType() {
        return PtbConfig.class;
    }

    @Override
    public Map<String, PtbConfig> presets() {
        Map<String, PtbConfig> p = new LinkedHashMap<>();
        p.put("small", PtbConfig.small());
        p.put("medium", PtbConfig.medium());
        p.put("large", PtbConfig.large());
        p.put("check", PtbConfig.check());
        p.put("tiny", PtbConfig.tiny());
        return p;
    }

    @Override
    public String defaultPreset() {
        return "small";
    }

    @Override
    public Headline headline() {
        return new Headline("test/ppl", 114.5, 120, Headline.Direction.LOWER,
                "Table 1, non-regularised LSTM (2 x 200, 13 epochs); TensorFlow's ptb_word_lm reproduced 115.9");
    }

    @Override
    public Headline headline(PtbConfig c) {
        if (c.equals(PtbConfig.medium())) {
            return new Headline("test/ppl", 82.7, 86, Headline.Direction.LOWER,
                    "Table 1, medium regularised LSTM (2 x 650, dropout 0.5, 39 epochs); ptb_word_lm: 82.1");
        }
        if (c.equals(PtbConfig.large())) {
            return new Headline("test/ppl", 78.4, 82, Headline.Direction.LOWER,
                    "Table 1, large regularised LSTM (2 x 1500, dropout 0.65, 55 epochs); ptb_word_lm: 78.3");
        }
        if (c.equals(PtbConfig.check())) {
            return new Headline("val/ppl", 142.6, 145, Headline.Direction.LOWER,
                    "validation perplexity after epoch 2 of the small model in a public reproduction (142.1-142.8"
                            + " across logs)");
        }
        return headline();
    }

    @Override
    public RunResult run(PtbConfig c, RunContext ctx) throws IOException {
        PtbCorpus corpus = PtbCorpus.load(ctx);
        ctx.say(String.format(Locale.ROOT, "ptb-lstm: %d x %d LSTM, dropout %.2f, %d training / %d validation / %d"
                        + " test words, %d-word vocabulary, %d steps of %d x %d words", c.layers(), c.hidden(),
                c.dropout(), c.trainLimit() > 0 ? Math.min(c.trainLimit(), corpus.train().length())
                        : corpus.train().length(), corpus.valid().length(), corpus.test().length(),
                corpus.vocab().size(), PtbTraining.totalSteps(c, corpus), c.batch(), c.seqLength()));
        PtbTraining training = new PtbTraining(c, corpus, ctx, "", ctx.seed(), 0, 0, UnaryOperator.identity());
        PtbTraining.Result r = training.run(ctx.resumeFrom().orElse(null));
        if (r.interrupted()) {
            return RunResult.interrupted(r.steps());
        }
        ctx.writeSamples(report(c, r) + samples(r.model(), corpus, ctx.seed()));
        return RunResult.completed(r.steps(), Map.of("val/ppl", r.valid(), "test/ppl", r.test()));
    }

    /** The per-epoch table and the final numbers beside the paper's. */
    static String report(PtbConfig c, PtbTraining.Result r) {
        boolean small = sameSchedule(c, PtbConfig.small());
        StringBuilder md = new StringBuilder("## Perplexity by epoch\n\n| epoch | lr | train | validation |"
                + (small ? " reference validation |" : "") + "\n|---:|---:|---:|---:|" + (small ? "---:|" : "") + "\n");
        List<double[]> h = r.history();
        for (int e = 0; e < h.size(); e++) {
            md.append(String.format(Locale.ROOT, "| %d | %.4g | %.2f | %.2f |", e + 1, c.learningRate(e), h.get(e)[0],
                    h.get(e)[1]));
            if (small) {
                md.append(e < SMALL_REFERENCE.length ? String.format(Locale.ROOT, " %.1f |", SMALL_REFERENCE[e]) : " |");
            }
            md.append('\n');
        }
        md.append(String.format(Locale.ROOT, "%nTest perplexity **%.2f** after %d epochs (validation %.2f).%n%n",
                r.test(), h.size(), r.valid()));
        md.append("| model | paper valid | paper test | ptb_word_lm test |\n|---|---:|---:|---:|\n"
                + "| non-regularised 2 x 200 | 120.7 | 114.5 | 115.9 |\n"
                + "| medium 2 x 650, dropout 0.5 | 86.2 | 82.7 | 82.1 |\n"
                + "| large 2 x 1500, dropout 0.65 | 82.2 | 78.4 | 78.3 |\n\n");
        return md.toString();
    }

    /** Whether {@code c} trains the small model with the small model's optimiser (any number of epochs). */
    private static boolean sameSchedule(PtbConfig c, PtbConfig s) {
        return c.layers() == s.layers() && c.hidden() == s.hidden() && c.seqLength() == s.seqLength() && c.batch() == s.batch()
                && c.dropout() == s.dropout() && c.lr() == s.lr() && c.lrDecay() == s.lrDecay()
                && c.decayAfter() == s.decayAfter() && c.trainLimit() == 0;
    }

    private static String samples(PtbModel model, PtbCorpus corpus, long seed) {
        String text = WordSampling.generate(model, corpus.vocab(), new Sampler.Request("the company", 60, 1.0, 0, seed));
        return "## Sample\n\n60 words after \"the company\", temperature 1:\n\n```\n" + text + "\n```\n";
    }

    @Override
    public String sample(PtbConfig config, Checkpoint checkpoint, Sampler.Request request) throws IOException {
        var vocab = PtbRunState.vocabulary(checkpoint);
        PtbModel model = new PtbModel(config, vocab.size(), Rng.seeded(0), Rng.seeded(0));
        PtbRunState.loadWeights(checkpoint, model);
        return WordSampling.generate(model, vocab, request);
    }
}
