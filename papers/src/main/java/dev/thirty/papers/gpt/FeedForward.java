package dev.thirty.papers.gpt;

import dev.thirty.nn.Dropout;
import dev.thirty.nn.Layer;
import dev.thirty.nn.Linear;
import dev.thirty.nn.Module;
import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * The block's MLP: {@code c_proj(gelu(c_fc(x)))}, {@code (B, T, C) -> (B, T, 4C) -> (B, T, C)}.
 *
 * <p>Deviation from nanoGPT: GELU here is the tanh approximation (GPT-2's own); nanoGPT's
 * {@code nn.GELU()} is the exact erf form. The two differ by under 1e-3 everywhere.
 */
final class FeedForward extends Module implements Layer {

    private final Linear cFc;
    private final Linear cProj;
    private final Dropout dropout;

    FeedForward(GptConfig c, RandomGenerator rng) {
        this.cFc = child("c_fc", new Linear(c.width(), 4 * c.width(), Linear.Bias.NO, rng));
        this.cProj = child("c_proj", new Linear(4 * c.width(), c.width(), Linear.Bias.NO, rng));
        this.dropout = child("dropout", new Dropout(c.dropout(), rng));
    }

    @Override
    public Tensor forward(Tensor x) {
        return dropout.forward(cProj.forward(cFc.forward(x).gelu()));
    }
}
