package dev.thirty.io.compress;

/**
 * A lossless compressor, used as a computable upper bound on Kolmogorov complexity: the size of
 * x after compression bounds K(x) from above, up to the constant size of the decompressor. The
 * coffee automaton (Aaronson, Carroll, Ouellette 2014, §5) and the Kolmogorov experiments use it.
 *
 * <p>Implementations are stateless and thread-safe; {@link Codec} lists the ones we have.
 */
public interface Compressor {

    /** A short lower-case name, e.g. {@code gzip}. */
    String label();

    /** The compressed form of {@code data}, a complete stream that {@link #decompress} reverses. */
    byte[] compress(byte[] data);

    /** The original bytes of a stream that {@link #compress} produced. */
    byte[] decompress(byte[] compressed);

    /** The size in bytes of the compressed form: the complexity estimate. */
    default int compressedSize(byte[] data) {
        return compress(data).length;
    }
}
