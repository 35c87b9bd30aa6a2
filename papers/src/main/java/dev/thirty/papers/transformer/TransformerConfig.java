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
 * @param maxLength the longest sequence a {@link Positions#LEARNED} table covers (its rows), and the
 *                  rows of the sinusoidal table computed ahead (longer sequences still work there)
 * @param embeddings whether source embedding, target embedding and generator share one matrix (§3.4)
 * @param positions how positions are represented (§3.5): sinusoidal, as the base model, or learned
 */
public record TransformerConfig(int vocab, int layers, int dModel, int dFf, int heads, float dropout,
                                int maxLength, Embeddings embeddings, Positions positions) {

    /** §3.4: "we share the same weight matrix between the two embedding layers and the pre-softmax linear transformation". */
    public enum Embeddings {
        /** Three matrices: source embedding, target embedding, and a generator with a bias. */
        SEPARATE,
        /** One matrix of a shared vocabulary for all three, as the paper; the generator has no bias. */
        SHARED
    }

    /**
     * §3.5: "we use sine and cosine functions of different frequencies ... We also experimented with
     * using learned positional embeddings [9] instead, and found that the two versions produced
     * nearly identical results (see Table 3 row (E))."
     */
    public enum Positions {
        /** The fixed table {@code PE(pos, 2i) = sin(pos / 10000^(2i/dModel))}, cosine at 2i+1; any length. */
        SINUSOIDAL,
        /**
         * Two trained tables of {@code maxLength} rows, {@code src_pos.weight} and {@code tgt_pos.weight},
         * one per side as in the cited work [9] (Gehring et al. 2017); no sequence may be longer.
         */
        LEARNED
    }

    /** Separate embeddings (the copy task's setting), sinusoidal positions. */
    public TransformerConfig(int vocab, int layers, int dModel, int dFf, int heads, float dropout, int maxLength) {
        this(vocab, layers, dModel, dFf, heads, dropout, maxLength, Embeddings.SEPARATE);
    }

    /** Sinusoidal positions, as the base model. */
    public TransformerConfig(int vocab, int layers, int dModel, int dFf, int heads, float dropout, int maxLength,
                             Embeddings embeddings) {
        this(vocab, layers, dModel, dFf, heads, dropout, maxLength, embeddings, Positions.SINUSOIDAL);
    }

    public TransformerConfig {
        if (embeddings == null) {
            embeddings = Embeddings.SEPARATE; // configs recorded before the choice existed
        }
        if (positions == null) {
            positions = Positions.SINUSOIDAL; // configs recorded before the choice existed
        }
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

    /** The base model of Table 3: N 6, dModel 512, dFf 2048, h 8, P_drop 0.1, shared embeddings, sinusoids. */
    public static TransformerConfig base(int vocab, int maxLength) {
        return new TransformerConfig(vocab, 6, 512, 2048, 8, 0.1f, maxLength, Embeddings.SHARED);
    }

    /** The same shape with positions represented as {@code p}. */
    public TransformerConfig withPositions(Positions p) {
        return new TransformerConfig(vocab, layers, dModel, dFf, heads, dropout, maxLength, embeddings, p);
    }
}
