package dev.thirty.papers.gpt;

import dev.thirty.kernels.Transpose;
import dev.thirty.nn.Dropout;
import dev.thirty.nn.Embedding;
import dev.thirty.nn.Init;
import dev.thirty.nn.LayerNorm;
import dev.thirty.nn.Linear;
import dev.thirty.nn.Module;
import dev.thirty.nn.ModuleList;
import dev.thirty.tensor.LinearAlgebra;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A decoder-only transformer language model (Radford et al. 2018, 2019), as nanoGPT's
 * {@code GPT}: token embeddings plus learned position embeddings, {@code layers} pre-norm
 * {@link Block}s, a final layer norm, and logits from the token embedding matrix (weight tying,
 * Press and Wolf 2017). Shapes: ids {@code (B, T)} with {@code T <= blockSize} to logits
 * {@code (B, T, vocab)}.
 *
 * <p>Parameter names are nanoGPT's ({@code transformer.h.0.attn.c_attn.weight}), so the weights
 * load into its {@code GPT} with {@code bias=False}; {@code lm_head.weight} is
 * {@code transformer.wte.weight}. Initialisation as nanoGPT's: every matrix {@code N(0, 0.02)},
 * the residual projections {@code c_proj} {@code N(0, 0.02 / sqrt(2 * layers))}, norms ones.
 */
public final class Gpt extends Module {

    private final GptConfig config;
    private final Trunk transformer;

    public Gpt(GptConfig c, RandomGenerator rng) {
        this.config = c;
        this.transformer = child("transformer", new Trunk(c, rng));
        for (Map.Entry<String, Parameter> e : namedParameters().entrySet()) {
            if (e.getValue().rank() >= 2) {
                boolean residual = e.getKey().endsWith("c_proj.weight");
                Init.normal(e.getValue(), 0f, residual ? (float) (0.02 / Math.sqrt(2 * c.layers())) : 0.02f, rng);
            }
        }
    }

    public GptConfig config() {
        return config;
    }

    /** Logits for the next token at every position: {@code (B, T) -> (B, T, vocab)}. */
    public Tensor forward(int[] ids, int batch, int t) {
        if (t > config.blockSize()) {
            throw new IllegalArgumentException("gpt: sequence of " + t + " tokens exceeds the block size "
                    + config.blockSize());
        }
        int[] positions = new int[t];
        for (int i = 0; i < t; i++) {
            positions[i] = i;
        }
        Tensor x = transformer.wte.forward(ids, batch, t).add(transformer.wpe.forward(positions, t)); // (B, T, C)
        x = transformer.drop.forward(x);
        for (Block block : transformer.h) {
            x = block.forward(x);
        }
        x = transformer.lnF.forward(x);
        return LinearAlgebra.matmul(x, Transpose.N, transformer.wte.weight(), Transpose.T); // (B, T, C) -> (B, T, V)
    }

    /** nanoGPT's {@code model.transformer}: embeddings, blocks and the final norm. */
    private static final class Trunk extends Module {

        private final Embedding wte;
        private final Embedding wpe;
        private final Dropout drop;
        private final ModuleList<Block> h;
        private final LayerNorm lnF;

        Trunk(GptConfig c, RandomGenerator rng) {
            this.wte = child("wte", new Embedding(c.vocab(), c.width(), rng));
            this.wpe = child("wpe", new Embedding(c.blockSize(), c.width(), rng));
            this.drop = child("drop", new Dropout(c.dropout(), rng));
            List<Block> blocks = new ArrayList<>();
            for (int i = 0; i < c.layers(); i++) {
                blocks.add(new Block(c, rng));
            }
            this.h = child("h", new ModuleList<>(blocks));
            this.lnF = child("ln_f", new LayerNorm(c.width(), 1e-5f, Linear.Bias.NO));
        }
    }
}
