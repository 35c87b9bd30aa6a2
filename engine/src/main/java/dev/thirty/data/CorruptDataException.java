package dev.thirty.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file whose bytes do not match its format. The message names the file, the byte offset
 * where the problem was found (when there is one) and what was expected against what was found,
 * e.g. {@code train-images-idx3-ubyte.gz: at byte 0: expected magic 2051 (images), found 2049}.
 */
public final class CorruptDataException extends IOException {

    private final String file;
    private final long offset;

    /** A problem at {@code offset} bytes into {@code file} (decompressed bytes for gzip files). */
    public CorruptDataException(Path file, long offset, String problem) {
        this(file.getFileName().toString(), offset, problem, null);
    }

    /** A problem in {@code file} as a whole (no single offset), e.g. a size mismatch between files. */
    public CorruptDataException(Path file, String problem) {
        this(file.getFileName().toString(), -1, problem, null);
    }

    /** A problem in a named entry (an archive member, a URL) with the exception that revealed it. */
    public CorruptDataException(String file, long offset, String problem, Throwable cause) {
        super(file + ": " + (offset >= 0 ? "at byte " + offset + ": " : "") + problem, cause);
        this.file = file;
        this.offset = offset;
    }

    /** The file or entry name the problem was found in. */
    public String file() {
        return file;
    }

    /** Byte offset of the problem, or {@code -1} when it concerns the file as a whole. */
    public long offset() {
        return offset;
    }
}
