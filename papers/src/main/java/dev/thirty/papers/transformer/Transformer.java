package dev.thirty.papers.transformer;

import dev.thirty.nn.Dropout;
import dev.thirty.nn.Embedding;
import dev.thirty.nn.Init;
import dev.thirty.nn.Linear;
import dev.thirty.nn.Module;
import dev.thirty.nn.ModuleList;
import dev.thirty.nn.attention.AttentionMask;
import dev.thirty.nn.attention.SinusoidalPositionalEncoding;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * §3 Model Architecture (Figure 1): embeddings scaled by {@code sqrt(dModel)} plus sinusoidal
 * positions (§3.4, §3.5), an encoder stack, a decoder stack, and a linear "generator" to
 * vocabulary logits (softmax is in the loss).
 *
 * <p>Shapes: source ids {@code (B, S)} to memory {@code (B, S, dModel)}; target ids {@code (B, T)}
 * with memory to logits {@code (B, T, vocab)}. Initialisation as the Annotated Transformer:
 * Glorot-uniform for every matrix.
 *
 * <p>Deviation from the paper: source and target embeddings and the generator are separate
 * matrices (the paper shares them, §3.4); the copy task does not need the sharing.
 */
public final class Transformer extends Module {

    private final TransformerConfig config;
    private final Embedding srcEmbed;
    private final Embedding tgtEmbed;
    private final SinusoidalPositionalEncoding positions;
    private final Dropout dropout;
    private final ModuleList<EncoderLayer> encoder;
    private final ModuleList<DecoderLayer> decoder;
    private final Linear generator;

    public Transformer(TransformerConfig c, RandomGenerator rng) {
        this.config = c;
        this.srcEmbed = child("src_embed", new Embedding(c.vocab(), c.dModel(), rng));
        this.tgtEmbed = child("tgt_embed", new Embedding(c.vocab(), c.dModel(), rng));
        this.positions = child("positions", new SinusoidalPositionalEncoding(c.dModel(), c.maxLength()));
        this.dropout = child("dropout", new Dropout(c.dropout(), rng));
        List<EncoderLayer> enc = new ArrayList<>();
        List<DecoderLayer> dec = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            enc.add(new EncoderLayer(c, rng));
            dec.add(new DecoderLayer(c, rng));
        }
        this.encoder = child("encoder", new ModuleList<>(enc));
        this.decoder = child("decoder", new ModuleList<>(dec));
        this.generator = child("generator", new Linear(c.dModel(), c.vocab(), rng));
        for (Parameter p : parameters()) {
            if (p.rank() > 1) {
                Init.xavierUniform(p, 1f, rng);
            }
        }
    }

    public TransformerConfig config() {
        return config;
    }

    /** The encoder: source ids {@code (B, S)} to memory {@code (B, S, dModel)}. */
    public Tensor encode(int[] src, int batch, int length, AttentionMask srcMask) {
        Tensor x = embed(srcEmbed, src, batch, length);
        for (EncoderLayer layer : encoder) {
            x = layer.forward(x, srcMask);
        }
        return x;
    }

    /** The decoder and generator: target ids {@code (B, T)} to logits {@code (B, T, vocab)}. */
    public Tensor decode(Tensor memory, AttentionMask srcMask, int[] tgt, int batch, int length,
                         AttentionMask tgtMask) {
        Tensor x = embed(tgtEmbed, tgt, batch, length);
        for (DecoderLayer layer : decoder) {
            x = layer.forward(x, memory, srcMask, tgtMask);
        }
        return generator.forward(x);
    }

    /** §3.4 and §3.5: {@code Dropout(Embedding(ids) * sqrt(dModel) + PE)}, {@code (B, T) -> (B, T, dModel)}. */
    private Tensor embed(Embedding table, int[] ids, int batch, int length) {
        Tensor e = table.forward(ids, batch, length).mul((float) Math.sqrt(config.dModel()));
        return dropout.forward(positions.forward(e));
    }
}
