/**
 * Lossless compressors as computable upper bounds on Kolmogorov complexity.
 *
 * <p>{@link dev.thirty.io.compress.Compressor} is the contract (compress, decompress, compressed
 * size); {@link dev.thirty.io.compress.Codec} lists the implementations: deflate and gzip from the
 * JDK, bzip2 (commons-compress), xz (tukaani) and zstd (aircompressor, pure Java). Sizes include
 * each format's framing, so short inputs never look compressible.
 */
package dev.thirty.io.compress;
