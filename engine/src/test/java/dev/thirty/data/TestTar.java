package dev.thirty.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes small tar archives for tests: ustar headers, pax and GNU long-name entries, then gzip. */
final class TestTar {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A ustar archive of {@code files} (name to content, in map order), gzip-compressed. */
    static byte[] tgz(Map<String, byte[]> files) throws IOException {
        TestTar tar = new TestTar();
        files.forEach(tar::file);
        return tar.gzip();
    }

    /** A regular file; a name over 100 bytes is split into the ustar prefix and name fields. */
    TestTar file(String name, byte[] content) {
        String prefix = "";
        if (name.length() > 100) {
            int slash = name.lastIndexOf('/', 155);
            prefix = name.substring(0, slash);
            name = name.substring(slash + 1);
        }
        return entry(header(name, prefix, content.length, '0', false), content);
    }

    /** A pax extended header giving the next entry {@code path}. */
    TestTar paxPath(String path) {
        String record = " path=" + path + "\n";
        int length = record.length() + 1;
        while (length != (length + record).length()) {
            length = (length + record).length();
        }
        byte[] content = (length + record).getBytes(StandardCharsets.UTF_8);
        return entry(header("PaxHeaders/x", "", content.length, 'x', false), content);
    }

    /** A GNU long-name header giving the next entry {@code name}. */
    TestTar gnuLongName(String name) {
        byte[] content = (name + "\0").getBytes(StandardCharsets.UTF_8);
        return entry(header("././@LongLink", "", content.length, 'L', true), content);
    }

    /** A directory entry. */
    TestTar directory(String name) {
        return entry(header(name, "", 0, '5', false), new byte[0]);
    }

    /** A header written as is (for damaged-header tests), followed by {@code content}. */
    TestTar raw(byte[] header, byte[] content) {
        return entry(header, content);
    }

    /** The archive so far with its end-of-archive blocks, uncompressed. */
    byte[] tar() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(out.toByteArray());
        all.writeBytes(new byte[1024]);
        return all.toByteArray();
    }

    /** The archive so far with its end-of-archive blocks, gzip-compressed. */
    byte[] gzip() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(tar());
        }
        return gz.toByteArray();
    }

    private TestTar entry(byte[] header, byte[] content) {
        out.writeBytes(header);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        return this;
    }

    /** A 512-byte ustar (or GNU) header with a correct checksum. */
    static byte[] header(String name, String prefix, long size, char type, boolean gnu) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644\0");
        put(h, 108, "0001750\0");
        put(h, 116, "0001750\0");
        put(h, 124, String.format("%011o\0", size));
        put(h, 136, "14513305634\0");
        h[156] = (byte) type;
        put(h, 257, gnu ? "ustar  \0" : "ustar\0" + "00");
        put(h, 345, prefix);
        put(h, 148, "        ");
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o\0 ", sum));
        return h;
    }

    private static void put(byte[] h, int at, String ascii) {
        byte[] b = ascii.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, at, b.length);
    }
}
