package dev.thirty.nn.attention;

import dev.thirty.tensor.Shape;

/**
 * Which attention scores to hide: {@code masked[i]} true means "this query may not look at this
 * key". The shape broadcasts against the scores {@code (B, H, Tq, Tk)}: a causal mask is
 * {@code (Tq, Tk)}, a key padding mask {@code (B, 1, 1, Tk)}, both together {@code (B, 1, T, T)}.
 *
 * <p>Vaswani et al. (2017), §3.2.3: the decoder's self-attention masks out "all values in the
 * input of the softmax which correspond to illegal connections" (later positions); padding keys
 * are masked everywhere so that batching sentences of different lengths changes nothing.
 */
public record AttentionMask(boolean[] masked, Shape shape) {

    public AttentionMask {
        if (masked.length != shape.size()) {
            throw new IllegalArgumentException("AttentionMask: " + masked.length + " flags for shape " + shape);
        }
        masked = masked.clone();
    }

    /** {@code (T, T)}: query i may see keys {@code 0..i}. */
    public static AttentionMask causal(int t) {
        boolean[] m = new boolean[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                m[i * t + j] = true;
            }
        }
        return new AttentionMask(m, Shape.of(t, t));
    }

    /**
     * {@code (B, 1, 1, Tk)}: key j of sequence b is hidden when {@code tokens[b * Tk + j] == pad}.
     *
     * @param tokens {@code (B, Tk)} token ids, row-major
     */
    public static AttentionMask padding(int[] tokens, int batch, int keys, int pad) {
        checkTokens(tokens, batch, keys);
        boolean[] m = new boolean[batch * keys];
        for (int i = 0; i < m.length; i++) {
            m[i] = tokens[i] == pad;
        }
        return new AttentionMask(m, Shape.of(batch, 1, 1, keys));
    }

    /** {@code (B, 1, T, T)}: the decoder's mask, padding keys and later positions both hidden. */
    public static AttentionMask paddingAndCausal(int[] tokens, int batch, int t, int pad) {
        checkTokens(tokens, batch, t);
        boolean[] m = new boolean[batch * t * t];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    m[(b * t + i) * t + j] = j > i || tokens[b * t + j] == pad;
                }
            }
        }
        return new AttentionMask(m, Shape.of(batch, 1, t, t));
    }

    private static void checkTokens(int[] tokens, int batch, int keys) {
        if (batch < 1 || keys < 1 || tokens.length != batch * keys) {
            throw new IllegalArgumentException("AttentionMask: " + tokens.length + " tokens for batch " + batch
                    + " x length " + keys);
        }
    }
}
