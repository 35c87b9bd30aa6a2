package dev.thirty.papers.coffee;

/**
 * A lossless compressor, used as a computable upper bound on Kolmogorov complexity: §5 of the
 * paper estimates K(x) by the size of x after compression (the authors used gzip).
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
