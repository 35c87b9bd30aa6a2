package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.data.Cifar10.Split;
import dev.thirty.data.DownloadSource.Archive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarBatchesTest {

    private static final int RECORDS = 2;

    @TempDir
    Path tmp;

    /** Two records per batch; batch {@code b} (1..5, test = 6) has labels {@code b % 10, (b + 1) % 10}. */
    private static Map<String, byte[]> batchEntries() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes());
        int b = 1;
        for (String f : CifarBatches.TRAIN_FILES) {
            m.put(CifarBatches.FOLDER + "/" + f, batch(b++));
        }
        m.put(CifarBatches.FOLDER + "/" + CifarBatches.TEST_FILE, batch(6));
        return m;
    }

    private static byte[] batch(int b) {
        byte[] bytes = new byte[RECORDS * CifarBinary.RECORD_BYTES];
        for (int r = 0; r < RECORDS; r++) {
            bytes[r * CifarBinary.RECORD_BYTES] = (byte) ((b + r) % 10);
            bytes[r * CifarBinary.RECORD_BYTES + 1] = (byte) (10 * b + r); // first red sample
        }
        return bytes;
    }

    private static Archive archive(String url, byte[] tgz) throws NoSuchAlgorithmException {
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(tgz));
        return new Archive(java.net.URI.create(url), Integrity.md5(md5));
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "expected '" + p + "' in: " + e.getMessage());
        }
    }

    @Test
    void unpackedArchiveReadsTheFiveTrainingBatchesInOrderAndTheTestBatch() throws IOException {
        Path tgz = Files.write(tmp.resolve("cifar-10-binary.tar.gz"), TestTar.tgz(batchEntries()));
        Path out = tmp.resolve("out");
        CifarBatches.unpack(tgz, out, RECORDS);
        RawImages train = CifarBatches.read(out, Split.TRAIN, RECORDS);
        assertArrayEquals(new int[] {1, 2, 2, 3, 3, 4, 4, 5, 5, 6}, train.labels());
        assertEquals(31, train.get(5, 0, 0, 0), "batch 3, record 1");
        assertArrayEquals(new int[] {6, 7}, CifarBatches.read(out, Split.TEST, RECORDS).labels());
        assertFalse(Files.exists(out.resolve("batches.meta.txt")), "only the six batches are unpacked");
    }

    @Test
    void batchOfTheWrongLengthInTheArchiveIsNamedAndNotLeftBehind() throws IOException {
        Map<String, byte[]> m = batchEntries();
        byte[] b3 = m.get("cifar-10-batches-bin/data_batch_3.bin");
        m.put("cifar-10-batches-bin/data_batch_3.bin", Arrays.copyOf(b3, b3.length - 5));
        Path tgz = Files.write(tmp.resolve("cifar-10-binary.tar.gz"), TestTar.tgz(m));
        Path out = tmp.resolve("out");
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> CifarBatches.unpack(tgz, out, RECORDS));
        assertMessage(e, "cifar-10-binary.tar.gz!cifar-10-batches-bin/data_batch_3.bin", "expected 2 records",
                "found " + (b3.length - 5));
        assertFalse(Files.exists(out.resolve("data_batch_3.bin")));
        assertFalse(Files.exists(out.resolve("data_batch_3.bin.part")));
    }

    @Test
    void archiveWithoutTheBatchesOrTruncatedIsNamed() throws IOException {
        Path other = Files.write(tmp.resolve("other.tar.gz"), TestTar.tgz(Map.of("readme.txt", new byte[3])));
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> CifarBatches.unpack(other, tmp.resolve("a"), RECORDS));
        assertMessage(e, "other.tar.gz", "cifar-10-batches-bin/test_batch.bin");
        byte[] tgz = TestTar.tgz(batchEntries());
        Path cut = Files.write(tmp.resolve("cut.tar.gz"), Arrays.copyOf(tgz, tgz.length / 2));
        e = assertThrows(CorruptDataException.class, () -> CifarBatches.unpack(cut, tmp.resolve("b"), RECORDS));
        assertMessage(e, "cut.tar.gz");
    }

    @Test
    void archiveInTheDataFolderIsUnpackedIntoTheUserCacheLeavingTheDataFolderAlone() throws Exception {
        byte[] tgz = TestTar.tgz(batchEntries());
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.write(data.resolve("cifar-10-binary.tar.gz"), tgz);
        DataLocation location = new DataLocation(data, null, tmp.resolve("cache"));
        List<String> before = listing(data);
        Archive archive = archive("http://127.0.0.1:9/cifar-10-binary.tar.gz", tgz); // never fetched
        Path folder = CifarBatches.obtain(location, archive, RECORDS, Downloader.standard(), Downloader.Progress.NONE);
        assertEquals(location.cacheDir(CifarBatches.FOLDER), folder);
        assertEquals(before, listing(data));
        assertEquals(folder, CifarBatches.find(location).orElseThrow(), "found there next time");
        assertEquals(10, CifarBatches.read(folder, Split.TRAIN, RECORDS).size());
    }

    @Test
    void missingArchiveIsDownloadedIntoTheArchiveCacheAndCheckedByItsMd5() throws Exception {
        byte[] tgz = TestTar.tgz(batchEntries());
        DataLocation location = new DataLocation(null, null, tmp.resolve("cache"));
        try (LocalServer server = LocalServer.serving("/cifar-10-binary.tar.gz", tgz)) {
            String url = server.uri("/cifar-10-binary.tar.gz").toString();
            Archive wrongMd5 = new Archive(java.net.URI.create(url), Integrity.md5("0".repeat(32)));
            IOException e = assertThrows(IOException.class, () -> CifarBatches.obtain(location, wrongMd5, RECORDS,
                    Downloader.standard(), Downloader.Progress.NONE));
            assertMessage(e, "md5 mismatch");
            Path folder = CifarBatches.obtain(location, archive(url, tgz), RECORDS, Downloader.standard(),
                    Downloader.Progress.NONE);
            assertTrue(Files.isRegularFile(location.archiveCacheDir().resolve("cifar-10-binary.tar.gz")));
            assertArrayEquals(new int[] {6, 7}, CifarBatches.read(folder, Split.TEST, RECORDS).labels());
        }
    }

    @Test
    void officialArchiveIsPinnedByThePublishedMd5() {
        Archive a = Datasets.CIFAR10_BINARY_ARCHIVE;
        assertEquals("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", a.url().toString());
        assertEquals(Integrity.md5("c32a1d4ab5d03f1284b67883e8d87530"), a.integrity());
    }
}
