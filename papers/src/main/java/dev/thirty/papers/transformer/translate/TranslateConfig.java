package dev.thirty.papers.transformer.translate;

import dev.thirty.papers.transformer.TransformerConfig;

/**
 * Settings of the Multi30k German-to-English run.
 *
 * @param merges         BPE merges learned jointly on both sides of the training set
 * @param layers         N, encoder and decoder layers each (§3.1)
 * @param dModel         model width
 * @param dFf            inner width of the feed-forward networks (§3.3)
 * @param heads          h (§3.2.2)
 * @param dropout        P_drop (§5.4)
 * @param labelSmoothing eps_ls (§5.4)
 * @param batchTokens    padded tokens per batch, {@code B * max(S, T)} (§5.1)
 * @param steps          optimizer steps
 * @param warmup         Noam warmup steps (§5.3)
 * @param factor         Noam scale: {@code lr = factor * dModel^-0.5 * min(step^-0.5, step * warmup^-1.5)}
 * @param evalEvery      greedy BLEU on validation sentences every this many steps
 * @param evalSentences  how many validation sentences that uses (0: all)
 * @param beam           beam size of the final test decoding (§6.1)
 * @param lengthPenalty  α of the final test decoding (§6.1)
 * @param trainPairs     training pairs used (0: all); small runs train on the first ones
 * @param maxLength      longest source or target in tokens; longer training pairs are left out
 * @param testSentences  test2016 sentences translated at the end (0: all 1,000)
 * @param positions      §3.5 position representation: {@code sinusoidal} (the base model; translates
 *                       sentences of any length) or {@code learned} (Table 3 row (E)): two trained
 *                       tables of {@code maxLength + 52} rows, room for a longest source and the
 *                       output limit of decoding (source length + 50, §6.1) with the markers; a
 *                       longer sentence is refused with its number and length. Runs recorded
 *                       without this setting are sinusoidal.
 */
public record TranslateConfig(int merges, int layers, int dModel, int dFf, int heads, float dropout,
                              float labelSmoothing, int batchTokens, int steps, int warmup, double factor,
                              int evalEvery, int evalSentences, int beam, double lengthPenalty, int trainPairs,
                              int maxLength, int testSentences, TransformerConfig.Positions positions) {

    /** Output limit of decoding: source length plus this (§6.1). */
    static final int EXTRA_LENGTH = 50;

    public TranslateConfig {
        if (positions == null) {
            positions = TransformerConfig.Positions.SINUSOIDAL; // runs recorded before the choice existed
        }
        if (merges < 0 || batchTokens < 1 || steps < 1 || warmup < 1 || evalEvery < 1 || evalSentences < 0
                || beam < 1 || trainPairs < 0 || maxLength < 2 || testSentences < 0) {
            throw new IllegalArgumentException("translate: need merges >= 0, positive batchTokens, steps, warmup,"
                    + " evalEvery, beam and maxLength >= 2, evalSentences, trainPairs and testSentences >= 0; got " + this);
        }
        if (batchTokens < maxLength) {
            throw new IllegalArgumentException("translate: batchTokens " + batchTokens + " cannot hold one pair of"
                    + " maxLength " + maxLength);
        }
        if (!(factor > 0) || !(labelSmoothing >= 0 && labelSmoothing < 1) || !(lengthPenalty >= 0)) {
            throw new IllegalArgumentException("translate: need factor > 0, labelSmoothing in [0, 1) and"
                    + " lengthPenalty >= 0; got " + factor + ", " + labelSmoothing + ", " + lengthPenalty);
        }
        new TransformerConfig(16, layers, dModel, dFf, heads, dropout, maxLength); // validates the model's shape
    }

    /** The Transformer for a shared vocabulary of {@code vocab} symbols: §3.4 weight sharing. */
    public TransformerConfig model(int vocab) {
        return new TransformerConfig(vocab, layers, dModel, dFf, heads, dropout, maxLength + EXTRA_LENGTH + 2,
                TransformerConfig.Embeddings.SHARED, positions);
    }

    /**
     * The base model of Table 3 with the paper's optimisation (warmup 4000, batches of about 25,000
     * tokens, 100,000 steps): far beyond a CPU, listed for reference.
     */
    public static TranslateConfig paper() {
        return new TranslateConfig(8000, 6, 512, 2048, 8, 0.1f, 0.1f, 25000, 100000, 4000, 1.0, 5000, 0, 4, 0.6,
                0, 100, 0, TransformerConfig.Positions.SINUSOIDAL);
    }

    /**
     * A model sized for about 40 minutes on two cores: N 3, dModel 256, dFf 512, h 4, a joint
     * vocabulary of 5000 merges, batches of 1536 padded tokens (about 1,300 target tokens, 347 per
     * epoch), 2000 steps (about 5.8 epochs), Noam warmup 300 at factor 0.2 (peak learning rate 7.2e-4).
     */
    public static TranslateConfig cpu() {
        return new TranslateConfig(5000, 3, 256, 512, 4, 0.1f, 0.1f, 1536, 2000, 300, 0.2, 250, 300, 4, 0.6,
                0, 100, 0, TransformerConfig.Positions.SINUSOIDAL);
    }

    /**
     * A one-minute check: the first 60 training pairs, 500 merges, a 64-wide model of two layers
     * each side without dropout or label smoothing, 400 steps (about 130 epochs of those pairs), so
     * that it learns them by heart; 100 test sentences at the end.
     */
    public static TranslateConfig tiny() {
        return new TranslateConfig(500, 2, 64, 128, 4, 0f, 0f, 512, 400, 50, 0.5, 200, 50, 2, 0.6, 60, 40, 100,
                TransformerConfig.Positions.SINUSOIDAL);
    }
}
