package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.data.CifarJpegCache.Outcome;
import dev.thirty.data.CifarJpegCache.Result;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarJpegCacheTest {

    @TempDir
    Path tmp;

    private Path data() {
        return tmp.resolve("data");
    }

    private Path cache() {
        return tmp.resolve("cache");
    }

    private Path trainZip(Map<String, byte[]> entries) throws IOException {
        return TestJpegs.zip(data().resolve("cifar10-jpeg-train.zip"), entries);
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "expected '" + p + "' in: " + e.getMessage());
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p) + (Files.isDirectory(p) ? "/" : " " + p.toFile().length()))
                    .sorted().toList();
        }
    }

    @Test
    void firstLoadDecodesAndCachesThenTheCacheIsReadWithTheSameBytes() throws IOException {
        Path zip = trainZip(TestJpegs.cifarLike());
        Result built = CifarJpegCache.load(zip, "train", cache());
        assertEquals(Outcome.BUILT, built.outcome());
        assertEquals(cache(), built.file().getParent());
        assertEquals(5L * CifarBinary.RECORD_BYTES, Files.size(built.file()));
        RawImages images = built.images();
        assertArrayEquals(new int[] {0, 0, 0, 3, 3}, images.labels(), "airplane = 0, cat = 3, in entry order");
        // a flat colour survives JPEG within a step or two
        assertEquals(200, images.get(0, 0, 5, 7), 3);
        assertEquals(100, images.get(0, 1, 31, 0), 3);
        assertEquals(50, images.get(0, 2, 0, 31), 3);
        assertEquals(255, images.get(4, 1, 16, 16), 3);

        Result hit = CifarJpegCache.load(zip, "train", cache());
        assertEquals(Outcome.HIT, hit.outcome());
        assertArrayEquals(images.pixels(), hit.images().pixels());
        assertArrayEquals(images.labels(), hit.images().labels());
    }

    @Test
    void truncatedCacheFileIsRebuiltNotTrusted() throws IOException {
        Path zip = trainZip(TestJpegs.cifarLike());
        Result built = CifarJpegCache.load(zip, "train", cache());
        try (FileChannel ch = FileChannel.open(built.file(), StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(built.file()) - 100);
        }
        Result again = CifarJpegCache.load(zip, "train", cache());
        assertEquals(Outcome.REBUILT, again.outcome());
        assertArrayEquals(built.images().pixels(), again.images().pixels());
        assertEquals(5L * CifarBinary.RECORD_BYTES, Files.size(again.file()));
        assertEquals(Outcome.HIT, CifarJpegCache.load(zip, "train", cache()).outcome());
    }

    @Test
    void cacheFileWithOtherLabelsIsRebuilt() throws IOException {
        Path zip = trainZip(TestJpegs.cifarLike());
        Result built = CifarJpegCache.load(zip, "train", cache());
        byte[] bytes = Files.readAllBytes(built.file());
        bytes[0] = 7; // the first record claims to be a horse
        Files.write(built.file(), bytes);
        assertEquals(Outcome.REBUILT, CifarJpegCache.load(zip, "train", cache()).outcome());
    }

    @Test
    void changedZipGetsAFreshCacheAndTheStaleOneIsDeleted() throws IOException {
        Map<String, byte[]> entries = TestJpegs.cifarLike();
        Path zip = trainZip(entries);
        Result first = CifarJpegCache.load(zip, "train", cache());
        entries.put("train/airplane/0000.jpg", TestJpegs.jpeg(0, 0, 255));
        trainZip(entries);
        Result second = CifarJpegCache.load(zip, "train", cache());
        assertEquals(Outcome.BUILT, second.outcome(), "a changed zip must never be served the old cache");
        assertNotEquals(first.file(), second.file());
        assertEquals(255, second.images().get(0, 2, 3, 3), 3);
        assertFalse(Files.exists(first.file()), "the cache of the old zip is removed");
        long size = Files.size(second.file());
        assertEquals(1, listing(cache()).stream().filter(f -> f.endsWith(".bin " + size)).count());
    }

    @Test
    void nothingIsWrittenBesideTheZipAndTheDataFolderIsRefusedAsCache() throws IOException {
        Path zip = trainZip(TestJpegs.cifarLike());
        List<String> before = listing(data());
        CifarJpegCache.load(zip, "train", cache());
        CifarJpegCache.load(zip, "train", cache());
        assertEquals(before, listing(data()));
        assertThrows(IllegalArgumentException.class, () -> CifarJpegCache.load(zip, "train", data()));
        assertThrows(IllegalArgumentException.class, () -> CifarJpegCache.load(zip, "train", data().resolve("c")));
        assertEquals(before, listing(data()));
    }

    @Test
    void truncatedJpegEntryIsNamed() throws IOException {
        Map<String, byte[]> entries = TestJpegs.cifarLike();
        byte[] whole = TestJpegs.jpeg(1, 2, 3);
        entries.put("train/cat/0002.jpg", Arrays.copyOf(whole, whole.length * 2 / 3));
        Path zip = trainZip(entries);
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> CifarJpegCache.load(zip, "train", cache()));
        assertMessage(e, "cifar10-jpeg-train.zip!train/cat/0002.jpg", "cannot decode");
        // only the end-of-image marker missing: plain ImageIO returns an image and a warning
        entries.put("train/cat/0002.jpg", Arrays.copyOf(whole, whole.length - 2));
        trainZip(entries);
        e = assertThrows(CorruptDataException.class, () -> CifarJpegCache.load(zip, "train", cache()));
        assertMessage(e, "cifar10-jpeg-train.zip!train/cat/0002.jpg", "cannot decode", "warned", "EOI");
        assertFalse(Files.exists(cache()) && listing(cache()).stream().anyMatch(f -> f.contains(".bin")),
                "no cache file is left after a failed decode");
    }

    @Test
    void garbageEntryIsNamed() throws IOException {
        Map<String, byte[]> entries = TestJpegs.cifarLike();
        entries.put("train/cat/0002.jpg", "not a jpeg at all".getBytes(StandardCharsets.US_ASCII));
        Path zip = trainZip(entries);
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> CifarJpegCache.load(zip, "train", cache()));
        assertMessage(e, "cifar10-jpeg-train.zip!train/cat/0002.jpg", "cannot decode");
    }

    @Test
    void imageThatIsNot32By32IsNamedWithItsSize() throws IOException {
        Map<String, byte[]> entries = TestJpegs.cifarLike();
        entries.put("train/cat/0002.jpg", TestJpegs.jpeg(1, 2, 3, 32, 31));
        Path zip = trainZip(entries);
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> CifarJpegCache.load(zip, "train", cache()));
        assertMessage(e, "cifar10-jpeg-train.zip!train/cat/0002.jpg", "expected 32x32", "found 31x32");
    }

    @Test
    void truncatedZipIsNamed() throws IOException {
        Path zip = trainZip(TestJpegs.cifarLike());
        byte[] bytes = Files.readAllBytes(zip);
        Files.write(zip, Arrays.copyOf(bytes, bytes.length / 2));
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> CifarJpegCache.load(zip, "train", cache()));
        assertMessage(e, "cifar10-jpeg-train.zip", "zip");
    }

    @Test
    void unknownClassFolderIsNamed() throws IOException {
        Map<String, byte[]> entries = TestJpegs.cifarLike();
        entries.put("train/unicorn/0000.jpg", TestJpegs.jpeg(1, 2, 3));
        Path zip = trainZip(entries);
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> CifarJpegCache.load(zip, "train", cache()));
        assertMessage(e, "cifar10-jpeg-train.zip", "train/unicorn/0000.jpg", "unknown class 'unicorn'");
    }
}
