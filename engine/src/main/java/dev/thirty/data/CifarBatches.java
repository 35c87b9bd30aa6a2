package dev.thirty.data;

import dev.thirty.data.DownloadSource.Archive;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipException;

/**
 * The official CIFAR-10 binary batches (Krizhevsky, 2009, "Learning Multiple Layers of Features from
 * Tiny Images"), lossless: a folder {@code cifar-10-batches-bin/} holding {@code data_batch_1.bin ..
 * data_batch_5.bin} (the 50,000 training images, in the batches cuda-convnet trains on) and
 * {@code test_batch.bin} (10,000), each exactly 10,000 records of {@link CifarBinary}.
 *
 * <p>The folder is looked for in {@link DataLocation#searchFolders(String)} of {@value #FOLDER}, so
 * {@code --data DIR} may name a folder containing {@code cifar-10-batches-bin/} or that folder itself.
 * {@link #obtain} also accepts the archive {@code cifar-10-binary.tar.gz} lying in one of those folders,
 * else downloads it ({@link Datasets#CIFAR10_BINARY_ARCHIVE}, checked by its published MD5) into the
 * archive cache, and unpacks the six files into the user cache; data folders are never written to.
 */
public final class CifarBatches {

    /** The folder the archive unpacks to, and that is looked for. */
    public static final String FOLDER = "cifar-10-batches-bin";
    /** The training batches, in order. */
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    /** The test batch. */
    public static final String TEST_FILE = "test_batch.bin";
    /** Records in each batch file. */
    public static final int RECORDS_PER_FILE = 10_000;

    private static final List<String> ALL_FILES = allFiles();

    private CifarBatches() {
    }

    /** The first search folder of {@code location} that holds all six batch files, if any. */
    public static Optional<Path> find(DataLocation location) {
        for (Path folder : location.searchFolders(FOLDER)) {
            if (ALL_FILES.stream().allMatch(f -> Files.isRegularFile(folder.resolve(f)))) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }

    /**
     * The images of {@code split} in {@code folder}: the five training batches in order, or the test batch.
     *
     * @throws CorruptDataException naming the file when it is not exactly 10,000 valid records
     */
    public static RawImages read(Path folder, Cifar10.Split split) throws IOException {
        return read(folder, split, RECORDS_PER_FILE);
    }

    /** {@link #read(Path, Cifar10.Split)} with batches of {@code records} each (tests use small ones). */
    static RawImages read(Path folder, Cifar10.Split split, int records) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String name : split == Cifar10.Split.TRAIN ? TRAIN_FILES : List.of(TEST_FILE)) {
            Path file = folder.resolve(name);
            checkLength(file.getFileName().toString(), Files.size(file), records);
            files.add(file);
        }
        return CifarBinary.readAllRaw(files);
    }

    /**
     * The batch folder: found by {@link #find}, else unpacked into {@code location.cacheDir(FOLDER)} from the
     * archive, which is taken from a search folder or the archive cache when its MD5 matches, else downloaded.
     */
    public static Path obtain(DataLocation location, Downloader downloader, Downloader.Progress progress)
            throws IOException {
        return obtain(location, Datasets.CIFAR10_BINARY_ARCHIVE, RECORDS_PER_FILE, downloader, progress);
    }

    /** {@link #obtain(DataLocation, Downloader, Downloader.Progress)} from a given archive (tests use a small one). */
    static Path obtain(DataLocation location, Archive archive, int records, Downloader downloader,
            Downloader.Progress progress) throws IOException {
        Optional<Path> found = find(location);
        if (found.isPresent()) {
            return found.get();
        }
        Path tarball = null;
        List<Path> candidates = new ArrayList<>();
        for (Path folder : location.searchFolders(FOLDER)) {
            candidates.add(folder.resolve(archive.fileName()));
        }
        candidates.add(location.archiveCacheDir().resolve(archive.fileName()));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate) && archive.integrity().matches(candidate)) {
                tarball = candidate;
                break;
            }
        }
        if (tarball == null) {
            tarball = downloader.fetchArchive(archive.url(), location.archiveCacheDir().resolve(archive.fileName()),
                    archive.integrity(), progress);
        }
        Path target = location.cacheDir(FOLDER);
        unpack(tarball, target, records);
        return target;
    }

    /**
     * Writes the six batch files of the (gzip) tar {@code archive}, entries {@code cifar-10-batches-bin/<file>},
     * into {@code target}, each through a part file renamed into place once its length is checked.
     *
     * @throws CorruptDataException naming the archive when it is damaged or lacks a batch file, or the
     *                              entry when a batch is not {@code records} records long
     */
    static void unpack(Path archive, Path target, int records) throws IOException {
        Files.createDirectories(target);
        List<String> missing = new ArrayList<>(ALL_FILES);
        String name = archive.getFileName().toString();
        try (InputStream in = DataFiles.open(archive)) {
            TarReader tar = new TarReader(in, name);
            for (TarReader.Entry entry; (entry = tar.next()) != null && !missing.isEmpty(); ) {
                String file = entry.name().substring(entry.name().lastIndexOf('/') + 1);
                if (entry.type() == TarReader.Type.FILE && entry.name().equals(FOLDER + "/" + file)
                        && missing.remove(file)) {
                    copy(tar, name + "!" + entry.name(), target.resolve(file), records);
                }
            }
        } catch (EOFException | ZipException e) {
            throw new CorruptDataException(name, -1, "damaged or truncated gzip stream (" + e.getMessage() + ")", e);
        }
        if (!missing.isEmpty()) {
            throw new CorruptDataException(name, -1, "no entries " + missing.stream().map(f -> FOLDER + "/" + f)
                    .toList() + ": not the CIFAR-10 binary archive?", null);
        }
    }

    private static void copy(TarReader tar, String entry, Path file, int records) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        boolean done = false;
        try {
            long length;
            try (OutputStream out = Files.newOutputStream(part)) {
                length = tar.copyTo(out);
            }
            checkLength(entry, length, records);
            DataFiles.moveIntoPlace(part, file);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(part);
            }
        }
    }

    private static void checkLength(String what, long length, int records) throws CorruptDataException {
        long expected = (long) records * CifarBinary.RECORD_BYTES;
        if (length != expected) {
            throw new CorruptDataException(what, Math.min(length, expected), "wrong length for a CIFAR-10 batch:"
                    + " expected " + records + " records of " + CifarBinary.RECORD_BYTES + " bytes = "
                    + expected + " bytes, found " + length, null);
        }
    }

    private static List<String> allFiles() {
        List<String> all = new ArrayList<>(TRAIN_FILES);
        all.add(TEST_FILE);
        return List.copyOf(all);
    }
}
