package dev.thirty.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a tar stream entry by entry: POSIX ustar headers (512-byte blocks, octal fields, the
 * 155-byte name prefix), with pax extended headers ({@code path} and {@code size} records) and
 * GNU long names applied to the entry that follows them. Each header's checksum is verified.
 * Anything else (sparse files, base-256 sizes, pre-ustar headers, unknown entry types) is
 * rejected with a {@link CorruptDataException} rather than guessed at.
 *
 * <p>Call order: {@link #next()} until it returns {@code null}; between calls, optionally
 * {@link #copyTo(OutputStream)} once to read the current entry's content (unread content is skipped).
 */
final class TarReader {

    private static final int BLOCK = 512;
    private static final int MAX_META = 1 << 20;

    /** A regular file, directory or link in the archive; {@code size} is the content length in bytes. */
    record Entry(String name, long size, Type type) {
    }

    /** The kinds of entry the archive can list (extension headers never reach the caller). */
    enum Type { FILE, DIRECTORY, LINK, SPECIAL }

    private final InputStream in;
    private final String archive;
    private long offset;
    private long unread;
    private long padding;
    private boolean ended;

    /**
     * @param in      the (already decompressed) tar bytes
     * @param archive the archive's name, for error messages
     */
    TarReader(InputStream in, String archive) {
        this.in = in;
        this.archive = archive;
    }

    /** The next entry, positioned at its content, or {@code null} after the end-of-archive block. */
    Entry next() throws IOException {
        skip(unread + padding);
        unread = 0;
        padding = 0;
        String longName = null;
        Long paxSize = null;
        while (!ended) {
            long headerAt = offset;
            byte[] header = readBlock();
            if (isZero(header)) {
                ended = true;
                return null;
            }
            checkHeader(header, headerAt);
            char type = (char) header[156];
            boolean gnu = header[263] == ' ';
            String name = longName != null ? longName : headerName(header, gnu);
            long size = size(header, headerAt);
            switch (type) {
                case 'x' -> {
                    Pax pax = parsePax(readMeta(size, headerAt), headerAt);
                    longName = pax.path() != null ? pax.path() : longName;
                    paxSize = pax.size() != null ? pax.size() : paxSize;
                }
                case 'L' -> longName = cString(readMeta(size, headerAt), 0, (int) size);
                case 'g', 'K' -> skip(size + pad(size));
                case '0', '\0', '7', '5', '1', '2', '3', '4', '6' -> {
                    Type kind = switch (type) {
                        case '5' -> Type.DIRECTORY;
                        case '1', '2' -> Type.LINK;
                        case '3', '4', '6' -> Type.SPECIAL;
                        default -> Type.FILE;
                    };
                    long length = paxSize != null ? paxSize : size;
                    unread = length;
                    padding = pad(length);
                    return new Entry(name.startsWith("./") ? name.substring(2) : name, length, kind);
                }
                default -> throw corrupt(headerAt, "unsupported tar entry type '" + type + "' for " + name);
            }
        }
        return null;
    }

    /** Copies the current entry's content to {@code out}; returns the number of bytes copied. */
    long copyTo(OutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long copied = 0;
        while (unread > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, unread));
            if (n < 0) {
                throw corrupt(offset, "truncated: " + unread + " bytes of the entry's content missing");
            }
            out.write(buffer, 0, n);
            unread -= n;
            offset += n;
            copied += n;
        }
        return copied;
    }

    private byte[] readBlock() throws IOException {
        byte[] block = in.readNBytes(BLOCK);
        if (block.length != BLOCK) {
            throw corrupt(offset, block.length == 0 ? "ends without an end-of-archive block"
                    : "truncated header (" + block.length + " of 512 bytes)");
        }
        offset += BLOCK;
        return block;
    }

    private byte[] readMeta(long size, long headerAt) throws IOException {
        if (size > MAX_META) {
            throw corrupt(headerAt, "extension header of " + size + " bytes (at most " + MAX_META + ")");
        }
        byte[] meta = in.readNBytes((int) size);
        if (meta.length != size) {
            throw corrupt(offset, "truncated extension header");
        }
        offset += size;
        skip(pad(size));
        return meta;
    }

    private void skip(long n) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw corrupt(offset, "truncated: the archive ends inside an entry");
        }
        offset += n;
    }

    private void checkHeader(byte[] h, long at) throws CorruptDataException {
        boolean posix = startsWith(h, 257, "ustar\0") && h[263] == '0' && h[264] == '0';
        boolean gnu = startsWith(h, 257, "ustar ") && h[263] == ' ' && h[264] == 0;
        if (!posix && !gnu) {
            throw corrupt(at, "not a ustar header (magic '" + cString(h, 257, 6) + "')");
        }
        long stored = octal(h, 148, 8, at, "checksum");
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : h[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw corrupt(at, "header checksum " + stored + ", computed " + unsigned);
        }
    }

    private static String headerName(byte[] h, boolean gnu) {
        String name = cString(h, 0, 100);
        String prefix = gnu ? "" : cString(h, 345, 155);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private long size(byte[] h, long at) throws CorruptDataException {
        if ((h[124] & 0x80) != 0) {
            throw corrupt(at, "base-256 (over 8 GiB) sizes are not supported");
        }
        return octal(h, 124, 12, at, "size");
    }

    private long octal(byte[] h, int from, int length, long at, String field) throws CorruptDataException {
        int i = from;
        int end = from + length;
        while (i < end && h[i] == ' ') {
            i++;
        }
        long value = 0;
        int digits = 0;
        for (; i < end && h[i] >= '0' && h[i] <= '7'; i++, digits++) {
            value = value * 8 + (h[i] - '0');
        }
        for (; i < end; i++) {
            if (h[i] != ' ' && h[i] != 0) {
                throw corrupt(at, "header " + field + " field is not octal: '" + cString(h, from, length) + "'");
            }
        }
        if (digits == 0) {
            throw corrupt(at, "header " + field + " field is empty");
        }
        return value;
    }

    /** What a pax extended header says about the next entry; {@code null} where it says nothing. */
    private record Pax(String path, Long size) {
    }

    /** Parses {@code "<length> <key>=<value>\n"} records, keeping {@code path} and {@code size}. */
    private Pax parsePax(byte[] meta, long at) throws CorruptDataException {
        String path = null;
        Long size = null;
        int i = 0;
        while (i < meta.length) {
            int space = i;
            while (space < meta.length && meta[space] >= '0' && meta[space] <= '9') {
                space++;
            }
            int length = space == i || space - i > 9 || space >= meta.length || meta[space] != ' ' ? -1
                    : Integer.parseInt(new String(meta, i, space - i, StandardCharsets.US_ASCII));
            if (length <= space - i + 1 || i + length > meta.length || meta[i + length - 1] != '\n') {
                throw corrupt(at, "malformed pax record at byte " + i + " of the extended header");
            }
            String record = new String(meta, space + 1, i + length - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq <= 0) {
                throw corrupt(at, "pax record without key=value: '" + record + "'");
            }
            String key = record.substring(0, eq);
            String value = record.substring(eq + 1);
            if (key.equals("path")) {
                path = value;
            } else if (key.equals("size")) {
                if (!value.matches("[0-9]{1,18}")) {
                    throw corrupt(at, "pax size is not a number: '" + value + "'");
                }
                size = Long.parseLong(value);
            }
            i += length;
        }
        return new Pax(path, size);
    }

    private CorruptDataException corrupt(long at, String problem) {
        return new CorruptDataException(archive, at, problem, null);
    }

    private static long pad(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] h, int from, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (h[from + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String cString(byte[] b, int from, int length) {
        int end = from;
        while (end < from + length && b[end] != 0) {
            end++;
        }
        return new String(b, from, end - from, StandardCharsets.UTF_8);
    }
}
