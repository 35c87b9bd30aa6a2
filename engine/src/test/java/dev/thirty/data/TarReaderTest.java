package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TarReaderTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Names and contents of every regular file, in order. */
    private static List<String> read(byte[] tar) throws IOException {
        TarReader reader = new TarReader(new ByteArrayInputStream(tar), "test.tar");
        List<String> got = new ArrayList<>();
        for (TarReader.Entry e; (e = reader.next()) != null; ) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            assertEquals(e.size(), reader.copyTo(content), e.name());
            got.add(e.type() + " " + e.name() + "=" + content.toString(StandardCharsets.UTF_8));
        }
        return got;
    }

    @Test
    void readsUstarPrefixPaxPathAndGnuLongNames() throws IOException {
        String deep = "package/" + "d".repeat(90) + "/" + "f".repeat(60);
        String paxName = "package/" + "p".repeat(150) + ".bin";
        String gnuName = "package/" + "g".repeat(120) + ".bin";
        byte[] tar = new TestTar()
                .directory("package/")
                .file("package/a.txt", bytes("alpha"))
                .file(deep, bytes("deep"))
                .paxPath(paxName).file("ignored-short-name", bytes("pax"))
                .gnuLongName(gnuName).raw(TestTar.header("truncated-name", "", 3, '0', true), bytes("gnu"))
                .file("./package/z.txt", new byte[0])
                .tar();
        assertEquals(List.of("DIRECTORY package/=", "FILE package/a.txt=alpha", "FILE " + deep + "=deep",
                "FILE " + paxName + "=pax", "FILE " + gnuName + "=gnu", "FILE package/z.txt="), read(tar));
    }

    @Test
    void unreadContentIsSkippedAcrossBlockPadding() throws IOException {
        byte[] big = new byte[1500];
        Arrays.fill(big, (byte) 7);
        TarReader reader = new TarReader(new ByteArrayInputStream(new TestTar().file("big", big)
                .file("small", bytes("s")).tar()), "test.tar");
        assertEquals("big", reader.next().name());
        TarReader.Entry small = reader.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.copyTo(out);
        assertEquals("small", small.name());
        assertArrayEquals(bytes("s"), out.toByteArray());
        assertNull(reader.next());
    }

    @Test
    void damagedHeaderChecksumIsRejectedWithItsOffset() {
        byte[] tar = new TestTar().file("a", bytes("aaaa")).file("b", bytes("bb")).tar();
        tar[1024 + 3] = 'X';
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> read(tar));
        assertEquals(1024, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void truncatedArchiveIsRejected() {
        byte[] whole = new TestTar().file("a", new byte[2000]).tar();
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> read(Arrays.copyOf(whole, 1000)));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        CorruptDataException noEnd = assertThrows(CorruptDataException.class,
                () -> read(Arrays.copyOf(whole, 512 + 2048)));
        assertTrue(noEnd.getMessage().contains("end-of-archive"), noEnd.getMessage());
    }

    @Test
    void nonUstarHeadersAndUnknownTypesAreRejected() {
        byte[] v7 = TestTar.header("a", "", 0, '0', false);
        Arrays.fill(v7, 257, 265, (byte) 0);
        CorruptDataException magic = assertThrows(CorruptDataException.class,
                () -> read(new TestTar().raw(v7, new byte[0]).tar()));
        assertTrue(magic.getMessage().contains("not a ustar header"), magic.getMessage());
        byte[] sparse = TestTar.header("s", "", 0, 'S', true);
        CorruptDataException type = assertThrows(CorruptDataException.class,
                () -> read(new TestTar().raw(sparse, new byte[0]).tar()));
        assertTrue(type.getMessage().contains("unsupported tar entry type 'S'"), type.getMessage());
    }
}
