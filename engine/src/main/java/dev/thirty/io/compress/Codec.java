package dev.thirty.io.compress;

import io.airlift.compress.v3.zstd.ZstdJavaCompressor;
import io.airlift.compress.v3.zstd.ZstdJavaDecompressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * The compressors we measure with, each at its strongest usual setting. Sizes include each
 * format's own framing (gzip: 18 bytes of header and trailer; xz: about 60), a constant offset
 * that shifts a curve without changing its shape.
 *
 * <ul>
 *   <li>{@link #DEFLATE}: zlib stream (RFC 1950), level 9, from the JDK;</li>
 *   <li>{@link #GZIP}: the paper's compressor, gzip (RFC 1952) at level 9, from the JDK;</li>
 *   <li>{@link #BZIP2}: Burrows-Wheeler, 100k blocks (our inputs are smaller), commons-compress;</li>
 *   <li>{@link #XZ}: LZMA2 preset 6 with a 256 KiB dictionary, CRC32 check, tukaani xz;</li>
 *   <li>{@link #ZSTD}: Zstandard at aircompressor's default level, pure Java. The library reaches
 *       {@code sun.misc.Unsafe}, so Java 25 prints one warning the first time it is used.</li>
 * </ul>
 */
public enum Codec implements Compressor {
    DEFLATE {
        @Override
        public byte[] compress(byte[] data) {
            return viaStream(data, out -> new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION)));
        }

        @Override
        public byte[] decompress(byte[] compressed) {
            return readAll(compressed, InflaterInputStream::new);
        }
    },
    GZIP {
        @Override
        public byte[] compress(byte[] data) {
            return viaStream(data, out -> new GZIPOutputStream(out) {
                {
                    def.setLevel(Deflater.BEST_COMPRESSION);
                }
            });
        }

        @Override
        public byte[] decompress(byte[] compressed) {
            return readAll(compressed, GZIPInputStream::new);
        }
    },
    BZIP2 {
        @Override
        public byte[] compress(byte[] data) {
            return viaStream(data, out -> new BZip2CompressorOutputStream(out, 1));
        }

        @Override
        public byte[] decompress(byte[] compressed) {
            return readAll(compressed, BZip2CompressorInputStream::new);
        }
    },
    XZ {
        @Override
        public byte[] compress(byte[] data) {
            return viaStream(data, out -> {
                LZMA2Options options = new LZMA2Options(6);
                options.setDictSize(256 << 10);
                return new XZOutputStream(out, options, org.tukaani.xz.XZ.CHECK_CRC32);
            });
        }

        @Override
        public byte[] decompress(byte[] compressed) {
            return readAll(compressed, XZInputStream::new);
        }
    },
    ZSTD {
        @Override
        public byte[] compress(byte[] data) {
            ZstdJavaCompressor zstd = new ZstdJavaCompressor();
            byte[] out = new byte[zstd.maxCompressedLength(data.length)];
            int size = zstd.compress(data, 0, data.length, out, 0, out.length);
            return Arrays.copyOf(out, size);
        }

        @Override
        public byte[] decompress(byte[] compressed) {
            ZstdJavaDecompressor zstd = new ZstdJavaDecompressor();
            long size = zstd.getDecompressedSize(compressed, 0, compressed.length);
            if (size < 0 || size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("zstd: frame does not record a usable size (" + size + ")");
            }
            byte[] out = new byte[(int) size];
            int n = zstd.decompress(compressed, 0, compressed.length, out, 0, out.length);
            return Arrays.copyOf(out, n);
        }
    };

    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }

    /** Wraps a byte sink in a compressing stream. */
    private interface StreamWrapper {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    /** Wraps a byte source in a decompressing stream. */
    private interface SourceWrapper {
        InputStream wrap(InputStream in) throws IOException;
    }

    private static byte[] viaStream(byte[] data, StreamWrapper wrapper) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream(data.length / 2 + 64);
        try (OutputStream out = wrapper.wrap(sink)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.toByteArray();
    }

    private static byte[] readAll(byte[] compressed, SourceWrapper wrapper) {
        try (InputStream in = wrapper.wrap(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
