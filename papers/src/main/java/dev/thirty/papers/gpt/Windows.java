package dev.thirty.papers.gpt;

import dev.thirty.data.TokenStream;
import java.util.random.RandomGenerator;

/**
 * A batch of random windows of a token stream, as nanoGPT's {@code get_batch}: inputs
 * {@code (B, T)} at offsets uniform in {@code [0, length - T)}, targets the same windows shifted
 * by one token.
 */
record Windows(int[] inputs, int[] targets) {

    static Windows draw(TokenStream tokens, int batch, int context, RandomGenerator rng) {
        if (tokens.length() <= context) {
            throw new IllegalArgumentException("gpt-char: " + tokens.length() + " tokens are too few for windows of "
                    + (context + 1));
        }
        int[] x = new int[batch * context];
        int[] y = new int[batch * context];
        for (int b = 0; b < batch; b++) {
            int at = rng.nextInt(tokens.length() - context);
            for (int t = 0; t < context; t++) {
                x[b * context + t] = tokens.get(at + t);
                y[b * context + t] = tokens.get(at + t + 1);
            }
        }
        return new Windows(x, y);
    }
}
