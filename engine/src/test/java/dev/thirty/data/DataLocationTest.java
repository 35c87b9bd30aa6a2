package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.data.DatasetSpec.RemoteFile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocationTest {

    private static final String HELLO_SHA = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @TempDir
    Path tmp;

    private static DatasetSpec helloSpec(URI source) {
        return new DatasetSpec("greetings", List.of(new RemoteFile("hello.txt",
                source == null ? List.of() : List.of(new DownloadSource.Direct(source)), HELLO_SHA)));
    }

    private Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void userCacheFollowsXdgCacheHomeElseHomeDotCache() {
        Path home = tmp.resolve("home");
        assertEquals(home.resolve(".cache/thirty"), DataLocation.of(null, Map.of(), home).userCache());
        assertEquals(tmp.resolve("xdg/thirty"),
                DataLocation.of(null, Map.of("XDG_CACHE_HOME", tmp.resolve("xdg").toString()), home).userCache());
        assertEquals(home.resolve(".cache/thirty"),
                DataLocation.of(null, Map.of("XDG_CACHE_HOME", "relative/dir"), home).userCache());
    }

    @Test
    void explicitFolderWinsOverEnvironmentWhichWinsOverCache() throws IOException {
        Path flag = tmp.resolve("flag");
        Path env = tmp.resolve("env");
        Path home = tmp.resolve("home");
        DataLocation loc = DataLocation.of(flag, Map.of(DataLocation.DATA_ENV, env.toString()), home);
        DatasetSpec spec = helloSpec(null);
        Path inCache = write(loc.cacheDir("greetings").resolve("hello.txt"), "hello");
        assertEquals(inCache, loc.locate(spec).file("hello.txt"));
        Path inEnv = write(env.resolve("greetings/hello.txt"), "hello");
        assertEquals(inEnv, loc.locate(spec).file("hello.txt"));
        Path inFlag = write(flag.resolve("greetings/hello.txt"), "hello");
        assertEquals(inFlag, loc.locate(spec).file("hello.txt"));
    }

    @Test
    void explicitFolderMayBeTheDatasetFolderItselfAndGzipCopiesCount() throws IOException {
        Path flag = tmp.resolve("mydata");
        Path gz = write(flag.resolve("hello.txt.gz"), "pretend gzip");
        DataLocation loc = DataLocation.of(flag, Map.of(), tmp.resolve("home"));
        assertEquals(gz, loc.locate(helloSpec(null)).file("hello.txt"));
    }

    @Test
    void missingDatasetWithoutSourceListsEveryPlaceLooked() {
        Path env = tmp.resolve("env");
        DataLocation loc = DataLocation.of(tmp.resolve("flag"), Map.of(DataLocation.DATA_ENV, env.toString()),
                tmp.resolve("home"));
        MissingDatasetException e = assertThrows(MissingDatasetException.class,
                () -> loc.obtain(helloSpec(null), Downloader.standard(), Downloader.Progress.NONE));
        assertEquals(8, e.searched().size());
        for (Path p : e.searched()) {
            assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        }
        assertTrue(e.getMessage().contains(env.resolve("greetings/hello.txt").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no download source"), e.getMessage());
    }

    @Test
    void obtainDownloadsMissingFilesIntoTheUserCacheOnly() throws IOException {
        byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
        try (LocalServer server = LocalServer.serving("/files/hello.txt", body)) {
            Path env = tmp.resolve("env");
            Files.createDirectories(env.resolve("greetings"));
            DataLocation loc = DataLocation.of(null, Map.of(DataLocation.DATA_ENV, env.toString()),
                    tmp.resolve("home"));
            DatasetFiles files = loc.obtain(helloSpec(server.uri("/files/hello.txt")), Downloader.standard(),
                    Downloader.Progress.NONE);
            Path got = files.file("hello.txt");
            assertEquals(loc.cacheDir("greetings").resolve("hello.txt"), got);
            assertEquals("hello", Files.readString(got));
            assertFalse(Files.exists(env.resolve("greetings/hello.txt")), "nothing is written beside found data");
            assertEquals(got, loc.locate(helloSpec(null)).file("hello.txt"), "a second lookup finds the download");
        }
    }

    @Test
    void specRejectsSourcesThatWouldBeStoredUnderAnotherName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RemoteFile.remote("a.txt", "https://example.org/b.txt", HELLO_SHA));
        assertTrue(e.getMessage().contains("b.txt"), e.getMessage());
    }

    @Test
    void knownChecksumsMatchTheSmallLocalCopies() throws IOException {
        for (DatasetSpec spec : List.of(Datasets.TINY_SHAKESPEARE, Datasets.CIFAR10_SAMPLE, Datasets.MULTI30K)) {
            DatasetFiles files = RealData.files(spec);
            for (RemoteFile f : spec.files()) {
                assertEquals(f.sha256(), DataFiles.contentSha256(files.file(f.name())), spec.name() + "/" + f.name());
            }
        }
        for (DatasetSpec spec : List.of(Datasets.MNIST, Datasets.FASHION_MNIST)) {
            DatasetFiles files = RealData.files(spec);
            for (String name : List.of("t10k-labels-idx1-ubyte", "train-labels-idx1-ubyte")) {
                assertEquals(spec.file(name).sha256(), DataFiles.contentSha256(files.file(name)), spec.name());
            }
        }
    }
}
