package dev.thirty.papers.gpt;

import dev.thirty.data.TokenStream;
import java.util.random.RandomGenerator;

/**
 * A batch of random windows of a token stream, as nanoGPT's {@code get_batch}: inputs
 * {@code (B, T)} at offsets uniform in {@code [0, length - T)}, targets the same windows shifted
 * by one token; or the stream cut into consecutive windows, to measure the loss on all of it.
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

    /**
     * The windows of {@code count} consecutive tokens starting at {@code first * context}, each
     * followed by its target token: window i covers tokens {@code [(first + i) T, (first + i + 1) T]}.
     */
    static Windows consecutive(TokenStream tokens, int first, int count, int context) {
        if ((long) (first + count) * context >= tokens.length()) {
            throw new IllegalArgumentException("gpt-char: windows " + first + ".." + (first + count) + " of "
                    + context + " tokens run past the end of " + tokens.length() + " tokens");
        }
        int[] x = new int[count * context];
        int[] y = new int[count * context];
        for (int b = 0; b < count; b++) {
            int at = (first + b) * context;
            for (int t = 0; t < context; t++) {
                x[b * context + t] = tokens.get(at + t);
                y[b * context + t] = tokens.get(at + t + 1);
            }
        }
        return new Windows(x, y);
    }

    /** How many whole windows (with their targets) {@link #consecutive} can cut from {@code tokens}. */
    static int wholeWindows(TokenStream tokens, int context) {
        return (tokens.length() - 1) / context;
    }
}
