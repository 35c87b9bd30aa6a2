package dev.thirty.data;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A data set as a named folder of files, each with the sha256 of its content and, where known,
 * download sources (canonical first, then mirrors). The folder name is what {@link DataLocation}
 * looks for under each data root ({@code <root>/<name>/<file>}).
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
     * magic bytes. A download is stored under its source's {@link DownloadSource#storedName()},
     * which must therefore be one of those two names.
     *
     * @param name    logical file name, e.g. {@code train-images-idx3-ubyte}
     * @param sources where it can be downloaded, in the order tried (canonical first, then
     *                mirrors); empty when none is known
     * @param sha256  lowercase hex sha256 of the (decompressed) content
     */
    public record RemoteFile(String name, List<DownloadSource> sources, String sha256) {

        private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

        public RemoteFile {
            if (name == null || name.isBlank() || name.contains("/")) {
                throw new IllegalArgumentException("file name must be a plain name, got '" + name + "'");
            }
            if (sha256 == null || !SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException(name + ": sha256 must be 64 lowercase hex digits, got '"
                        + sha256 + "'");
            }
            sources = List.copyOf(sources);
            for (DownloadSource source : sources) {
                String stored = source.storedName();
                if (!stored.equals(name) && !stored.equals(name + ".gz")) {
                    throw new IllegalArgumentException(name + ": source " + source + " would be stored as '"
                            + stored + "', expected '" + name + "' or '" + name + ".gz'");
                }
            }
        }

        /** A file with no known download source. */
        public static RemoteFile local(String name, String sha256) {
            return new RemoteFile(name, List.of(), sha256);
        }

        /** A file downloadable from {@code url}. */
        public static RemoteFile remote(String name, String url, String sha256) {
            return new RemoteFile(name, List.of(DownloadSource.of(url)), sha256);
        }

        /** This file with {@code mirror} tried after the sources it already has. */
        public RemoteFile withMirror(DownloadSource mirror) {
            List<DownloadSource> all = new ArrayList<>(sources);
            all.add(mirror);
            return new RemoteFile(name, all, sha256);
        }

        public boolean hasSource() {
            return !sources.isEmpty();
        }

        /** The names this file may have on disk, in the order they are tried. */
        public List<String> storedNames() {
            return List.of(name, name + ".gz");
        }
    }
}
