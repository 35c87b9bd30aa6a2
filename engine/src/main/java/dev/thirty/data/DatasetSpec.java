package dev.thirty.data;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A data set as a named folder of files, each with the sha256 of its content and, where one is
 * known, a canonical download source. The folder name is what {@link DataLocation} looks for
 * under each data root ({@code <root>/<name>/<file>}).
 *
 * @param name  folder name, e.g. {@code mnist}
 * @param files the files the data set consists of; at least one, names distinct
 */
public record DatasetSpec(String name, List<RemoteFile> files) {

    public DatasetSpec {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("data set name must be a plain folder name, got '" + name + "'");
        }
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("data set '" + name + "' lists no files");
        }
        if (files.stream().map(RemoteFile::name).distinct().count() != files.size()) {
            throw new IllegalArgumentException("data set '" + name + "' lists a file name twice: " + files);
        }
    }

    /** The spec of file {@code fileName}, or an exception listing the files this data set has. */
    public RemoteFile file(String fileName) {
        for (RemoteFile f : files) {
            if (f.name().equals(fileName)) {
                return f;
            }
        }
        throw new IllegalArgumentException("data set '" + name + "' has no file '" + fileName + "'; it has "
                + files.stream().map(RemoteFile::name).toList());
    }

    /**
     * One file of a data set.
     *
     * <p>The checksum is of the <em>content</em>: the decompressed bytes when the file on disk is
     * gzip, the bytes themselves otherwise (see {@link DataFiles#contentSha256}). On disk the
     * file may be stored as {@code name} or as {@code name + ".gz"}; loaders detect gzip by its
     * magic bytes. A download is stored under the last path segment of {@code source}, which
     * must therefore be one of those two names.
     *
     * @param name   logical file name, e.g. {@code train-images-idx3-ubyte}
     * @param source canonical download URL, or {@code null} when none is known
     * @param sha256 lowercase hex sha256 of the (decompressed) content
     */
    public record RemoteFile(String name, URI source, String sha256) {

        private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

        public RemoteFile {
            if (name == null || name.isBlank() || name.contains("/")) {
                throw new IllegalArgumentException("file name must be a plain name, got '" + name + "'");
            }
            if (sha256 == null || !SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException(name + ": sha256 must be 64 lowercase hex digits, got '"
                        + sha256 + "'");
            }
            if (source != null) {
                String stored = lastSegment(source);
                if (!stored.equals(name) && !stored.equals(name + ".gz")) {
                    throw new IllegalArgumentException(name + ": source " + source + " would be stored as '"
                            + stored + "', expected '" + name + "' or '" + name + ".gz'");
                }
            }
        }

        /** A file with no known download source. */
        public static RemoteFile local(String name, String sha256) {
            return new RemoteFile(name, null, sha256);
        }

        /** A file downloadable from {@code url}. */
        public static RemoteFile remote(String name, String url, String sha256) {
            return new RemoteFile(name, URI.create(url), sha256);
        }

        public boolean hasSource() {
            return source != null;
        }

        /** The names this file may have on disk, in the order they are tried. */
        public List<String> storedNames() {
            return List.of(name, name + ".gz");
        }

        /** The file name a download is saved under: the last segment of the source URL's path. */
        public String downloadName() {
            if (source == null) {
                throw new IllegalStateException(name + " has no download source");
            }
            return lastSegment(source);
        }

        private static String lastSegment(URI uri) {
            String path = uri.getPath();
            return path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        }
    }
}
