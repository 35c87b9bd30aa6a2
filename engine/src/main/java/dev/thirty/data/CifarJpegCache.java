package dev.thirty.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * CIFAR-10 images decoded once from a zip of JPEGs ({@code <split>/<class>/NNNN.jpg}, see
 * {@link Datasets#CIFAR10_JPEG}) and kept as a file of CIFAR-10 binary records
 * ({@link CifarBinary}) in a cache folder, so later runs read 150 MB of bytes instead of
 * decoding 50,000 JPEGs.
 *
 * <p>The cache file is named for the zip: its file name, the split, its size and the first 16 hex
 * digits of its sha256 ({@code cifar10-jpeg-train-train-43336037-ce7a347381eb7f35.bin}), so a
 * changed zip gets a new file and is never served a stale one (files of other versions of the same
 * zip and split are deleted once the new one is written). A cache file is trusted only if it holds
 * exactly one record per image entry of the zip with the entry's label, in entry order; anything
 * else (a truncated or foreign file) is rebuilt. Writing goes to a temporary file in the cache
 * folder, forced to disk, then renamed over the target, so a crash leaves either no cache file or
 * a complete one. The folder holding the zip is never written to.
 */
public final class CifarJpegCache {

    /** CIFAR-10 images are 32x32. */
    private static final int SIDE = 32;
    private static final int HASH_DIGITS = 16;

    /** What loading did with the cache. */
    public enum Outcome {
        /** A valid cache file was read; nothing was decoded. */
        HIT,
        /** There was no cache file for this zip: the JPEGs were decoded and the file written. */
        BUILT,
        /** A cache file was there but invalid (e.g. truncated): the JPEGs were decoded and it was replaced. */
        REBUILT
    }

    /**
     * The images and where they were cached.
     *
     * @param images  {@code (N, 3, 32, 32)} bytes with labels in {@link Datasets#CIFAR10_CLASSES} order,
     *                entries by class then file name
     * @param file    the cache file
     * @param outcome whether it was read or (re)built
     */
    public record Result(RawImages images, Path file, Outcome outcome) {
    }

    private CifarJpegCache() {
    }

    /**
     * The images of {@code split} (e.g. {@code train}) in {@code zip}, from the cache in
     * {@code cacheDir} when it is valid, else decoded and cached there.
     *
     * @throws CorruptDataException naming the zip (and entry) when the zip is unreadable, an entry does
     *                              not decode, or an image is not 32x32
     * @throws IllegalArgumentException when {@code cacheDir} is (inside) the folder holding {@code zip}
     */
    public static Result load(Path zip, String split, Path cacheDir) throws IOException {
        Path dataFolder = zip.toAbsolutePath().normalize().getParent();
        if (cacheDir.toAbsolutePath().normalize().startsWith(dataFolder)) {
            throw new IllegalArgumentException("the decoded cache must not go into the data folder " + dataFolder
                    + "; give a cache folder of its own (e.g. DataLocation.cacheDir)");
        }
        ImageFolder folder = ImageFolder.open(zip, split, Datasets.CIFAR10_CLASSES);
        int[] labels = folder.entries().stream().mapToInt(ImageFolder.Entry::label).toArray();
        String stem = stem(zip) + "-" + split + "-";
        Path file = cacheDir.resolve(stem + Files.size(zip) + "-"
                + DataFiles.contentSha256(zip).substring(0, HASH_DIGITS) + ".bin");
        Outcome outcome = Outcome.BUILT;
        if (Files.isRegularFile(file)) {
            Optional<RawImages> cached = readIfValid(file, labels);
            if (cached.isPresent()) {
                return new Result(cached.get(), file, Outcome.HIT);
            }
            outcome = Outcome.REBUILT;
        }
        RawImages images = folder.loadRaw(SIDE, SIDE);
        write(images, file);
        deleteOtherVersions(cacheDir, stem, file);
        return new Result(images, file, outcome);
    }

    /** The cached images when {@code file} holds exactly {@code labels.length} records with these labels. */
    private static Optional<RawImages> readIfValid(Path file, int[] labels) throws IOException {
        if (Files.size(file) != (long) labels.length * CifarBinary.RECORD_BYTES) {
            return Optional.empty();
        }
        RawImages images;
        try {
            images = CifarBinary.readRaw(file);
        } catch (CorruptDataException e) {
            return Optional.empty();
        }
        return Arrays.equals(images.labels(), labels) ? Optional.of(images) : Optional.empty();
    }

    private static void write(RawImages images, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, file.getFileName().toString(), ".part");
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                CifarBinary.write(images, out);
                out.flush();
                channel.force(true);
            }
            DataFiles.moveIntoPlace(part, file);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(part);
            }
        }
    }

    private static void deleteOtherVersions(Path dir, String stem, Path keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, stem + "*.bin")) {
            for (Path f : files) {
                if (!f.getFileName().equals(keep.getFileName())) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static String stem(Path zip) {
        String name = zip.getFileName().toString();
        return name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
    }
}
