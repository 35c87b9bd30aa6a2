package dev.thirty.data;

import java.net.URI;
import java.util.Objects;

/**
 * One place a data set file can be downloaded from: the file itself at a URL, or an entry inside
 * a tar archive (gzip or plain) at a URL, such as a package in a registry that ships the data.
 * A {@link DatasetSpec.RemoteFile} lists its sources in the order they are tried.
 */
public sealed interface DownloadSource {

    /** The URL that is fetched. */
    URI url();

    /**
     * The name the file is stored under in the data set's cache folder: the last segment of the
     * URL's path, or of the archive entry's path.
     */
    String storedName();

    /** The file itself at {@code url}. */
    static DownloadSource of(String url) {
        return new Direct(URI.create(url));
    }

    /** Entry {@code entry} (its full path inside the archive) of {@code archive}. */
    static DownloadSource entry(Archive archive, String entry) {
        return new ArchiveEntry(archive, entry);
    }

    /** The file itself, downloaded from {@code url}. */
    record Direct(URI url) implements DownloadSource {

        public Direct {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String storedName() {
            return lastSegment(url.getPath());
        }

        @Override
        public String toString() {
            return url.toString();
        }
    }

    /** A file inside a tar archive; the archive is downloaded once into the user cache and kept. */
    record ArchiveEntry(Archive archive, String entry) implements DownloadSource {

        public ArchiveEntry {
            Objects.requireNonNull(archive, "archive");
            if (entry == null || entry.isBlank() || entry.startsWith("/") || entry.endsWith("/")) {
                throw new IllegalArgumentException("archive entry must be a relative file path, got '" + entry + "'");
            }
        }

        @Override
        public URI url() {
            return archive.url();
        }

        @Override
        public String storedName() {
            return lastSegment(entry);
        }

        @Override
        public String toString() {
            return "entry " + entry + " of " + archive.url();
        }
    }

    /**
     * A tar archive (optionally gzip-compressed) at {@code url}.
     *
     * @param url       where to download it; the last path segment names it in the cache
     * @param integrity the digest of its raw bytes, or {@code null} when none is published (the
     *                  extracted entry is still checked against the file's content sha256)
     */
    record Archive(URI url, Integrity integrity) {

        public Archive {
            Objects.requireNonNull(url, "url");
            String name = lastSegment(url.getPath());
            if (name.isEmpty() || name.startsWith(".")) {
                throw new IllegalArgumentException("archive URL " + url + " does not end in a file name");
            }
        }

        /** An archive whose raw bytes must have the SRI digest {@code sri}, e.g. npm's {@code dist.integrity}. */
        public static Archive of(String url, String sri) {
            return new Archive(URI.create(url), Integrity.sri(sri));
        }

        /** The name the archive is cached under. */
        public String fileName() {
            return lastSegment(url.getPath());
        }
    }

    private static String lastSegment(String path) {
        return path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    }
}
