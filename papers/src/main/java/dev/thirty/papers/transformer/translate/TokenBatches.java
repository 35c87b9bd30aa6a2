package dev.thirty.papers.transformer.translate;

import dev.thirty.data.BytePairEncoding;
import dev.thirty.data.Shuffle;
import dev.thirty.tensor.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * §5.1 "Sentence pairs were batched together by approximate sequence length. Each training batch
 * contained a set of sentence pairs containing approximately ... source tokens and ... target
 * tokens." Pairs are sorted by target then source length and cut into batches whose padded size
 * {@code B * max(S, T)} stays within {@code maxTokens}; each epoch visits the batches in an order
 * drawn from {@code Rng.seeded(seed + epoch)}, so the batch of any step is known without replaying
 * the ones before it (a resumed run sees the same batches).
 *
 * <p>Source rows are {@code ids </s>}, target rows {@code <s> ids </s>}; the decoder reads the
 * target without its last token and predicts it without its first (teacher forcing).
 */
final class TokenBatches {

    /**
     * One padded batch.
     *
     * @param src    {@code (B, S)} source ids, {@link BytePairEncoding#PAD} after each sentence
     * @param tgtIn  {@code (B, T)} decoder inputs, starting with {@link BytePairEncoding#BOS}
     * @param tgtOut {@code (B, T)} the tokens to predict, ending with {@link BytePairEncoding#EOS}
     * @param tokens target tokens to predict (padding excluded)
     */
    record Batch(int[] src, int[] tgtIn, int[] tgtOut, int size, int srcLength, int tgtLength, int tokens) {
    }

    private final List<int[][]> pairs;
    private final List<int[]> batches = new ArrayList<>();

    /**
     * @param sources   encoded source sentences (without {@code </s>})
     * @param targets   encoded target sentences (without {@code <s>} and {@code </s>})
     * @param maxTokens the largest padded batch, {@code B * max(S, T)}
     * @param maxLength pairs whose source or target (with their markers) is longer are left out
     */
    TokenBatches(List<int[]> sources, List<int[]> targets, int maxTokens, int maxLength) {
        if (sources.size() != targets.size()) {
            throw new IllegalArgumentException("batches: " + sources.size() + " sources for " + targets.size()
                    + " targets");
        }
        pairs = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            int[] s = Arrays.copyOf(sources.get(i), sources.get(i).length + 1);
            s[s.length - 1] = BytePairEncoding.EOS;
            int[] t = new int[targets.get(i).length + 2];
            t[0] = BytePairEncoding.BOS;
            System.arraycopy(targets.get(i), 0, t, 1, targets.get(i).length);
            t[t.length - 1] = BytePairEncoding.EOS;
            if (s.length <= maxLength && t.length - 1 <= maxLength) {
                pairs.add(new int[][] {s, t});
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("batches: no sentence pair fits maxLength " + maxLength);
        }
        Integer[] order = new Integer[pairs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> pairs.get(i)[1].length)
                .thenComparingInt(i -> pairs.get(i)[0].length).thenComparingInt(i -> i));
        List<Integer> current = new ArrayList<>();
        int longest = 0;
        for (int i : order) {
            int len = Math.max(pairs.get(i)[0].length, pairs.get(i)[1].length - 1);
            if (!current.isEmpty() && (current.size() + 1) * Math.max(longest, len) > maxTokens) {
                batches.add(current.stream().mapToInt(Integer::intValue).toArray());
                current.clear();
                longest = 0;
            }
            current.add(i);
            longest = Math.max(longest, len);
        }
        batches.add(current.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Batches per epoch. */
    int perEpoch() {
        return batches.size();
    }

    /** Sentence pairs kept (those within the length limit). */
    int pairCount() {
        return pairs.size();
    }

    /** The batch of optimizer step {@code step} (0-based) of a run seeded with {@code seed}. */
    Batch at(long step, long seed) {
        long epoch = step / batches.size();
        int[] order = Shuffle.permutation(batches.size(), Rng.seeded(seed + epoch));
        return build(batches.get(order[(int) (step % batches.size())]));
    }

    private Batch build(int[] members) {
        int b = members.length;
        int s = 0;
        int t = 0;
        for (int i : members) {
            s = Math.max(s, pairs.get(i)[0].length);
            t = Math.max(t, pairs.get(i)[1].length - 1);
        }
        int[] src = new int[b * s];
        int[] in = new int[b * t];
        int[] out = new int[b * t];
        int tokens = 0;
        for (int r = 0; r < b; r++) {
            int[] sr = pairs.get(members[r])[0];
            int[] tr = pairs.get(members[r])[1];
            System.arraycopy(sr, 0, src, r * s, sr.length);
            System.arraycopy(tr, 0, in, r * t, tr.length - 1);   // <s> w1 .. wn
            System.arraycopy(tr, 1, out, r * t, tr.length - 1);  // w1 .. wn </s>
            tokens += tr.length - 1;
        }
        return new Batch(src, in, out, b, s, t, tokens);
    }
}
