package dev.thirty.papers.transformer.translate;

import dev.thirty.autograd.GradMode;
import dev.thirty.data.BytePairEncoding;
import dev.thirty.nn.attention.AttentionMask;
import dev.thirty.nn.functional.Softmax;
import dev.thirty.papers.transformer.Transformer;
import dev.thirty.tensor.Indexing;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * §6.1 "We used beam search with a beam size of 4 and length penalty α = 0.6 (Wu et al. 2016).
 * We set the maximum output length during inference to input length + 50, but terminate early
 * when possible." With learned positions the output also stops at the end of the target position
 * table. Hypotheses are ranked by {@code log P(Y|X) / lp(Y)} with GNMT's length penalty
 * {@code lp(Y) = ((5 + |Y|) / 6)^α} ({@code |Y|} counts the {@code </s>}); α 0 ranks by
 * probability alone.
 *
 * <p>Each step expands every live hypothesis by every token and keeps the {@code 2k} best
 * continuations of each sentence: those ending in {@code </s>} are finished, the best {@code k}
 * others live on. A sentence is done once it has {@code k} finished hypotheses (or reaches the
 * maximum length, when its live ones count as finished); the best finished one is the output.
 * Greedy decoding is the case {@code k = 1}, α 0: the most likely token, until {@code </s>}.
 *
 * <p>Sentences are decoded together, {@code k} rows each, so the matrix products stay large; the
 * decoder runs one position per step over a {@link Transformer.DecoderCache} of the earlier
 * positions, reordered as hypotheses are kept or dropped.
 */
final class BeamSearch {

    private BeamSearch() {
    }

    /** Most likely token at each step, for every source sentence (ids without {@code </s>}). */
    static List<int[]> greedy(Transformer model, List<int[]> sources, int extraLength) {
        return search(model, sources, 1, 0, extraLength);
    }

    /**
     * The best hypothesis of beam search for each source (source ids without {@code </s>}; the
     * result without {@code <s>} and {@code </s>}), sentences decoded {@code group} at a time.
     *
     * @param beam          k, hypotheses kept per sentence
     * @param lengthPenalty α of GNMT's length penalty
     * @param extraLength   output length limit: source length plus this
     */
    static List<int[]> search(Transformer model, List<int[]> sources, int beam, double lengthPenalty,
                              int extraLength) {
        if (beam < 1) {
            throw new IllegalArgumentException("beam search: the beam must hold at least 1 hypothesis, got " + beam);
        }
        if (!(lengthPenalty >= 0) || !Double.isFinite(lengthPenalty)) {
            throw new IllegalArgumentException("beam search: the length penalty must be 0 or more, got "
                    + lengthPenalty);
        }
        int group = Math.max(1, 256 / beam);
        // sentences of similar length decode together: fewer padded positions, fewer idle steps
        Integer[] order = new Integer[sources.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(sources.get(a).length, sources.get(b).length));
        int[][] out = new int[sources.size()][];
        for (int from = 0; from < order.length; from += group) {
            int to = Math.min(order.length, from + group);
            List<int[]> chunk = new ArrayList<>();
            for (int i = from; i < to; i++) {
                chunk.add(sources.get(order[i]));
            }
            List<int[]> decoded = GradMode.noGrad(() -> searchGroup(model, chunk, beam, lengthPenalty, extraLength));
            for (int i = from; i < to; i++) {
                out[order[i]] = decoded.get(i - from);
            }
        }
        return Arrays.asList(out);
    }

    /**
     * A hypothesis: its tokens after {@code <s>}, its summed log-probability, and the row (within
     * its sentence's k) of the hypothesis it extends.
     */
    private record Hypothesis(int[] tokens, double logProb, int parent) {

        int last() {
            return tokens.length == 0 ? BytePairEncoding.BOS : tokens[tokens.length - 1];
        }
    }

