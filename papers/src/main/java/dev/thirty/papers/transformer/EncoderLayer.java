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
 * §3.1 Encoder, one of N identical layers: self-attention then a feed-forward network, each
 * wrapped as {@code LayerNorm(x + Dropout(Sublayer(x)))} (post-norm, §3.1 and §5.4).
 * Shapes: {@code (B, S, dModel) -> (B, S, dModel)}.
 */
final class EncoderLayer extends Module {

    private final MultiHeadAttention selfAttn;
    private final PositionwiseFeedForward feedForward;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Dropout dropout;

    EncoderLayer(TransformerConfig c, RandomGenerator masks) {
        this.selfAttn = child("self_attn", new MultiHeadAttention(c.dModel(), c.heads(), c.dropout(), masks));
        this.feedForward = child("feed_forward", new PositionwiseFeedForward(c.dModel(), c.dFf(), c.dropout(), masks));
        this.norm1 = child("norm1", new LayerNorm(c.dModel()));
        this.norm2 = child("norm2", new LayerNorm(c.dModel()));
        this.dropout = child("dropout", new Dropout(c.dropout(), masks));
    }

    Tensor forward(Tensor x, AttentionMask srcMask) {
        x = norm1.forward(x.add(dropout.forward(selfAttn.forward(x, x, x, srcMask))));
        return norm2.forward(x.add(dropout.forward(feedForward.forward(x))));
    }
}
