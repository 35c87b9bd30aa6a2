package dev.thirty.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The expected digest of a file's raw bytes (not decompressed), as package registries publish it
 * for archives: npm's {@code dist.integrity} ({@code sha512-<base64>}, the W3C Subresource
 * Integrity form) or its older {@code dist.shasum} (sha1 as hex), or an MD5 where that is all a
 * source publishes (the CIFAR-10 page gives only the MD5 of {@code cifar-10-binary.tar.gz}). MD5 is
 * not collision-resistant: it guards against a damaged or truncated download, not a forged one,
 * and SRI strings never name it.
 *
 * @param algorithm the hash function
 * @param hex       the expected digest, lowercase hex
 */
public record Integrity(Algorithm algorithm, String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    /** The hash functions an integrity string may name. */
    public enum Algorithm {
        MD5("md5", "MD5", 16),
        SHA1("sha1", "SHA-1", 20),
        SHA256("sha256", "SHA-256", 32),
        SHA512("sha512", "SHA-512", 64);

        private final String sriName;
        private final String javaName;
        private final int bytes;

        Algorithm(String sriName, String javaName, int bytes) {
            this.sriName = sriName;
            this.javaName = javaName;
            this.bytes = bytes;
        }

        MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance(javaName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform provides " + javaName, e);
            }
        }
    }

    public Integrity {
        if (algorithm == null || hex == null || !HEX.matcher(hex).matches() || hex.length() != 2 * algorithm.bytes) {
            throw new IllegalArgumentException("a " + algorithm + " digest must be " + (algorithm == null ? "?"
                    : 2 * algorithm.bytes) + " lowercase hex digits, got '" + hex + "'");
        }
    }

    /** An SRI string such as {@code sha512-yNMi...Uw==}. */
    public static Integrity sri(String sri) {
        int dash = sri.indexOf('-');
        String name = dash < 0 ? "" : sri.substring(0, dash).toLowerCase(Locale.ROOT);
        for (Algorithm a : Algorithm.values()) {
            if (a != Algorithm.MD5 && a.sriName.equals(name)) {
                byte[] digest;
                try {
                    digest = Base64.getDecoder().decode(sri.substring(dash + 1));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("integrity '" + sri + "': digest is not base64", e);
                }
                return new Integrity(a, HexFormat.of().formatHex(digest));
            }
        }
        throw new IllegalArgumentException("integrity '" + sri + "' must start with sha1-, sha256- or sha512-");
    }

    /** A sha1 given as 40 hex digits, e.g. npm's {@code dist.shasum}. */
    public static Integrity sha1(String hex) {
        return new Integrity(Algorithm.SHA1, hex.toLowerCase(Locale.ROOT));
    }

    /** An MD5 given as 32 hex digits, as the CIFAR-10 page publishes it. */
    public static Integrity md5(String hex) {
        return new Integrity(Algorithm.MD5, hex.toLowerCase(Locale.ROOT));
    }

    /** The digest of {@code file}'s raw bytes, hex. */
    public String digestOf(Path file) throws IOException {
        MessageDigest digest = algorithm.newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Whether {@code file}'s raw bytes have this digest. */
    public boolean matches(Path file) throws IOException {
        return digestOf(file).equals(hex);
    }

    /**
     * Nothing when {@code file} matches, else a {@link CorruptDataException} naming {@code what}
     * with the expected and actual digests.
     */
    public void check(Path file, String what) throws IOException {
        String actual = digestOf(file);
        if (!actual.equals(hex)) {
            throw new CorruptDataException(what, -1, algorithm.sriName + " mismatch: expected " + this
                    + ", actual " + new Integrity(algorithm, actual), null);
        }
    }

    /** The SRI form, {@code <algorithm>-<base64 digest>}. */
    @Override
    public String toString() {
        return algorithm.sriName + "-" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }
}
