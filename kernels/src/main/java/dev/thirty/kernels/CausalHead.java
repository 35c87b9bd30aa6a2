package dev.thirty.kernels;

/**
 * Where one attention head's queries, keys and values are: {@code t} rows of {@code d} floats
 * each, starting at {@code q}, {@code k} and {@code v} in {@code qkv}, one row every {@code ld}
 * floats (the packed {@code [Q | K | V]} projections of a GPT layer, read without copying).
 *
 * @param scale the factor on {@code Q K^T}, {@code 1 / sqrt(d)} in the paper
 * @throws IllegalArgumentException if a size is not positive or a row runs past the array
 */
public record CausalHead(int t, int d, float scale, float[] qkv, int q, int k, int v, int ld) {

    public CausalHead {
        if (t < 1 || d < 1 || ld < d) {
            throw new IllegalArgumentException("attention head: need t >= 1, d >= 1 and ld >= d, got t="
                    + t + ", d=" + d + ", ld=" + ld);
        }
        long last = (long) (t - 1) * ld + d;
        for (int start : new int[] {q, k, v}) {
            if (start < 0 || start + last > qkv.length) {
                throw new IllegalArgumentException("attention head: rows from offset " + start + " (t="
                        + t + ", d=" + d + ", ld=" + ld + ") run past an array of " + qkv.length);
            }
        }
    }
}