    private static List<int[]> searchGroup(Transformer model, List<int[]> sources, int k, double alpha,
                                           int extraLength) {
        int g = sources.size();
        int s = 1;
        for (int[] src : sources) {
            s = Math.max(s, src.length + 1);
        }
        int[] src = new int[g * s]; // (G, S): ids </s> <pad>...
        for (int i = 0; i < g; i++) {
            System.arraycopy(sources.get(i), 0, src, i * s, sources.get(i).length);
            src[i * s + sources.get(i).length] = BytePairEncoding.EOS;
        }
        AttentionMask encMask = AttentionMask.padding(src, g, s, BytePairEncoding.PAD);
        Tensor memory = model.encode(src, g, s, encMask); // (G, S, C)
        int[] rowOf = new int[g * k];
        int[] srcRows = new int[g * k * s];
        for (int r = 0; r < g * k; r++) {
            rowOf[r] = r / k;
            System.arraycopy(src, (r / k) * s, srcRows, r * s, s);
        }
        Tensor rowMemory = Indexing.indexSelect(memory, 0, rowOf);                // (G, S, C) -> (G*k, S, C)
        AttentionMask rowMask = AttentionMask.padding(srcRows, g * k, s, BytePairEncoding.PAD);

        List<List<Hypothesis>> live = new ArrayList<>();
        List<List<Hypothesis>> finished = new ArrayList<>();
        for (int i = 0; i < g; i++) {
            live.add(new ArrayList<>(List.of(new Hypothesis(new int[0], 0, 0))));
            finished.add(new ArrayList<>());
        }
        // learned position tables end somewhere; sinusoids do not
        int lengthLimit = model.maxPositions().orElse(Integer.MAX_VALUE) - 1;
        Transformer.DecoderCache cache = model.newCache();
        for (int t = 1; !allDone(finished, live, k); t++) {
            int[] parents = new int[g * k];
            int[] tokens = new int[g * k];   // (G*k): the last token of each row's hypothesis
            for (int i = 0; i < g; i++) {
                for (int j = 0; j < k; j++) {
                    boolean used = j < live.get(i).size();
                    parents[i * k + j] = i * k + (used ? live.get(i).get(j).parent() : 0);
                    tokens[i * k + j] = used ? live.get(i).get(j).last() : BytePairEncoding.PAD;
                }
            }
            if (t > 1) {
                cache.reorder(parents);
            }
            float[] logProbs = Softmax.logSoftmax(model.generate(model.decodeNext(rowMemory, rowMask, tokens, cache)), 1)
                    .data(); // (G*k, V)
            int vocab = logProbs.length / (g * k);
            for (int i = 0; i < g; i++) {
                if (finished.get(i).size() >= k || live.get(i).isEmpty()) {
                    continue;
                }
                int limit = Math.min(lengthLimit, sources.get(i).length + extraLength);
                expand(live.get(i), finished.get(i), logProbs, i * k, vocab, k, t >= limit);
            }
        }
        List<int[]> best = new ArrayList<>();
        for (int i = 0; i < g; i++) {
            List<Hypothesis> pool = finished.get(i).isEmpty() ? live.get(i) : finished.get(i);
            Hypothesis top = pool.getFirst();
            for (Hypothesis h : pool) {
                if (score(h, alpha) > score(top, alpha)) {
                    top = h;
                }
            }
            int[] tokens = top.tokens();
            int n = tokens.length > 0 && tokens[tokens.length - 1] == BytePairEncoding.EOS ? tokens.length - 1
                    : tokens.length;
            best.add(Arrays.copyOf(tokens, n));
        }
        return best;
    }

    /** One step of one sentence: the 2k best continuations of its live hypotheses, given each row's log-probabilities. */
    private static void expand(List<Hypothesis> live, List<Hypothesis> finished, float[] logProbs, int firstRow,
                               int vocab, int k, boolean lastStep) {
        int want = 2 * k;
        double[] candScore = new double[want];
        int[] candRow = new int[want];
        int[] candToken = new int[want];
        int found = 0;
        for (int j = 0; j < live.size(); j++) {
            int off = (firstRow + j) * vocab;
            for (int v = 0; v < vocab; v++) {
                if (v == BytePairEncoding.PAD || v == BytePairEncoding.BOS) {
                    continue;
                }
                double sc = live.get(j).logProb() + logProbs[off + v];
                if (found < want || sc > candScore[found - 1]) {
                    int at = found < want ? found++ : want - 1;
                    while (at > 0 && candScore[at - 1] < sc) { // insertion into the sorted top-2k
                        candScore[at] = candScore[at - 1];
                        candRow[at] = candRow[at - 1];
                        candToken[at] = candToken[at - 1];
                        at--;
                    }
                    candScore[at] = sc;
                    candRow[at] = j;
                    candToken[at] = v;
                }
            }
        }
        List<Hypothesis> next = new ArrayList<>();
        for (int c = 0; c < found && next.size() < k; c++) {
            int[] prev = live.get(candRow[c]).tokens();
            int[] tokens = Arrays.copyOf(prev, prev.length + 1);
            tokens[prev.length] = candToken[c];
            Hypothesis h = new Hypothesis(tokens, candScore[c], candRow[c]);
            if (candToken[c] == BytePairEncoding.EOS || lastStep) {
                if (finished.size() < k) {
                    finished.add(h);
                }
            } else {
                next.add(h);
            }
        }
        live.clear();
        if (finished.size() < k) {
            live.addAll(next);
        }
    }

    private static boolean allDone(List<List<Hypothesis>> finished, List<List<Hypothesis>> live, int k) {
        for (int i = 0; i < finished.size(); i++) {
            if (finished.get(i).size() < k && !live.get(i).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** GNMT's ranking: {@code log P / ((5 + |Y|) / 6)^α}. */
    private static double score(Hypothesis h, double alpha) {
        return h.logProb() / Math.pow((5.0 + h.tokens().length) / 6.0, alpha);
    }
}
