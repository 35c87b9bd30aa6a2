package dev.thirty.papers.transformer.translate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Corpus BLEU-4 (Papineni, Roukos, Ward and Zhu 2002) computed as sacreBLEU computes it (Post 2018,
 * "A Call for Clarity in Reporting BLEU Scores"), so that our numbers compare with published ones:
 * mteval-v13a tokenization of hypotheses and references, clipped n-gram counts summed over the
 * corpus, the closest reference length (the shorter on a tie) summed for the brevity penalty
 * {@code BP = exp(1 - r / c)} when {@code c < r}, and the "exp" smoothing of mteval (Chen and
 * Cherry 2014, method 3) for an n-gram order with no match: its precision becomes
 * {@code 1 / (2^k * total_n)} for the k-th such order.
 *
 * <pre>BLEU = BP * exp(sum_{n=1..4} log p_n / 4)</pre>
 *
 * reported on sacreBLEU's 0-100 scale.
 */
public final class Bleu {

    static final int ORDER = 4;

    /** How hypothesis and references are split into words. */
    public enum Tokenize {
        /** mteval-v13a, sacreBLEU's default. */
        V13A,
        /** Whitespace only. */
        NONE
    }

    /** How an n-gram order with no match is scored. */
    public enum Smoothing {
        /** mteval's: the k-th order without a match gets precision {@code 1 / (2^k total)}; sacreBLEU's default. */
        EXP,
        /** None: a zero precision makes BLEU 0. */
        NONE
    }

    /**
     * A score and its sufficient statistics.
     *
     * @param score   BLEU on the 0-100 scale
     * @param correct clipped matches of each order 1..4
     * @param total   hypothesis n-grams of each order
     * @param sysLen  hypothesis words
     * @param refLen  effective reference words
     */
    public record Score(double score, long[] correct, long[] total, long sysLen, long refLen) {

        public double brevityPenalty() {
            return Bleu.brevityPenalty(sysLen, refLen);
        }

        @Override
        public String toString() {
            return String.format("BLEU %.2f (BP %.3f, hyp_len %d, ref_len %d)", score, brevityPenalty(), sysLen, refLen);
        }
    }

