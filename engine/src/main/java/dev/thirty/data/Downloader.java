package dev.thirty.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches a file over HTTP(S) into place, checked against a sha256.
 *
 * <p>The body streams into {@code <target>.part}; only when it is complete (as long as the
 * {@code Content-Length} said) and its content hash matches is it renamed to {@code target}.
 * On any failure (HTTP error, dropped connection, short body, checksum mismatch) the part file
 * is deleted, so a file under the target name is always a verified one. The checksum is of the
 * content, decompressed when gzip (see {@link DataFiles#contentSha256}).
 */
public final class Downloader {

    private static final int BUFFER = 1 << 16;

    /** Receives progress while a body streams in; called from the downloading thread. */
    @FunctionalInterface
    public interface Progress {

        /** Reports nothing. */
        Progress NONE = (source, bytesSoFar, totalBytes) -> { };

        /**
         * @param source     the URL being fetched
         * @param bytesSoFar bytes received so far
         * @param totalBytes the announced length, or {@code -1} when the server did not give one
         */
        void update(URI source, long bytesSoFar, long totalBytes);
    }

    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param client  the client to fetch with (its redirect policy applies)
     * @param timeout how long to wait for the response headers of each request
     */
    public Downloader(HttpClient client, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("download timeout must be positive, got " + timeout);
        }
        this.client = client;
        this.timeout = timeout;
    }

    /** A downloader that follows redirects, with 30 s connect and 60 s response timeouts. */
    public static Downloader standard() {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        return new Downloader(client, Duration.ofSeconds(60));
    }

    /**
     * Downloads {@code source} to {@code target} (creating its folder), replacing any file there.
     *
     * @param sha256 expected lowercase hex sha256 of the (decompressed) content
     * @return {@code target}
     * @throws IOException naming the URL: HTTP status other than 200, a dropped connection, a body
     *                     shorter than announced, or a checksum mismatch (expected vs actual)
     */
    public Path fetch(URI source, Path target, String sha256, Progress progress) throws IOException {
        return fetch(source, target, part -> DataFiles.checkContent(part, sha256, source.toString()), progress);
    }

    /**
     * Downloads an archive from {@code source} to {@code target} as {@link #fetch} does, checked
     * against the digest of its raw bytes instead of a content sha256.
     *
     * @param integrity the expected digest, or {@code null} to accept any complete body
     */
    public Path fetchArchive(URI source, Path target, Integrity integrity, Progress progress) throws IOException {
        return fetch(source, target, part -> {
            if (integrity != null) {
                integrity.check(part, source.toString());
            }
        }, progress);
    }

    /** A check of a complete download before it is moved into place. */
    @FunctionalInterface
    private interface Check {
        void verify(Path part) throws IOException;
    }

    private Path fetch(URI source, Path target, Check check, Progress progress) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path part = parent.resolve(target.getFileName() + ".part");
        boolean done = false;
        try {
            receive(source, part, progress);
            check.verify(part);
            DataFiles.moveIntoPlace(part, target);
            done = true;
            return target;
        } finally {
            if (!done) {
                Files.deleteIfExists(part);
            }
        }
    }

    private void receive(URI source, Path part, Progress progress) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(source).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download of " + source + " interrupted");
        } catch (IOException e) {
            throw new IOException("download of " + source + " failed: " + describe(e), e);
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("download of " + source + " failed: HTTP " + response.statusCode());
            }
            long total = response.headers().firstValueAsLong("content-length").orElse(-1);
            long received = copy(source, in, part, total, progress);
            if (total >= 0 && received != total) {
                throw new IOException("download of " + source + " incomplete: expected " + total
                        + " bytes, received " + received);
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains(source.toString())) {
                throw e;
            }
            throw new IOException("download of " + source + " failed: " + describe(e), e);
        }
    }

    /**
     * {@code e} and its causes, since the client's exceptions often say nothing themselves
     * (a {@code ConnectException} with no message, caused by an {@code UnresolvedAddressException}).
     */
    private static String describe(Throwable e) {
        List<String> chain = new ArrayList<>();
        for (Throwable t = e; t != null && chain.size() < 8; t = t.getCause()) {
            String one = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
            if (chain.isEmpty() || !chain.getLast().equals(one)) {
                chain.add(one);
            }
        }
        return String.join(", caused by ", chain);
    }

    private static long copy(URI source, InputStream in, Path part, long total, Progress progress)
            throws IOException {
        byte[] buffer = new byte[BUFFER];
        long received = 0;
        progress.update(source, 0, total);
        try (OutputStream out = Files.newOutputStream(part)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                received += n;
                progress.update(source, received, total);
            }
        }
        return received;
    }
}
