package dev.thirty.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte-pair encoding of words into subword units (Sennrich, Haddow and Birch 2016, "Neural Machine
 * Translation of Rare Words with Subword Units", Algorithm 1): start from characters and merge the
 * most frequent adjacent pair of symbols, {@code merges} times. Learned jointly on both languages
 * of a corpus, it gives the shared vocabulary that tied embeddings need.
 *
 * <p>Pre-tokenization is lossless, as SentencePiece's: text splits into runs of letters, runs of
 * digits and single other characters; a piece that followed whitespace starts with {@link #SPACE}.
 * Decoding concatenates the pieces and turns {@link #SPACE} back into a space, so
 * {@code decode(encode(s))} is {@code s} up to runs of whitespace, which become one space.
 *
 * <p>Ties between equally frequent pairs go to the pair whose merged string sorts first, so the
 * learned merges do not depend on hash order. Characters never seen in training encode as
 * {@link #UNK}.
 */
public final class BytePairEncoding {

    /** Marks a piece that followed whitespace (U+2581, as SentencePiece). */
    public static final char SPACE = '\u2581';
    public static final int PAD = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    public static final int UNK = 3;
    private static final List<String> SPECIALS = List.of("<pad>", "<s>", "</s>", "<unk>");
    private static final Pattern PIECE = Pattern.compile("\\s*(\\p{L}[\\p{L}\\p{M}]*|\\p{N}+|\\S)");

    private final List<String> alphabet;
    private final List<String> merges;
    private final List<String> symbols;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<String, Integer> rank = new HashMap<>();
    private final Map<String, int[]> cache = new HashMap<>();

    private BytePairEncoding(List<String> alphabet, List<String> merges) {
        this.alphabet = List.copyOf(alphabet);
        this.merges = List.copyOf(merges);
        List<String> all = new ArrayList<>(SPECIALS);
        all.addAll(alphabet);
        for (int i = 0; i < merges.size(); i++) {
            String[] pair = splitMerge(merges.get(i), i);
            rank.put(merges.get(i), i);
            all.add(pair[0] + pair[1]);
        }
        for (String s : all) {
            ids.putIfAbsent(s, ids.size());
        }
        this.symbols = ids.keySet().stream().sorted(Comparator.comparing(ids::get)).toList();
    }

    /**
     * Learns {@code merges} merges from {@code texts} (each a sentence or document).
     *
     * @throws IllegalArgumentException when {@code merges} is negative
     */
    public static BytePairEncoding learn(List<String> texts, int merges) {
        if (merges < 0) {
            throw new IllegalArgumentException("bpe: merges must be 0 or more, got " + merges);
        }
        Map<String, Integer> wordCounts = new LinkedHashMap<>();
        for (String t : texts) {
            for (String piece : pieces(t)) {
                wordCounts.merge(piece, 1, Integer::sum);
            }
        }
        return new Learner(wordCounts).run(merges);
    }

    /** Rebuilds an encoding from its {@link #alphabet()} and {@link #merges()} lists. */
    public static BytePairEncoding of(List<String> alphabet, List<String> merges) {
        return new BytePairEncoding(alphabet, merges);
    }

    /** The pre-tokenized pieces of {@code text}, each starting with {@link #SPACE} when whitespace preceded it. */
    public static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PIECE.matcher(text);
        while (m.find()) {
            boolean spaced = m.start(1) > m.start() || m.start() == 0;
            out.add(spaced ? SPACE + m.group(1) : m.group(1));
        }
        return out;
    }

    /** Merges in the order learned, each as {@code "left right"}. */
    public List<String> merges() {
        return merges;
    }

    /** The single characters the encoding starts from, in id order. */
    public List<String> alphabet() {
        return alphabet;
    }

    /** Symbols in all: four specials, the alphabet and one per distinct merge. */
    public int size() {
        return symbols.size();
    }

    /** The text of symbol {@code id}. */
    public String symbol(int id) {
        if (id < 0 || id >= symbols.size()) {
            throw new IllegalArgumentException("bpe: id " + id + " outside [0, " + symbols.size() + ")");
        }
        return symbols.get(id);
    }

    /** {@code text} as symbol ids (no {@link #BOS} or {@link #EOS}). */
    public int[] encode(String text) {
        List<int[]> parts = new ArrayList<>();
        int n = 0;
        for (String piece : pieces(text)) {
            int[] p = cache.computeIfAbsent(piece, this::encodePiece);
            parts.add(p);
            n += p.length;
        }
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** The text of {@code ids}: specials are dropped, {@link #SPACE} becomes a space, the ends are trimmed. */
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (id >= SPECIALS.size()) {
                sb.append(symbol(id));
            }
        }
        return sb.toString().replace(SPACE, ' ').strip();
    }

    /** Applies the merges to one piece, lowest rank first (as subword-nmt's {@code apply_bpe}). */
    private int[] encodePiece(String piece) {
        List<String> s = new ArrayList<>();
        piece.codePoints().forEach(cp -> s.add(Character.toString(cp)));
        while (s.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < s.size(); i++) {
                Integer r = rank.get(s.get(i) + " " + s.get(i + 1));
                if (r != null && r < bestRank) {
                    bestRank = r;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            s.set(best, s.get(best) + s.remove(best + 1));
        }
        int[] out = new int[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.getOrDefault(s.get(i), UNK);
        }
        return out;
    }

    private static String[] splitMerge(String merge, int index) {
        int sp = merge.indexOf(' ');
        if (sp <= 0 || sp == merge.length() - 1 || merge.indexOf(' ', sp + 1) >= 0) {
            throw new IllegalArgumentException("bpe: merge " + index + " must be two symbols separated by one space,"
                    + " got '" + merge + "'");
        }
        return new String[] {merge.substring(0, sp), merge.substring(sp + 1)};
    }

    /** Algorithm 1 with pair counts updated incrementally: only the words holding the merged pair are revisited. */
    private static final class Learner {

        private final List<List<String>> words = new ArrayList<>();
        private final int[] freq;
        private final Map<String, Integer> pairCounts = new HashMap<>();
        private final Map<String, Set<Integer>> pairWords = new HashMap<>();
        private final PriorityQueue<Map.Entry<String, Integer>> queue = new PriorityQueue<>(
                Comparator.<Map.Entry<String, Integer>>comparingInt(e -> -e.getValue())
                        .thenComparing(e -> e.getKey().replace(" ", ""))
                        .thenComparing(Map.Entry::getKey));
        private final List<String> alphabet;

        Learner(Map<String, Integer> wordCounts) {
            freq = new int[wordCounts.size()];
            Set<String> chars = new HashSet<>();
            int w = 0;
            for (Map.Entry<String, Integer> e : wordCounts.entrySet()) {
                List<String> s = new ArrayList<>();
                e.getKey().codePoints().forEach(cp -> s.add(Character.toString(cp)));
                chars.addAll(s);
                words.add(s);
                freq[w++] = e.getValue();
            }
            alphabet = chars.stream().sorted().toList();
            for (int i = 0; i < words.size(); i++) {
                count(i, +1);
            }
            pairCounts.forEach((p, n) -> queue.add(Map.entry(p, n)));
        }

        BytePairEncoding run(int merges) {
            List<String> learned = new ArrayList<>();
            while (learned.size() < merges && !queue.isEmpty()) {
                Map.Entry<String, Integer> top = queue.poll();
                Integer now = pairCounts.get(top.getKey());
                if (now == null || !now.equals(top.getValue())) {
                    continue; // a stale entry: the pair's count changed since it was queued
                }
                if (now < 2) {
                    break; // merging a pair seen once saves nothing
                }
                learned.add(top.getKey());
                merge(top.getKey());
            }
            return new BytePairEncoding(alphabet, learned);
        }

        private void merge(String pair) {
            String[] ab = splitMerge(pair, 0);
            Set<String> touched = new HashSet<>();
            for (int w : List.copyOf(pairWords.getOrDefault(pair, Set.of()))) {
                touched.addAll(count(w, -1));
                List<String> s = words.get(w);
                for (int i = 0; i + 1 < s.size(); i++) {
                    if (s.get(i).equals(ab[0]) && s.get(i + 1).equals(ab[1])) {
                        s.set(i, ab[0] + ab[1]);
                        s.remove(i + 1);
                    }
                }
                touched.addAll(count(w, +1));
            }
            for (String p : touched) {
                Integer n = pairCounts.get(p);
                if (n != null && n > 0) {
                    queue.add(Map.entry(p, n));
                }
            }
        }

        /** Adds (or removes) word {@code w}'s pairs to the counts; returns the pairs it has. */
        private Set<String> count(int w, int sign) {
            List<String> s = words.get(w);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i + 1 < s.size(); i++) {
                String p = s.get(i) + " " + s.get(i + 1);
                int n = pairCounts.merge(p, sign * freq[w], Integer::sum);
                if (n == 0) {
                    pairCounts.remove(p);
                }
                seen.add(p);
            }
            for (String p : seen) {
                if (sign > 0) {
                    pairWords.computeIfAbsent(p, k -> new HashSet<>()).add(w);
                } else {
                    Set<Integer> ws = pairWords.get(p);
                    if (ws != null) {
                        ws.remove(w);
                    }
                }
            }
            return seen;
        }
    }
}