    private static final Pattern SYMBOLS = Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])");
    private static final Pattern PERIOD_COMMA_AFTER = Pattern.compile("([^0-9])([\\.,])");
    private static final Pattern PERIOD_COMMA_BEFORE = Pattern.compile("([\\.,])([^0-9])");
    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");
    private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

    private Bleu() {
    }

    /** sacreBLEU's default corpus BLEU of {@code hypotheses} against one reference each. */
    public static Score corpus(List<String> hypotheses, List<String> references) {
        return corpus(hypotheses, List.of(references), Tokenize.V13A, Smoothing.EXP);
    }

    /**
     * Corpus BLEU against one or more reference streams ({@code references.get(k).get(i)} is the
     * k-th reference of sentence i).
     *
     * @throws IllegalArgumentException when a reference stream's length differs from the hypotheses'
     */
    public static Score corpus(List<String> hypotheses, List<List<String>> references, Tokenize tokenize,
                               Smoothing smoothing) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("bleu: no reference stream given");
        }
        for (int k = 0; k < references.size(); k++) {
            if (references.get(k).size() != hypotheses.size()) {
                throw new IllegalArgumentException("bleu: reference stream " + k + " has " + references.get(k).size()
                        + " sentences for " + hypotheses.size() + " hypotheses");
            }
        }
        long[] correct = new long[ORDER];
        long[] total = new long[ORDER];
        long sysLen = 0;
        long refLen = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            String[] hyp = words(hypotheses.get(i), tokenize);
            Map<List<String>, Integer> maxRef = new HashMap<>();
            int closest = -1;
            for (List<String> stream : references) {
                String[] ref = words(stream.get(i), tokenize);
                ngrams(ref).forEach((g, n) -> maxRef.merge(g, n, Math::max));
                int diff = Math.abs(hyp.length - ref.length);
                int best = Math.abs(hyp.length - closest);
                if (closest < 0 || diff < best || (diff == best && ref.length < closest)) {
                    closest = ref.length;
                }
            }
            for (Map.Entry<List<String>, Integer> e : ngrams(hyp).entrySet()) {
                correct[e.getKey().size() - 1] += Math.min(e.getValue(), maxRef.getOrDefault(e.getKey(), 0));
            }
            for (int n = 1; n <= ORDER; n++) {
                total[n - 1] += Math.max(0, hyp.length - n + 1);
            }
            sysLen += hyp.length;
            refLen += closest;
        }
        return fromStatistics(correct, total, sysLen, refLen, smoothing);
    }

    /** BLEU from its sufficient statistics (sacreBLEU's {@code compute_bleu}). */
    public static Score fromStatistics(long[] correct, long[] total, long sysLen, long refLen, Smoothing smoothing) {
        if (correct.length != ORDER || total.length != ORDER) {
            throw new IllegalArgumentException("bleu: need " + ORDER + " counts of each kind, got " + correct.length
                    + " and " + total.length);
        }
        double bp = brevityPenalty(sysLen, refLen);
        boolean anyMatch = false;
        for (long c : correct) {
            anyMatch |= c > 0;
        }
        if (!anyMatch) {
            return new Score(0, correct.clone(), total.clone(), sysLen, refLen);
        }
        double logSum = 0;
        double smooth = 1;
        for (int n = 0; n < ORDER; n++) {
            double precision = 0;
            if (total[n] == 0) {
                for (int rest = n; rest < ORDER; rest++) {
                    logSum += log(0);
                }
                break;
            }
            if (correct[n] > 0) {
                precision = 100.0 * correct[n] / total[n];
            } else if (smoothing == Smoothing.EXP) {
                smooth *= 2;
                precision = 100.0 / (smooth * total[n]);
            }
            logSum += log(precision);
        }
        return new Score(bp * Math.exp(logSum / ORDER), correct.clone(), total.clone(), sysLen, refLen);
    }

    /** mteval-v13a tokenization, as sacreBLEU's {@code Tokenizer13a}. */
    public static String tokenize13a(String line) {
        line = line.stripTrailing().replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
        if (line.contains("&")) {
            line = line.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        line = " " + line + " ";
        line = SYMBOLS.matcher(line).replaceAll(" $1 ");
        line = PERIOD_COMMA_AFTER.matcher(line).replaceAll("$1 $2 ");
        line = PERIOD_COMMA_BEFORE.matcher(line).replaceAll(" $1 $2");
        line = DASH_AFTER_DIGIT.matcher(line).replaceAll("$1 $2 ");
        return String.join(" ", split(line));
    }

    private static String[] words(String sentence, Tokenize tokenize) {
        return split(tokenize == Tokenize.V13A ? tokenize13a(sentence) : sentence);
    }

    /** Python's {@code str.split()}: on runs of Unicode whitespace, no empty words. */
    private static String[] split(String s) {
        return WHITESPACE.splitAsStream(s).filter(w -> !w.isEmpty()).toArray(String[]::new);
    }

    /** Counts of every n-gram of orders 1..4. */
    private static Map<List<String>, Integer> ngrams(String[] words) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int n = 1; n <= ORDER; n++) {
            for (int i = 0; i + n <= words.length; i++) {
                counts.merge(new ArrayList<>(List.of(words).subList(i, i + n)), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static double brevityPenalty(long sysLen, long refLen) {
        if (sysLen >= refLen) {
            return 1;
        }
        return sysLen > 0 ? Math.exp(1 - (double) refLen / sysLen) : 0;
    }

    /** sacreBLEU's {@code my_log}: a very negative number for 0 instead of -infinity. */
    private static double log(double x) {
        return x == 0 ? -9999999999.0 : Math.log(x);
    }
}
