package dev.thirty.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opening data files whether or not they are gzip-compressed: a file starting with the gzip
 * magic bytes {@code 1f 8b} is decompressed transparently, anything else is read as is. The
 * extension is not consulted, so a renamed file still reads correctly.
 */
public final class DataFiles {

    private static final int BUFFER = 1 << 16;

    private DataFiles() {
    }

    /** Whether {@code file} starts with the gzip magic bytes {@code 1f 8b}. */
    public static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** A buffered stream of the (decompressed, if gzip) content of {@code file}. */
    public static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        return gzip ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER) : raw;
    }

    /**
     * The whole (decompressed, if gzip) content of {@code file}.
     *
     * @throws CorruptDataException naming the file when the gzip stream is truncated or damaged
     */
    public static byte[] readAll(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        } catch (EOFException | ZipException e) {
            throw new CorruptDataException(file.getFileName().toString(), -1,
                    "damaged or truncated gzip stream (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The sha256 of the content of {@code file}, as lowercase hex: of the decompressed bytes when
     * the file is gzip, of the file itself otherwise. Checking content rather than file bytes lets
     * one checksum accept both an upstream {@code .gz} and a re-compressed or uncompressed copy.
     */
    public static String contentSha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = open(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (EOFException | ZipException e) {
            throw new CorruptDataException(file.getFileName().toString(), -1,
                    "damaged or truncated gzip stream (" + e.getMessage() + ")", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /**
     * Nothing when the content sha256 of {@code file} is {@code sha256}, else a
     * {@link CorruptDataException} naming {@code what} with the expected and actual hashes.
     */
    static void checkContent(Path file, String sha256, String what) throws IOException {
        String actual = contentSha256(file);
        if (!actual.equals(sha256)) {
            throw new CorruptDataException(what, -1, "sha256 mismatch: expected " + sha256 + ", actual " + actual,
                    null);
        }
    }

    /** Renames a finished {@code part} file to {@code target}, atomically where the file system can. */
    static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The whole (decompressed, if gzip) content of {@code file} as UTF-8 text. */
    public static String readText(Path file) throws IOException {
        return new String(readAll(file), java.nio.charset.StandardCharsets.UTF_8);
    }
}
