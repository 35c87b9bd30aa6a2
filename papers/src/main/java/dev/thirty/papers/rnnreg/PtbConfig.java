package dev.thirty.papers.rnnreg;

/**
 * Settings of a word-level PTB language model run (Zaremba, Sutskever and Vinyals, 2014, §4.1).
 * The presets are the paper's three models, checked against Zaremba's {@code main.lua} and
 * TensorFlow's {@code ptb_word_lm.py}.
 *
 * @param layers           stacked LSTM layers
 * @param hidden           units per layer (and the embedding width)
 * @param seqLength        unrolled steps of truncated backpropagation through time
 * @param batch            parallel streams per chunk
 * @param dropout          dropout on the non-recurrent connections (embedding output, between layers, before the
 *                         softmax), in [0, 1)
 * @param recurrentDropout dropout also on {@code h_{t-1} -> h_t}, a fresh mask per step (the "naive" variant the
 *                         paper argues against; 0 for the paper's models)
 * @param initScale        every parameter starts uniform in {@code [-initScale, initScale]}
 * @param lr               SGD learning rate for the first {@code decayAfter} epochs
 * @param lrDecay          after that the learning rate is multiplied by this once per epoch
 * @param decayAfter       epochs at the full learning rate ({@code max_epoch})
 * @param epochs           passes over the training text ({@code max_max_epoch})
 * @param clip             the gradient of the loss summed over the steps is rescaled to this global norm
 * @param trainLimit       train on the first this many training words (0: all 929,589)
 * @param evalLimit        validate and test on the first this many words of each split (0: all)
 * @param evalBatch        parallel streams when validating and testing (1, as the paper tests: one stream
 *                         through the whole text)
 */
public record PtbConfig(int layers, int hidden, int seqLength, int batch, double dropout, double recurrentDropout,
                        double initScale, double lr, double lrDecay, int decayAfter, int epochs, double clip,
                        int trainLimit, int evalLimit, int evalBatch) {

    public PtbConfig {
        require(layers >= 1, "layers must be positive, got " + layers);
        require(hidden >= 1, "hidden must be positive, got " + hidden);
        require(seqLength >= 1, "seqLength must be positive, got " + seqLength);
        require(batch >= 1, "batch must be positive, got " + batch);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        require(recurrentDropout >= 0 && recurrentDropout < 1,
                "recurrentDropout must be in [0, 1), got " + recurrentDropout);
        require(initScale > 0 && Double.isFinite(initScale), "initScale must be positive, got " + initScale);
        require(lr > 0 && Double.isFinite(lr), "lr must be positive, got " + lr);
        require(lrDecay > 0 && lrDecay <= 1, "lrDecay must be in (0, 1], got " + lrDecay);
        require(decayAfter >= 0, "decayAfter must be >= 0, got " + decayAfter);
        require(epochs >= 1, "epochs must be positive, got " + epochs);
        require(clip > 0 && Double.isFinite(clip), "clip must be positive, got " + clip);
        require(trainLimit >= 0, "trainLimit must be >= 0 (0: all), got " + trainLimit);
        require(evalLimit >= 0, "evalLimit must be >= 0 (0: all), got " + evalLimit);
        require(evalBatch >= 1, "evalBatch must be positive, got " + evalBatch);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The learning rate of epoch {@code epoch} (from 0): {@code lr * lrDecay^max(epoch + 1 - decayAfter, 0)}. */
    public double learningRate(int epoch) {
        return lr * Math.pow(lrDecay, Math.max(epoch + 1 - decayAfter, 0));
    }

    /** This configuration with another dropout pair (for the ablation). */
    public PtbConfig withDropout(double nonRecurrent, double recurrent) {
        return new PtbConfig(layers, hidden, seqLength, batch, nonRecurrent, recurrent, initScale, lr, lrDecay,
                decayAfter, epochs, clip, trainLimit, evalLimit, evalBatch);
    }

    /**
     * The non-regularised model: 2 x 200, 20 steps, batch 20, U(-0.1, 0.1), lr 1 for 4 epochs then halved
     * each epoch, 13 epochs, clip 5. Paper: 120.7 validation, 114.5 test perplexity.
     */
    public static PtbConfig small() {
        return new PtbConfig(2, 200, 20, 20, 0, 0, 0.1, 1, 0.5, 4, 13, 5, 0, 0, 1);
    }

    /** The first two epochs of {@link #small}: a check anyone can run (reference validation 178.6, then 142.6). */
    public static PtbConfig check() {
        return new PtbConfig(2, 200, 20, 20, 0, 0, 0.1, 1, 0.5, 4, 2, 5, 0, 0, 1);
    }

    /**
     * The medium regularised model: 2 x 650, 35 steps, 50% dropout, U(-0.05, 0.05), lr 1 for 6 epochs then
     * divided by 1.2 each epoch, 39 epochs, clip 5. Paper: 86.2 validation, 82.7 test.
     */
    public static PtbConfig medium() {
        return new PtbConfig(2, 650, 35, 20, 0.5, 0, 0.05, 1, 1 / 1.2, 6, 39, 5, 0, 0, 1);
    }

    /**
     * The large regularised model: 2 x 1500, 35 steps, 65% dropout, U(-0.04, 0.04), lr 1 for 14 epochs then
     * divided by 1.15 each epoch, 55 epochs, clip 10. Paper: 82.2 validation, 78.4 test.
     */
    public static PtbConfig large() {
        return new PtbConfig(2, 1500, 35, 20, 0.65, 0, 0.04, 1, 1 / 1.15, 14, 55, 10, 0, 0, 1);
    }

    /**
     * Under a minute: the small model for 2 epochs on the first 100,000 training words, validated and tested on
     * the first 20,000 words of each split.
     */
    public static PtbConfig tiny() {
        return new PtbConfig(2, 200, 20, 20, 0, 0, 0.1, 1, 0.5, 4, 2, 5, 100_000, 20_000, 1);
    }
}
