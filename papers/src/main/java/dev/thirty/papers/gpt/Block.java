package dev.thirty.papers.gpt;

import dev.thirty.nn.Layer;
import dev.thirty.nn.LayerNorm;
import dev.thirty.nn.Linear;
import dev.thirty.nn.Module;
import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * A pre-norm transformer block (GPT-2, Radford et al. 2019 §2.3: layer norm moved to each
 * sub-block's input): {@code x + attn(ln_1(x))}, then {@code x + mlp(ln_2(x))}.
 * Shapes: {@code (B, T, C) -> (B, T, C)}.
 */
final class Block extends Module implements Layer {

    private final LayerNorm ln1;
    private final CausalSelfAttention attn;
    private final LayerNorm ln2;
    private final FeedForward mlp;

    Block(GptConfig c, RandomGenerator rng) {
        this.ln1 = child("ln_1", new LayerNorm(c.width(), 1e-5f, Linear.Bias.NO));
        this.attn = child("attn", new CausalSelfAttention(c, rng));
        this.ln2 = child("ln_2", new LayerNorm(c.width(), 1e-5f, Linear.Bias.NO));
        this.mlp = child("mlp", new FeedForward(c, rng));
    }

    @Override
    public Tensor forward(Tensor x) {
        x = x.add(attn.forward(ln1.forward(x)));
        return x.add(mlp.forward(ln2.forward(x)));
    }
}
