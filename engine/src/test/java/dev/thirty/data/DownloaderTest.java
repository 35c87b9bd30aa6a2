package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.testkit.Seeds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {

    @TempDir
    Path tmp;

    private static byte[] randomBytes(int n, long seed) {
        RandomGenerator rng = Seeds.generator(seed);
        byte[] b = new byte[n];
        rng.nextBytes(b);
        return b;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private List<Path> filesIn(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void downloadsVerifiesAndReportsProgressUpToTheTotal() throws Exception {
        byte[] body = randomBytes(300_000, 1);
        Path target = tmp.resolve("cache/set/blob.bin");
        List<long[]> reports = new ArrayList<>();
        try (LocalServer server = LocalServer.serving("/blob.bin", body)) {
            Path got = Downloader.standard().fetch(server.uri("/blob.bin"), target, sha256(body),
                    (source, done, total) -> reports.add(new long[] {done, total}));
            assertEquals(target, got);
        }
        assertArrayEquals(body, Files.readAllBytes(target));
        assertEquals(List.of(target), filesIn(target.getParent()), "no .part file remains");
        long[] lastReport = reports.get(reports.size() - 1);
        assertEquals(body.length, lastReport[0]);
        assertEquals(body.length, lastReport[1]);
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i)[0] >= reports.get(i - 1)[0], "progress never goes backwards");
        }
    }

    @Test
    void gzipDownloadIsCheckedAgainstItsDecompressedContent() throws Exception {
        byte[] content = randomBytes(5_000, 2);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(content);
        }
        Path target = tmp.resolve("data.gz");
        try (LocalServer server = LocalServer.serving("/data.gz", gz.toByteArray())) {
            Downloader.standard().fetch(server.uri("/data.gz"), target, sha256(content), Downloader.Progress.NONE);
        }
        assertArrayEquals(gz.toByteArray(), Files.readAllBytes(target), "stored as downloaded");
    }

    @Test
    void checksumMismatchDeletesThePartFileAndSaysExpectedVsActual() throws Exception {
        byte[] body = randomBytes(10_000, 3);
        String wrong = "0".repeat(64);
        Path target = tmp.resolve("dl/blob.bin");
        try (LocalServer server = LocalServer.serving("/blob.bin", body)) {
            URI uri = server.uri("/blob.bin");
            CorruptDataException e = assertThrows(CorruptDataException.class,
                    () -> Downloader.standard().fetch(uri, target, wrong, Downloader.Progress.NONE));
            assertTrue(e.getMessage().contains("expected " + wrong), e.getMessage());
            assertTrue(e.getMessage().contains("actual " + sha256(body)), e.getMessage());
            assertTrue(e.getMessage().contains(uri.toString()), e.getMessage());
        }
        assertEquals(List.of(), filesIn(target.getParent()));
    }

    @Test
    void httpNotFoundFailsNamingTheStatusAndLeavesNoFile() throws Exception {
        Path target = tmp.resolve("dl/missing.bin");
        try (LocalServer server = LocalServer.serving("/present.bin", new byte[10])) {
            URI uri = server.uri("/missing.bin");
            IOException e = assertThrows(IOException.class,
                    () -> Downloader.standard().fetch(uri, target, "0".repeat(64), Downloader.Progress.NONE));
            assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
            assertTrue(e.getMessage().contains(uri.toString()), e.getMessage());
        }
        assertEquals(List.of(), filesIn(target.getParent()));
    }

    @Test
    void connectionDroppedMidBodyLeavesNoCompleteOrPartFile() throws Exception {
        Path target = tmp.resolve("dl/blob.bin");
        Files.createDirectories(target.getParent());
        try (LocalServer server = LocalServer.droppingAfter(100_000, 1_000)) {
            URI uri = server.uri("/blob.bin");
            IOException e = assertThrows(IOException.class,
                    () -> Downloader.standard().fetch(uri, target, "0".repeat(64), Downloader.Progress.NONE));
            assertTrue(e.getMessage().contains(uri.toString()), e.getMessage());
        }
        assertFalse(Files.exists(target));
        assertEquals(List.of(), filesIn(target.getParent()));
    }
}
