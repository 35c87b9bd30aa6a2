package dev.thirty.papers.gpt;

import dev.thirty.nn.Dropout;
import dev.thirty.nn.Layer;
import dev.thirty.nn.Linear;
import dev.thirty.nn.Module;
import dev.thirty.nn.attention.FusedCausalAttention;
import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Masked multi-head self-attention (Vaswani et al. §3.2.2-3.2.3; Radford et al. 2018 §3.1): one
 * projection {@code c_attn} to queries, keys and values side by side, the fused causal attention
 * of every head, and the output projection {@code c_proj}. Shapes:
 * {@code (B, T, C) -> (B, T, 3C) -> (B, T, C) -> (B, T, C)}. No biases (nanoGPT's {@code bias=False}).
 */
final class CausalSelfAttention extends Module implements Layer {

    private final int heads;
    private final Linear cAttn;
    private final Linear cProj;
    private final Dropout residDropout;

    CausalSelfAttention(GptConfig c, RandomGenerator rng) {
        this.heads = c.heads();
        this.cAttn = child("c_attn", new Linear(c.width(), 3 * c.width(), Linear.Bias.NO, rng));
        this.cProj = child("c_proj", new Linear(c.width(), c.width(), Linear.Bias.NO, rng));
        this.residDropout = child("resid_dropout", new Dropout(c.dropout(), rng));
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor qkv = cAttn.forward(x);                           // (B, T, C) -> (B, T, 3C)
        Tensor y = FusedCausalAttention.attend(qkv, heads);      // (B, T, 3C) -> (B, T, C)
        return residDropout.forward(cProj.forward(y));
    }
}
