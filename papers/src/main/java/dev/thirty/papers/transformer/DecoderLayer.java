package dev.thirty.papers.transformer;

import dev.thirty.nn.Dropout;
import dev.thirty.nn.LayerNorm;
import dev.thirty.nn.Module;
import dev.thirty.nn.attention.AttentionMask;
import dev.thirty.nn.attention.MultiHeadAttention;
import dev.thirty.nn.attention.PositionwiseFeedForward;
import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * §3.1 Decoder, one of N identical layers: masked self-attention, attention over the encoder's
 * output ("memory"), then a feed-forward network, each as {@code LayerNorm(x + Dropout(Sublayer(x)))}.
 * Shapes: x {@code (B, T, dModel)}, memory {@code (B, S, dModel)}, result {@code (B, T, dModel)}.
 */
final class DecoderLayer extends Module {

    private final MultiHeadAttention selfAttn;
    private final MultiHeadAttention srcAttn;
    private final PositionwiseFeedForward feedForward;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final LayerNorm norm3;
    private final Dropout dropout;

    DecoderLayer(TransformerConfig c, RandomGenerator masks) {
        this.selfAttn = child("self_attn", new MultiHeadAttention(c.dModel(), c.heads(), c.dropout(), masks));
        this.srcAttn = child("src_attn", new MultiHeadAttention(c.dModel(), c.heads(), c.dropout(), masks));
        this.feedForward = child("feed_forward", new PositionwiseFeedForward(c.dModel(), c.dFf(), c.dropout(), masks));
        this.norm1 = child("norm1", new LayerNorm(c.dModel()));
        this.norm2 = child("norm2", new LayerNorm(c.dModel()));
        this.norm3 = child("norm3", new LayerNorm(c.dModel()));
        this.dropout = child("dropout", new Dropout(c.dropout(), masks));
    }

    Tensor forward(Tensor x, Tensor memory, AttentionMask srcMask, AttentionMask tgtMask) {
        x = norm1.forward(x.add(dropout.forward(selfAttn.forward(x, x, x, tgtMask))));
        return attendAndFeedForward(x, memory, srcMask);
    }

    /**
     * The same layer for one new position {@code x (B, 1, dModel)} whose self-attention reads
     * {@code keys (B, t, dModel)}: this layer's inputs at every position so far, x's included
     * (so no causal mask is needed).
     */
    Tensor forwardNext(Tensor x, Tensor keys, Tensor memory, AttentionMask srcMask) {
        x = norm1.forward(x.add(dropout.forward(selfAttn.forward(x, keys, keys, null))));
        return attendAndFeedForward(x, memory, srcMask);
    }

    /** The second and third sublayers: attention over the encoder's output, then the FFN. */
    private Tensor attendAndFeedForward(Tensor x, Tensor memory, AttentionMask srcMask) {
        x = norm2.forward(x.add(dropout.forward(srcAttn.forward(x, memory, memory, srcMask))));
        return norm3.forward(x.add(dropout.forward(feedForward.forward(x))));
    }
}
