package dev.thirty.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Word vocabulary for word-level language models on Penn Treebank (Zaremba et al., 2014): tokens
 * are the whitespace-separated words of each line, with {@link #EOS} appended at every line end
 * (including a final line without a newline). PTB already replaces rare words by
 * {@link #UNK} in all splits, so the vocabulary built from the training split covers validation
 * and test. Ids are ordered by descending frequency, ties by word, as in the reference readers.
 */
public final class WordVocab {

    /** The end-of-sentence token appended at each line end. */
    public static final String EOS = "<eos>";
    /** The unknown-word token, as it appears in the PTB text. */
    public static final String UNK = "<unk>";

    /** What {@link #encode} does with a word not in the vocabulary. */
    public enum Unknown {
        /** Throw, naming the word, its line and its token index. */
        REJECT,
        /** Use the id of {@link #UNK}, which must be in the vocabulary. */
        MAP_TO_UNK
    }

    private final List<String> words;
    private final Map<String, Integer> ids;

    private WordVocab(List<String> words) {
        this.words = List.copyOf(words);
        this.ids = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            ids.put(words.get(i), i);
        }
    }

    /** The vocabulary of {@code text} (normally the training split). */
    public static WordVocab build(String text) {
        Map<String, Integer> counts = new HashMap<>();
        for (String w : tokens(text)) {
            counts.merge(w, 1, Integer::sum);
        }
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("cannot build a word vocabulary from empty text");
        }
        List<String> words = new ArrayList<>(counts.keySet());
        words.sort(Comparator.comparing((String w) -> -counts.get(w)).thenComparing(Comparator.naturalOrder()));
        return new WordVocab(words);
    }

    /**
     * The vocabulary of exactly these words, id {@code i} for {@code words.get(i)}: how a saved vocabulary comes
     * back. Words must be distinct, non-empty and free of whitespace.
     */
    public static WordVocab of(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a word vocabulary needs at least one word");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w == null || w.isEmpty() || w.codePoints().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("word " + i + " of the vocabulary is empty or holds whitespace: '"
                        + w + "'");
            }
            Integer before = seen.putIfAbsent(w, i);
            if (before != null) {
                throw new IllegalArgumentException("the vocabulary holds '" + w + "' twice, as words " + before
                        + " and " + i);
            }
        }
        return new WordVocab(words);
    }

    /** The words in id order. */
    public List<String> words() {
        return words;
    }

    /** The tokens of {@code text}: each line's words followed by {@link #EOS}. */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int stop = end < 0 ? text.length() : end;
            for (String w : text.substring(start, stop).trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
            out.add(EOS);
            start = stop + 1;
        }
        return out;
    }

    /** Number of words, {@link #EOS} included. */
    public int size() {
        return words.size();
    }

    /** The word with id {@code id}. */
    public String word(int id) {
        if (id < 0 || id >= words.size()) {
            throw new IllegalArgumentException("word id " + id + " is outside 0.." + (words.size() - 1));
        }
        return words.get(id);
    }

    /** The id of {@code word}, or {@code -1} when it is not in the vocabulary. */
    public int id(String word) {
        return ids.getOrDefault(word, -1);
    }

    /**
     * The ids of the tokens of {@code text} (see {@link #tokens}).
     *
     * @throws IllegalArgumentException for an unknown word under {@link Unknown#REJECT} (naming it,
     *                                  its 1-based line and token index), or when
     *                                  {@link Unknown#MAP_TO_UNK} is asked of a vocabulary without {@link #UNK}
     */
    public TokenStream encode(String text, Unknown unknown) {
        int unk = id(UNK);
        if (unknown == Unknown.MAP_TO_UNK && unk < 0) {
            throw new IllegalArgumentException("cannot map unknown words to " + UNK + ": it is not in the vocabulary");
        }
        List<String> tokens = tokens(text);
        int[] out = new int[tokens.size()];
        int line = 1;
        for (int i = 0; i < out.length; i++) {
            String w = tokens.get(i);
            int id = id(w);
            if (id < 0 && unknown == Unknown.REJECT) {
                throw new IllegalArgumentException("word '" + w + "' (line " + line + ", token " + i
                        + ") is not in the vocabulary of " + words.size() + " words");
            }
            out[i] = id < 0 ? unk : id;
            if (w.equals(EOS)) {
                line++;
            }
        }
        return new TokenStream(out);
    }

    /** The words of {@code ids}, separated by single spaces. */
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            sb.append(i == 0 ? "" : " ").append(word(ids[i]));
        }
        return sb.toString();
    }
}
