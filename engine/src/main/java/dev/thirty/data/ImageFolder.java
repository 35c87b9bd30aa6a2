package dev.thirty.data;

import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An image-classification set stored as {@code <split>/<class>/<file>.{png,jpg,jpeg}}, either
 * as a folder or inside a zip archive. The label of an image is the index of its class folder in
 * a given class list, or in the sorted folder names when no list is given. Other files and
 * deeper folders are ignored.
 *
 * <p>Images decode to {@code (N, 3, H, W)} floats in {@code [0, 1]}; all must have one size.
 * Entries are ordered by label, then by file name. Opening only lists the entries; pixels are
 * decoded by {@link #load(List)} (floats) or {@link #loadRaw(List, int, int)} (bytes), which can
 * take a subset (e.g. {@link #firstPerClass(int)}).
 */
public final class ImageFolder {

    /**
     * One image.
     *
     * @param path  its path inside the source, with {@code /} separators, e.g. {@code test/cat/0007.jpg}
     * @param label index of its class
     */
    public record Entry(String path, int label) {
    }

    private final Path source;
    private final List<String> classes;
    private final List<Entry> entries;

    private ImageFolder(Path source, List<String> classes, List<Entry> entries) {
        this.source = source;
        this.classes = List.copyOf(classes);
        this.entries = List.copyOf(entries);
    }

    /** The images of {@code split} in {@code source} (a folder or a zip), classes from sorted folder names. */
    public static ImageFolder open(Path source, String split) throws IOException {
        return open(source, split, null);
    }

    /**
     * The images of {@code split} in {@code source}, labelled by position in {@code classes}
     * ({@code null}: the sorted folder names).
     *
     * @throws CorruptDataException when an image sits in a folder not in {@code classes}, or the
     *                              split holds no images
     */
    public static ImageFolder open(Path source, String split, List<String> classes) throws IOException {
        List<String[]> found = new ArrayList<>(); // {class, path}
        for (String path : listFiles(source)) {
            String[] parts = path.split("/");
            if (parts.length == 3 && parts[0].equals(split) && isImage(parts[2])) {
                found.add(new String[] {parts[1], path});
            }
        }
        if (found.isEmpty()) {
            throw new CorruptDataException(source.getFileName().toString(), -1, "no images found: expected entries"
                    + " like " + split + "/<class>/<file>.png|jpg", null);
        }
        List<String> names = classes != null ? List.copyOf(classes)
                : List.copyOf(new TreeSet<>(found.stream().map(f -> f[0]).toList()));
        List<Entry> entries = new ArrayList<>(found.size());
        for (String[] f : found) {
            int label = names.indexOf(f[0]);
            if (label < 0) {
                throw new CorruptDataException(source.getFileName().toString(), -1, "entry " + f[1]
                        + ": unknown class '" + f[0] + "': expected one of " + names, null);
            }
            entries.add(new Entry(f[1], label));
        }
        entries.sort(Comparator.comparingInt(Entry::label).thenComparing(Entry::path));
        return new ImageFolder(source, names, entries);
    }

    public Path source() {
        return source;
    }

    /** Class names in label order. */
    public List<String> classes() {
        return classes;
    }

    /** Every image, ordered by label then path. */
    public List<Entry> entries() {
        return entries;
    }

    /** The first {@code k} images of each class (fewer where a class has fewer), by label then path. */
    public List<Entry> firstPerClass(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("images per class must be non-negative, got " + k);
        }
        int[] taken = new int[classes.size()];
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (taken[e.label()]++ < k) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every image, decoded. */
    public LabelledData load() throws IOException {
        return load(entries);
    }

    /**
     * The given entries, decoded in order to {@code (N, 3, H, W)}.
     *
     * @throws CorruptDataException naming the entry that does not decode, or whose size differs
     *                              from the first image's
     */
    public LabelledData load(List<Entry> selection) throws IOException {
        int n = selection.size();
        float[][] x = new float[1][];
        int[] size = new int[2]; // {H, W} of the first image
        decodeEach(selection, (i, e, image) -> {
            if (i == 0) {
                size[0] = image.getHeight();
                size[1] = image.getWidth();
                x[0] = new float[Math.multiplyExact(n, 3 * size[0] * size[1])];
            } else {
                requireSize(e, image, size[0], size[1], "mixed image sizes", "(as " + selection.get(0).path() + ")");
            }
            Images.toChannels(image, x[0], i * 3 * size[0] * size[1]);
        });
        return new LabelledData(Tensor.wrap(x[0], Shape.of(n, 3, size[0], size[1])), labels(selection)); // (N, 3, H, W)
    }

    /** Every image, decoded to bytes {@code 0..255}; each must be {@code height x width}. */
    public RawImages loadRaw(int height, int width) throws IOException {
        return loadRaw(entries, height, width);
    }

    /**
     * The given entries, decoded in order to {@code (N, 3, height, width)} bytes {@code 0..255}.
     *
     * @throws CorruptDataException naming the entry that does not decode or is not {@code height x width}
     */
    public RawImages loadRaw(List<Entry> selection, int height, int width) throws IOException {
        int row = 3 * height * width;
        byte[] x = new byte[Math.multiplyExact(selection.size(), row)];
        decodeEach(selection, (i, e, image) -> {
            requireSize(e, image, height, width, "wrong image size", "");
            Images.toChannelBytes(image, x, i * row);
        });
        return new RawImages(x, labels(selection), 3, height, width);
    }

    /** Receives image {@code index} of a selection, decoded. */
    @FunctionalInterface
    private interface Decoded {
        void accept(int index, Entry entry, BufferedImage image) throws IOException;
    }

    private void decodeEach(List<Entry> selection, Decoded out) throws IOException {
        if (selection.isEmpty()) {
            throw new IllegalArgumentException("no entries to load from " + source.getFileName());
        }
        try (Reader reader = reader(source)) {
            for (int i = 0; i < selection.size(); i++) {
                Entry e = selection.get(i);
                try (InputStream in = reader.open(e.path())) {
                    out.accept(i, e, Images.decode(in, source.getFileName() + "!" + e.path()));
                }
            }
        }
    }

    private void requireSize(Entry e, BufferedImage image, int h, int w, String problem, String why)
            throws CorruptDataException {
        if (image.getHeight() != h || image.getWidth() != w) {
            throw new CorruptDataException(source.getFileName() + "!" + e.path(), -1, problem + ": expected " + h
                    + "x" + w + (why.isEmpty() ? "" : " " + why) + ", found " + image.getHeight() + "x"
                    + image.getWidth(), null);
        }
    }

    private static int[] labels(List<Entry> selection) {
        return selection.stream().mapToInt(Entry::label).toArray();
    }

    private static boolean isImage(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg");
    }

    /** Paths of all regular files under {@code source}, relative, with {@code /} separators. */
    private static List<String> listFiles(Path source) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> walk = Files.walk(source, 3)) {
                return walk.filter(Files::isRegularFile)
                        .map(p -> source.relativize(p).toString().replace('\\', '/'))
                        .toList();
            }
        }
        try (ZipFile zip = openZip(source)) {
            return zip.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).toList();
        }
    }

    private static ZipFile openZip(Path source) throws IOException {
        try {
            return new ZipFile(source.toFile());
        } catch (ZipException e) {
            throw new CorruptDataException(source.getFileName().toString(), -1, "neither a folder nor a readable"
                    + " zip archive: " + e.getMessage(), e);
        }
    }

    /** Opens entries by path, from a folder or a zip; closing releases the zip. */
    private interface Reader extends AutoCloseable {
        InputStream open(String path) throws IOException;

        @Override
        void close() throws IOException;
    }

    private static Reader reader(Path source) throws IOException {
        if (Files.isDirectory(source)) {
            return new Reader() {
                public InputStream open(String path) throws IOException {
                    return Files.newInputStream(source.resolve(path));
                }

                public void close() {
                }
            };
        }
        ZipFile zip = openZip(source);
        return new Reader() {
            public InputStream open(String path) throws IOException {
                ZipEntry entry = zip.getEntry(path);
                if (entry == null) {
                    throw new CorruptDataException(source.getFileName().toString(), -1, "no entry " + path, null);
                }
                return zip.getInputStream(entry);
            }

            public void close() throws IOException {
                zip.close();
            }
        };
    }
}
