package dev.thirty.papers.transformer;

import dev.thirty.autograd.GradMode;
import dev.thirty.nn.attention.AttentionMask;
import dev.thirty.tensor.Reductions;
import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * The Annotated Transformer's copy task: the target is the source. Ids {@code 1..vocab-1} are
 * symbols, {@code 0} is padding; every sequence starts with the start symbol {@code 1}, which the
 * decoder is fed first. Greedy decoding then has to write the other {@code length - 1} symbols.
 */
final class CopyTask {

    static final int PAD = 0;
    static final int START = 1;

    private CopyTask() {
    }

    /** {@code (B, L)} random sequences: {@code START} then symbols uniform in {@code [1, vocab)}. */
    static int[] sequences(int batch, int length, int vocab, RandomGenerator rng) {
        int[] s = new int[batch * length];
        for (int i = 0; i < s.length; i++) {
            s[i] = i % length == 0 ? START : 1 + rng.nextInt(vocab - 1);
        }
        return s;
    }

    /** Positions {@code [from, to)} of each row of a {@code (B, L)} id array: {@code (B, to - from)}. */
    static int[] columns(int[] ids, int batch, int length, int from, int to) {
        int w = to - from;
        int[] out = new int[batch * w];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(ids, b * length + from, out, b * w, w);
        }
        return out;
    }

    /**
     * Greedy decoding (the Annotated Transformer's {@code greedy_decode}): encode once, then feed
     * the decoder its own most likely symbol, {@code length - 1} times. Returns {@code (B, length)}
     * ids starting with {@code START}.
     */
    static int[] greedyDecode(Transformer model, int[] src, int batch, int length) {
        return GradMode.noGrad(() -> {
            AttentionMask srcMask = AttentionMask.padding(src, batch, length, PAD);
            Tensor memory = model.encode(src, batch, length, srcMask);
            int[] ys = new int[batch * length];
            for (int b = 0; b < batch; b++) {
                ys[b * length] = START;
            }
            for (int t = 1; t < length; t++) {
                int[] prefix = columns(ys, batch, length, 0, t);
                Tensor logits = model.decode(memory, srcMask, prefix, batch, t, AttentionMask.causal(t));
                Tensor last = logits.slice(1, t - 1, t).reshape(batch, -1); // (B, t, V) -> (B, V)
                int[] next = Reductions.argmax(last, -1);
                for (int b = 0; b < batch; b++) {
                    ys[b * length + t] = next[b];
                }
            }
            return ys;
        });
    }

    /** The fraction of rows of {@code decoded} equal to the same row of {@code src}. */
    static double exactMatches(int[] src, int[] decoded, int batch, int length) {
        int exact = 0;
        for (int b = 0; b < batch; b++) {
            boolean same = true;
            for (int t = 0; t < length; t++) {
                same &= src[b * length + t] == decoded[b * length + t];
            }
            exact += same ? 1 : 0;
        }
        return (double) exact / batch;
    }
}
