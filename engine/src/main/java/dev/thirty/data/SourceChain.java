package dev.thirty.data;

import dev.thirty.data.DatasetSpec.RemoteFile;
import dev.thirty.data.DownloadSource.Archive;
import dev.thirty.data.DownloadSource.ArchiveEntry;
import dev.thirty.data.DownloadSource.Direct;
import dev.thirty.data.DownloadFailedException.Failure;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipException;

/**
 * Downloads the missing files of one {@link DataLocation#obtain} call, trying each file's sources
 * in order until one gives a file with the right content sha256.
 *
 * <p>State is shared across the files of the call: an archive is fetched once (or reused from
 * the archive cache when it still matches its integrity) and every wanted entry is extracted
 * from that copy; an archive that failed is not fetched again; and a host that could not be
 * reached at all (refused, unknown, connect timeout) is not tried again, so a blocked canonical
 * host costs one timeout, not one per file. Extraction goes through a {@code .part} file, so
 * nothing unverified ever has a final name.
 */
final class SourceChain {

    private final Downloader downloader;
    private final Path archiveDir;
    private final Downloader.Progress progress;
    private final Map<URI, Path> archives = new HashMap<>();
    private final Map<URI, IOException> failedArchives = new HashMap<>();
    private final Map<String, IOException> unreachableHosts = new HashMap<>();

    /**
     * @param archiveDir where archives are cached (kept after extraction)
     */
    SourceChain(Downloader downloader, Path archiveDir, Downloader.Progress progress) {
        this.downloader = downloader;
        this.archiveDir = archiveDir;
        this.progress = progress;
    }

    /**
     * Fetches {@code file} into {@code folder} from its first source that works.
     *
     * @return the stored file, named after the source that gave it
     * @throws DownloadFailedException listing every source and why it failed
     */
    Path fetch(String dataset, RemoteFile file, Path folder) throws IOException {
        List<Failure> failures = new ArrayList<>();
        List<IOException> causes = new ArrayList<>();
        for (DownloadSource source : file.sources()) {
            String host = hostOf(source.url());
            IOException unreachable = unreachableHosts.get(host);
            if (unreachable != null) {
                failures.add(new Failure(source, "not tried: " + host + " was unreachable earlier ("
                        + unreachable.getMessage() + ")"));
                continue;
            }
            Path target = folder.resolve(source.storedName());
            try {
                return switch (source) {
                    case Direct d -> downloader.fetch(d.url(), target, file.sha256(), progress);
                    case ArchiveEntry e -> extract(e, target, file.sha256());
                };
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                if (isUnreachable(e)) {
                    unreachableHosts.put(host, e);
                }
                failures.add(new Failure(source, e.getMessage()));
                causes.add(e);
            }
        }
        DownloadFailedException failed = new DownloadFailedException(dataset, file.name(), failures);
        causes.forEach(failed::addSuppressed);
        throw failed;
    }

    private Path extract(ArchiveEntry source, Path target, String sha256) throws IOException {
        Path archive = archive(source.archive());
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        boolean done = false;
        try {
            try (InputStream in = DataFiles.open(archive); OutputStream out = Files.newOutputStream(part)) {
                copyEntry(new TarReader(in, archive.getFileName().toString()), source, out);
            } catch (EOFException | ZipException e) {
                throw new CorruptDataException(archive.getFileName().toString(), -1,
                        "damaged or truncated gzip stream (" + e.getMessage() + ")", e);
            }
            DataFiles.checkContent(part, sha256, source.toString());
            DataFiles.moveIntoPlace(part, target);
            done = true;
            return target;
        } finally {
            if (!done) {
                Files.deleteIfExists(part);
            }
        }
    }

    private static void copyEntry(TarReader tar, ArchiveEntry source, OutputStream out) throws IOException {
        List<String> seen = new ArrayList<>();
        for (TarReader.Entry entry; (entry = tar.next()) != null; ) {
            if (entry.name().equals(source.entry())) {
                if (entry.type() != TarReader.Type.FILE) {
                    String kind = entry.type().name().toLowerCase(Locale.ROOT);
                    throw new IOException(source + " is a " + kind + ", not a file");
                }
                tar.copyTo(out);
                return;
            }
            seen.add(entry.name());
        }
        throw new IOException(source.archive().url() + " has no entry " + source.entry() + "; its "
                + seen.size() + " entries begin " + seen.subList(0, Math.min(8, seen.size())));
    }

    /** The archive in the cache: fetched on first use, reused when it still matches its integrity. */
    private Path archive(Archive archive) throws IOException {
        IOException failed = failedArchives.get(archive.url());
        if (failed != null) {
            throw new IOException("not fetched again after failing: " + failed.getMessage(), failed);
        }
        Path cached = archives.get(archive.url());
        if (cached != null) {
            return cached;
        }
        Path target = archiveDir.resolve(archive.fileName());
        try {
            boolean reusable = archive.integrity() != null && Files.isRegularFile(target)
                    && archive.integrity().matches(target);
            if (!reusable) {
                downloader.fetchArchive(archive.url(), target, archive.integrity(), progress);
            }
        } catch (IOException e) {
            failedArchives.put(archive.url(), e);
            throw e;
        }
        archives.put(archive.url(), target);
        return target;
    }

    private static String hostOf(URI url) {
        return url.getScheme() + "://" + url.getAuthority();
    }

    /** Whether {@code e} says the host could not be reached at all, as opposed to a bad answer. */
    private static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
