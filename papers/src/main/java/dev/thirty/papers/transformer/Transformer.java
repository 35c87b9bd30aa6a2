package dev.thirty.papers.transformer;

import dev.thirty.kernels.Transpose;
import dev.thirty.nn.Dropout;
import dev.thirty.nn.Embedding;
import dev.thirty.nn.Init;
import dev.thirty.nn.Linear;
import dev.thirty.nn.Module;
import dev.thirty.nn.ModuleList;
import dev.thirty.nn.attention.AttentionMask;
import dev.thirty.nn.attention.SinusoidalPositionalEncoding;
import dev.thirty.tensor.Indexing;
import dev.thirty.tensor.Layout;
import dev.thirty.tensor.LinearAlgebra;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * §3 Model Architecture (Figure 1): embeddings scaled by {@code sqrt(dModel)} plus positions
 * (§3.4, §3.5), an encoder stack, a decoder stack, and a linear "generator" to vocabulary logits
 * (softmax is in the loss).
 *
 * <p>Shapes: source ids {@code (B, S)} to memory {@code (B, S, dModel)}; target ids {@code (B, T)}
 * with memory to logits {@code (B, T, vocab)}. Initialisation as the Annotated Transformer:
 * Glorot-uniform for every matrix (learned position tables aside, below).
 *
 * <p>§3.4 weight sharing: with {@link TransformerConfig.Embeddings#SHARED} one matrix
 * {@code src_embed.weight (vocab, dModel)} embeds source and target tokens and, transposed, is the
 * pre-softmax linear transformation (no bias); the state dict then holds it once, and
 * {@code tgt_embed.weight} and {@code generator.weight} are that tensor. With
 * {@link TransformerConfig.Embeddings#SEPARATE} (the copy task) they are three matrices and the
 * generator has a bias.
 *
 * <p>§3.5 positions: {@link TransformerConfig.Positions#SINUSOIDAL} adds the fixed sinusoids (no
 * parameters; any length). {@link TransformerConfig.Positions#LEARNED} adds row t of a trained
 * table {@code (maxLength, dModel)} at position t, one table per side ({@code src_pos.weight},
 * {@code tgt_pos.weight}): the source and target position t are not the same place in a
 * translation, and the work the paper cites for learned positions [9] (Gehring et al. 2017,
 * Convolutional Sequence to Sequence Learning, §3.1) embeds input and output positions
 * separately. Initialised {@code N(0, 0.1^2)}, as that work initialises all its embeddings (§3.5
 * there); the tables are drawn after the Glorot initialisation, so that every other weight equals
 * the sinusoidal model's of the same seed. They start smaller than the sinusoids (standard
 * deviation 0.1 against an RMS of 0.71); rows past the longest training sequence are never
 * trained and keep their initial values.
 *
 * <p>Dropout masks come from their own generator (second constructor), so that a run can save its
 * state and resume with the same masks.
 */
public final class Transformer extends Module {

    private final TransformerConfig config;
    private final Embedding srcEmbed;
    private final Embedding tgtEmbed;
    private final SinusoidalPositionalEncoding sinusoids;
    private final Embedding srcPos;
    private final Embedding tgtPos;
    private final Dropout dropout;
    private final ModuleList<EncoderLayer> encoder;
    private final ModuleList<DecoderLayer> decoder;
    private final Linear generator;

    /** Weights and dropout masks both drawn from {@code rng}. */
    public Transformer(TransformerConfig c, RandomGenerator rng) {
        this(c, rng, rng);
    }

    /** Weights drawn from {@code init}, dropout masks from {@code masks}. */
    public Transformer(TransformerConfig c, RandomGenerator init, RandomGenerator masks) {
        this.config = c;
        boolean shared = c.embeddings() == TransformerConfig.Embeddings.SHARED;
        this.srcEmbed = child("src_embed", new Embedding(c.vocab(), c.dModel(), init));
        this.tgtEmbed = shared ? srcEmbed : child("tgt_embed", new Embedding(c.vocab(), c.dModel(), init));
        boolean learned = c.positions() == TransformerConfig.Positions.LEARNED;
        this.sinusoids = learned ? null
                : child("positions", new SinusoidalPositionalEncoding(c.dModel(), c.maxLength()));
        this.dropout = child("dropout", new Dropout(c.dropout(), masks));
        List<EncoderLayer> enc = new ArrayList<>();
        List<DecoderLayer> dec = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            enc.add(new EncoderLayer(c, masks));
            dec.add(new DecoderLayer(c, masks));
        }
        this.encoder = child("encoder", new ModuleList<>(enc));
        this.decoder = child("decoder", new ModuleList<>(dec));
        this.generator = shared ? null : child("generator", new Linear(c.dModel(), c.vocab(), init));
        for (Parameter p : parameters()) {
            if (p.rank() > 1) {
                Init.xavierUniform(p, 1f, init);
            }
        }
        this.srcPos = learned ? child("src_pos", learnedPositions(c, init)) : null;
        this.tgtPos = learned ? child("tgt_pos", learnedPositions(c, init)) : null;
    }

    /**
     * A {@code (maxLength, dModel)} table drawn from {@code N(0, 0.1^2)} (see the class comment),
     * replacing the {@code N(0, 1)} draw of {@link Embedding}.
     */
    private static Embedding learnedPositions(TransformerConfig c, RandomGenerator init) {
        Embedding table = new Embedding(c.maxLength(), c.dModel(), init);
        Init.normal(table.weight(), 0f, 0.1f, init);
        return table;
    }

    public TransformerConfig config() {
        return config;
    }

    /**
     * The longest source or target this model reads: the rows of its learned position tables, or
     * empty with sinusoids, which have no limit.
     */
    public OptionalInt maxPositions() {
        return srcPos == null ? OptionalInt.empty() : OptionalInt.of(config.maxLength());
    }

    /** The encoder: source ids {@code (B, S)} to memory {@code (B, S, dModel)}. */
    public Tensor encode(int[] src, int batch, int length, AttentionMask srcMask) {
        Tensor x = embed(srcEmbed, srcPos, "source", src, batch, length);
        for (EncoderLayer layer : encoder) {
            x = layer.forward(x, srcMask);
        }
        return x;
    }

    /** The decoder and generator: target ids {@code (B, T)} to logits {@code (B, T, vocab)}. */
    public Tensor decode(Tensor memory, AttentionMask srcMask, int[] tgt, int batch, int length,
                         AttentionMask tgtMask) {
        return generate(decodeStates(memory, srcMask, tgt, batch, length, tgtMask));
    }

    /** The decoder stack alone: target ids {@code (B, T)} to its output {@code (B, T, dModel)}. */
    public Tensor decodeStates(Tensor memory, AttentionMask srcMask, int[] tgt, int batch, int length,
                               AttentionMask tgtMask) {
        Tensor x = embed(tgtEmbed, tgtPos, "target", tgt, batch, length);
        for (DecoderLayer layer : decoder) {
            x = layer.forward(x, memory, srcMask, tgtMask);
        }
        return x;
    }

    /**
     * What step-by-step decoding remembers: for each decoder layer, its inputs at the positions
     * decoded so far ({@code (R, t, dModel)}), which the next position's self-attention reads as
     * keys and values. Rows are hypotheses; {@link #reorder} follows beam search's choices.
     */
    public static final class DecoderCache {

        private final Tensor[] inputs;
        private int length;

        private DecoderCache(int layers) {
            this.inputs = new Tensor[layers];
        }

        /** Positions decoded so far. */
        public int length() {
            return length;
        }

        /** Row r of the cache becomes old row {@code rows[r]}: {@code (R, t, C) -> (rows.length, t, C)}. */
        public void reorder(int[] rows) {
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = Indexing.indexSelect(inputs[i], 0, rows);
            }
        }
    }

    /** An empty cache for {@link #decodeNext}. */
    public DecoderCache newCache() {
        return new DecoderCache(config.layers());
    }

    /**
     * The decoder at the next position only (inference, no dropout): {@code tokens (R)} are the
     * tokens at position {@code cache.length()}; returns the decoder's output there,
     * {@code (R, dModel)}, equal to the last row of {@link #decodeStates} over the whole prefix
     * (causal masking makes earlier positions independent of later ones). Position t adds row t
     * of the position encoding, learned or sinusoidal.
     */
    public Tensor decodeNext(Tensor memory, AttentionMask srcMask, int[] tokens, DecoderCache cache) {
        int r = tokens.length;
        int t = cache.length;
        Tensor x = tgtEmbed.forward(tokens, r, 1).mul((float) Math.sqrt(config.dModel()))
                .add(positions(tgtPos, "target", t, 1));                       // (R, 1, C) + (1, C)
        int i = 0;
        for (DecoderLayer layer : decoder) {
            Tensor past = cache.inputs[i];
            Tensor keys = past == null ? x : Layout.concat(1, past, x);         // (R, t, C) ++ (R, 1, C)
            cache.inputs[i++] = keys;
            x = layer.forwardNext(x, keys, memory, srcMask);
        }
        cache.length++;
        return x.reshape(r, config.dModel());                                  // (R, 1, C) -> (R, C)
    }

    /** The pre-softmax linear transformation (§3.4): {@code (..., dModel) -> (..., vocab)}. */
    public Tensor generate(Tensor states) {
        if (generator != null) {
            return generator.forward(states);
        }
        return LinearAlgebra.matmul(states, Transpose.N, srcEmbed.weight(), Transpose.T); // (..., C) -> (..., V)
    }

    /** §3.4 and §3.5: {@code Dropout(Embedding(ids) * sqrt(dModel) + PE)}, {@code (B, T) -> (B, T, dModel)}. */
    private Tensor embed(Embedding table, Embedding learned, String side, int[] ids, int batch, int length) {
        Tensor e = table.forward(ids, batch, length).mul((float) Math.sqrt(config.dModel()));
        return dropout.forward(e.add(positions(learned, side, 0, length))); // (B, T, C) + (T, C)
    }

    /**
     * Positions {@code from .. from + count - 1} of one side: rows of its learned table (which the
     * gradient reaches), or the sinusoids when {@code learned} is null. {@code (count, dModel)}.
     */
    private Tensor positions(Embedding learned, String side, int from, int count) {
        if (learned == null) {
            return sinusoids.rows(from, count);
        }
        if (from + count > config.maxLength()) {
            throw new IllegalArgumentException("transformer: " + side + " position " + (from + count - 1)
                    + " is past the learned position table, which has " + config.maxLength() + " rows"
                    + " (positions=learned, maxLength " + config.maxLength() + "); sequences of this model"
                    + " hold at most " + config.maxLength() + " tokens");
        }
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = from + i;
        }
        return learned.forward(rows, count);
    }
}
