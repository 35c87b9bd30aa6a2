package dev.thirty.papers.transformer.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.autograd.GradMode;
import dev.thirty.data.BytePairEncoding;
import dev.thirty.nn.attention.AttentionMask;
import dev.thirty.papers.transformer.Transformer;
import dev.thirty.papers.transformer.TransformerConfig;
import dev.thirty.tensor.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BeamSearchTest {

    /** Specials 0-3 (pad, bos, eos, unk) and two more symbols. */
    private static final int VOCAB = 6;
    private static final int[] OUTPUTS = {2, 3, 4, 5};

    private static Transformer model(long seed) {
        Transformer m = new Transformer(new TransformerConfig(VOCAB, 1, 8, 16, 2, 0f, 16,
                TransformerConfig.Embeddings.SHARED), Rng.seeded(seed));
        m.eval();
        return m;
    }

    @Test
    void wideBeamFindsTheMostLikelyOutputOfAllWithinTheLengthLimit() {
        // source of 2 tokens, extra length 1: outputs of at most 3 tokens, so 1 + 3 + 9 + 27 = 40
        // candidates in all; a beam of 27 keeps every live prefix, so it must find the best of them
        for (long seed = 1; seed <= 5; seed++) {
            Transformer m = model(seed);
            int[] src = {4, 5};
            int[] beam = BeamSearch.search(m, List.of(src), 27, 0, 1).getFirst();
            double best = Double.NEGATIVE_INFINITY;
            int[] argBest = null;
            for (int[] y : candidates(3)) {
                double lp = logProb(m, src, y);
                if (lp > best) {
                    best = lp;
                    argBest = y;
                }
            }
            int[] expected = argBest[argBest.length - 1] == BytePairEncoding.EOS
                    ? Arrays.copyOf(argBest, argBest.length - 1) : argBest;
            assertArrayEquals(expected, beam, "seed " + seed + ": best " + Arrays.toString(argBest) + " at " + best);
        }
    }

    @Test
    void greedyTakesTheMostLikelyTokenUntilEndOfSentence() {
        Transformer m = model(7);
        int[] src = {3, 4, 5};
        int[] greedy = BeamSearch.greedy(m, List.of(src, new int[] {5}), 4).getFirst();
        List<Integer> expected = new ArrayList<>();
        for (int t = 0; t < src.length + 4; t++) {
            int[] prefix = new int[expected.size()];
            for (int i = 0; i < prefix.length; i++) {
                prefix[i] = expected.get(i);
            }
            double[] lp = nextLogProbs(m, src, prefix);
            int arg = OUTPUTS[0];
            for (int v : OUTPUTS) {
                arg = lp[v] > lp[arg] ? v : arg;
            }
            if (arg == BytePairEncoding.EOS) {
                break;
            }
            expected.add(arg);
        }
        assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), greedy);
    }

    @Test
    void learnedPositionsEndTheOutputAtTheEndOfTheTargetTable() {
        // tables of 6 rows: <s> and at most 5 output tokens, whatever the extra length allows
        TransformerConfig shape = new TransformerConfig(VOCAB, 1, 8, 16, 2, 0f, 6,
                TransformerConfig.Embeddings.SHARED, TransformerConfig.Positions.LEARNED);
        int longest = 0;
        for (long seed = 1; seed <= 8; seed++) {
            Transformer m = new Transformer(shape, Rng.seeded(seed));
            m.eval();
            for (int beam : new int[] {1, 3}) {
                int[] out = BeamSearch.search(m, List.of(new int[] {4, 5}), beam, 0.6, 50).getFirst();
                assertTrue(out.length <= 5, "seed " + seed + ", beam " + beam + ": " + Arrays.toString(out));
                longest = Math.max(longest, out.length);
            }
        }
        assertEquals(5, longest, "some untrained model runs on to the end of the table");
    }

    @Test
    void badSettingsAreNamed() {
        Transformer m = model(1);
        assertThrows(IllegalArgumentException.class, () -> BeamSearch.search(m, List.of(new int[] {4}), 0, 0, 1));
        assertEquals("beam search: the length penalty must be 0 or more, got -1.0",
                assertThrows(IllegalArgumentException.class,
                        () -> BeamSearch.search(m, List.of(new int[] {4}), 2, -1, 1)).getMessage());
    }

    /** Every output of at most {@code max} tokens: EOS ends any shorter one; the longest may end anywhere. */
    private static List<int[]> candidates(int max) {
        List<int[]> out = new ArrayList<>();
        List<int[]> open = List.of(new int[0]);
        for (int len = 1; len <= max; len++) {
            List<int[]> next = new ArrayList<>();
            for (int[] p : open) {
                for (int v : OUTPUTS) {
                    int[] y = Arrays.copyOf(p, len);
                    y[len - 1] = v;
                    if (v == BytePairEncoding.EOS || len == max) {
                        out.add(y);
                    } else {
                        next.add(y);
                    }
                }
            }
            open = next;
        }
        return out;
    }

    private static double logProb(Transformer m, int[] src, int[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += nextLogProbs(m, src, Arrays.copyOf(y, i))[y[i]];
        }
        return sum;
    }

    /** log p(next | source, prefix) over the vocabulary, from the full (uncached) decoder. */
    private static double[] nextLogProbs(Transformer m, int[] src, int[] prefix) {
        int[] s = Arrays.copyOf(src, src.length + 1);
        s[src.length] = BytePairEncoding.EOS;
        int t = prefix.length + 1;
        int[] in = new int[t];
        in[0] = BytePairEncoding.BOS;
        System.arraycopy(prefix, 0, in, 1, prefix.length);
        float[] logits = GradMode.noGrad(() -> {
            var memory = m.encode(s, 1, s.length, null);
            return m.decode(memory, null, in, 1, t, AttentionMask.causal(t)).slice(1, t - 1, t).toArray();
        });
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double z = 0;
        for (float l : logits) {
            z += Math.exp(l - max);
        }
        double[] lp = new double[logits.length];
        for (int v = 0; v < logits.length; v++) {
            lp[v] = logits[v] - max - Math.log(z);
        }
        return lp;
    }
}
