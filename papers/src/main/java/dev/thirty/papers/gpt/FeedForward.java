package dev.thirty.papers.gpt;

import dev.thirty.nn.Activation;
import dev.thirty.nn.Dropout;
import dev.thirty.nn.Layer;
import dev.thirty.nn.Linear;
import dev.thirty.nn.Module;
import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * The block's MLP: {@code c_proj(gelu(c_fc(x)))}, {@code (B, T, C) -> (B, T, 4C) -> (B, T, C)}.
 *
 * <p>GELU is the config's {@link Gelu}: {@code EXACT}, {@code x Phi(x)}, is nanoGPT's
 * {@code nn.GELU()} and every gpt-char preset's; {@code TANH} is GPT-2's tanh approximation.
 */
final class FeedForward extends Module implements Layer {

    private final Linear cFc;
    private final Linear cProj;
    private final Dropout dropout;
    private final Activation gelu;

    FeedForward(GptConfig c, RandomGenerator rng) {
        this.cFc = child("c_fc", new Linear(c.width(), 4 * c.width(), Linear.Bias.NO, rng));
        this.cProj = child("c_proj", new Linear(4 * c.width(), c.width(), Linear.Bias.NO, rng));
        this.dropout = child("dropout", new Dropout(c.dropout(), rng));
        this.gelu = c.gelu().activation();
    }

    @Override
    public Tensor forward(Tensor x) {
        return dropout.forward(cProj.forward(gelu.apply(cFc.forward(x))));
    }
}
