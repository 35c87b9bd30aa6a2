package dev.thirty.papers.kolmogorov;

import dev.thirty.io.compress.Codec;

/**
 * Settings of {@code thirty run kolmogorov}.
 *
 * @param strings    random strings drawn per compressor for the counting experiment (N)
 * @param length     their length in bytes (L)
 * @param maxBits    the largest saving c, in bits, whose fraction is reported
 * @param sliceBytes bytes per text slice in the NCD matrix; two slices plus framing must fit the
 *                   compressor's window (gzip: 32 KiB)
 * @param ncdCodec   the compressor whose NCD matrix gives the headline
 */
public record KolmogorovConfig(int strings, int length, int maxBits, int sliceBytes, Codec ncdCodec) {

    public KolmogorovConfig {
        require(strings >= 1, "strings must be >= 1, got " + strings);
        require(length >= 1, "length must be >= 1, got " + length);
        require(maxBits >= 1 && maxBits <= 30, "maxBits must be in 1..30, got " + maxBits);
        require(sliceBytes >= 64 && sliceBytes <= 16 << 10, "sliceBytes must be in 64..16384, got " + sliceBytes);
        require(ncdCodec != null, "ncdCodec is required");
    }

    /** 2000 strings of 256 bytes per compressor, 4 KB slices: a few seconds. */
    public static KolmogorovConfig cpu() {
        return new KolmogorovConfig(2000, 256, 10, 4096, Codec.GZIP);
    }

    /** For tests: 100 strings, 2 KB slices. */
    public static KolmogorovConfig tiny() {
        return new KolmogorovConfig(100, 64, 6, 2048, Codec.GZIP);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("kolmogorov config: " + message);
        }
    }
}
