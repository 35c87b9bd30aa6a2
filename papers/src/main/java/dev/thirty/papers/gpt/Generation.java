package dev.thirty.papers.gpt;

import dev.thirty.autograd.GradMode;
import dev.thirty.nn.functional.Sampling;
import dev.thirty.tensor.Tensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Autoregressive sampling, as nanoGPT's {@code generate}: crop the context to the block size, take
 * the last position's logits, divide by the temperature, keep the top k, sample from the softmax,
 * append, repeat.
 */
final class Generation {

    private Generation() {
    }

    /** {@code prime} followed by {@code length} sampled ids. */
    static int[] generate(Gpt model, int[] prime, int length, double temperature, int topK, RandomGenerator rng) {
        int block = model.config().blockSize();
        int[] ids = Arrays.copyOf(prime, prime.length + length);
        model.eval();
        GradMode.noGrad(() -> {
            for (int n = prime.length; n < ids.length; n++) {
                int from = Math.max(0, n - block);
                int[] context = Arrays.copyOfRange(ids, from, n);
                Tensor logits = model.forward(context, 1, context.length); // (1, t, V)
                int v = logits.dim(2);
                float[] last = Arrays.copyOfRange(logits.data(), (context.length - 1) * v, context.length * v);
                ids[n] = Sampling.sample(last, temperature, topK, rng);
            }
        });
        return ids;
    }
}
