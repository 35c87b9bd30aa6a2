package dev.thirty.data;

import java.util.Arrays;

/**
 * Character vocabulary for character-level language models (char-rnn): the sorted distinct
 * characters (Unicode code points) of a text, id {@code i} for the {@code i}-th smallest. For
 * tiny Shakespeare that is 65 characters, {@code '\n'} first.
 */
public final class CharVocab {

    private final int[] symbols;

    private CharVocab(int[] symbols) {
        this.symbols = symbols;
    }

    /** The sorted distinct characters of {@code text}. */
    public static CharVocab of(String text) {
        int[] distinct = text.codePoints().sorted().distinct().toArray();
        if (distinct.length == 0) {
            throw new IllegalArgumentException("cannot build a character vocabulary from empty text");
        }
        return new CharVocab(distinct);
    }

    /** Number of characters. */
    public int size() {
        return symbols.length;
    }

    /** The character (code point) with id {@code id}. */
    public int symbol(int id) {
        if (id < 0 || id >= symbols.length) {
            throw new IllegalArgumentException("character id " + id + " is outside 0.." + (symbols.length - 1));
        }
        return symbols[id];
    }

    /** The id of {@code codePoint}, or {@code -1} when it is not in the vocabulary. */
    public int id(int codePoint) {
        int i = Arrays.binarySearch(symbols, codePoint);
        return i >= 0 ? i : -1;
    }

    /**
     * The ids of the characters of {@code text}.
     *
     * @throws IllegalArgumentException naming the first character not in the vocabulary and its
     *                                  position (UTF-16 index) in {@code text}
     */
    public TokenStream encode(String text) {
        int[] ids = new int[text.codePointCount(0, text.length())];
        int n = 0;
        for (int pos = 0; pos < text.length(); ) {
            int cp = text.codePointAt(pos);
            int id = id(cp);
            if (id < 0) {
                throw new IllegalArgumentException("character " + describe(cp) + " at position " + pos
                        + " is not in the vocabulary of " + symbols.length + " characters");
            }
            ids[n++] = id;
            pos += Character.charCount(cp);
        }
        return new TokenStream(ids);
    }

    /** The text of {@code ids}. */
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder(ids.length);
        for (int id : ids) {
            sb.appendCodePoint(symbol(id));
        }
        return sb.toString();
    }

    private static String describe(int cp) {
        String hex = String.format("U+%04X", cp);
        return Character.isISOControl(cp) || Character.isWhitespace(cp)
                ? hex : "'" + new String(Character.toChars(cp)) + "' (" + hex + ")";
    }
}
