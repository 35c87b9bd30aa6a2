package dev.thirty.papers.transformer;

/**
 * The shape of an encoder-decoder Transformer (§3, Table 3).
 *
 * @param vocab   source and target vocabulary size (shared here)
 * @param layers  N, encoder and decoder layers each
 * @param dModel  width of every sublayer's output
 * @param dFf     inner width of the feed-forward network
 * @param heads   h, attention heads; {@code dModel} must divide by it
 * @param dropout P_drop on sublayer outputs, embeddings, attention weights and the FFN
 * @param maxLength the longest sequence the positional encoding covers
 */
public record TransformerConfig(int vocab, int layers, int dModel, int dFf, int heads, float dropout,
                                int maxLength) {

    public TransformerConfig {
        if (vocab < 2 || layers < 1 || dModel < 2 || dFf < 1 || heads < 1 || maxLength < 1) {
            throw new IllegalArgumentException("transformer: sizes must be positive, got " + this);
        }
        if (dModel % heads != 0 || dModel % 2 != 0) {
            throw new IllegalArgumentException("transformer: dModel " + dModel + " must be even and divide into "
                    + heads + " heads");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("transformer: dropout must be in [0, 1), got " + dropout);
        }
    }

    /** The base model of Table 3: N 6, dModel 512, dFf 2048, h 8, P_drop 0.1. */
    public static TransformerConfig base(int vocab, int maxLength) {
        return new TransformerConfig(vocab, 6, 512, 2048, 8, 0.1f, maxLength);
    }
}
