package dev.thirty.data;

import java.util.Arrays;

/**
 * A sequence of token ids in corpus order (characters or words), as produced by
 * {@link CharVocab#encode} or {@link WordVocab#encode}. Immutable.
 */
public final class TokenStream {

    private final int[] tokens;

    /** A stream of a copy of {@code tokens}. */
    public TokenStream(int[] tokens) {
        this.tokens = tokens.clone();
    }

    /** A train/validation split in file order. */
    public record Split(TokenStream train, TokenStream validation) {
    }

    public int length() {
        return tokens.length;
    }

    /** Token {@code i}. */
    public int get(int i) {
        return tokens[i];
    }

    /** A copy of the ids. */
    public int[] toArray() {
        return tokens.clone();
    }

    /** Tokens {@code [from, to)}. */
    public TokenStream slice(int from, int to) {
        if (from < 0 || to > tokens.length || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") is outside a stream of "
                    + tokens.length + " tokens");
        }
        return new TokenStream(Arrays.copyOfRange(tokens, from, to));
    }

    /**
     * The first {@code floor(fraction * length)} tokens for training, the rest for validation, in
     * file order (no shuffling: neighbouring text stays on one side), e.g. {@code split(0.9)}.
     */
    public Split split(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("split fraction must be in (0, 1), got " + fraction);
        }
        int cut = (int) Math.floor(fraction * tokens.length);
        return new Split(slice(0, cut), slice(cut, tokens.length));
    }

    /** The ids themselves, for batching within this package (not copied). */
    int[] unsafeArray() {
        return tokens;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenStream t && Arrays.equals(tokens, t.tokens);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tokens);
    }

    @Override
    public String toString() {
        return "TokenStream(" + tokens.length + " tokens)";
    }
}
