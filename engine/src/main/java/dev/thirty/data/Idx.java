package dev.thirty.data;

import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Reader for the IDX files of MNIST and Fashion-MNIST (LeCun et al.), gzip-compressed or not.
 *
 * <p>Layout, big-endian: images are {@code int32 magic = 2051 (0x00000803), int32 count,
 * int32 rows, int32 cols}, then {@code count * rows * cols} unsigned bytes, row-major; labels are
 * {@code int32 magic = 2049 (0x00000801), int32 count}, then {@code count} unsigned bytes. The
 * magic's low byte is the number of dimensions, its third byte the element type (8 = ubyte).
 * Pixels are scaled to {@code [0, 1]} by dividing by 255.
 *
 * <p>Every check names the file and byte offset (in decompressed bytes) and gives expected vs
 * found: the magic number, the header, positive dimensions, and the exact length implied by
 * the counts (neither truncated nor with trailing bytes).
 */
public final class Idx {

    /** Magic number of an IDX image file: unsigned bytes, 3 dimensions. */
    public static final int IMAGE_MAGIC = 0x00000803;
    /** Magic number of an IDX label file: unsigned bytes, 1 dimension. */
    public static final int LABEL_MAGIC = 0x00000801;

    /** How image tensors are shaped. */
    public enum Layout {
        /** {@code (N, rows, cols)}. */
        GRID,
        /** {@code (N, rows * cols)}, one flat row per image, as an MLP takes it. */
        FLAT,
        /** {@code (N, 1, rows, cols)}: one grey channel, as a convolution takes images. */
        IMAGE
    }

    private Idx() {
    }

    /** All images of {@code file}, scaled to {@code [0, 1]}. */
    public static Tensor images(Path file, Layout layout) throws IOException {
        return images(file, layout, Integer.MAX_VALUE);
    }

    /**
     * The first {@code min(limit, count)} images of {@code file}, scaled to {@code [0, 1]}; the
     * whole file is still validated.
     */
    public static Tensor images(Path file, Layout layout, int limit) throws IOException {
        if (limit < 0) {
            throw new IllegalArgumentException("image limit must be non-negative, got " + limit);
        }
        ByteBuffer buf = ByteBuffer.wrap(DataFiles.readAll(file));
        checkHeader(file, buf, IMAGE_MAGIC, "images", 16);
        int count = nonNegative(file, buf, 4, "image count");
        int rows = positive(file, buf, 8, "row count");
        int cols = positive(file, buf, 12, "column count");
        checkLength(file, buf, 16, (long) count * rows * cols,
                count + " images of " + rows + "x" + cols);
        int n = Math.min(limit, count);
        int pixels = rows * cols;
        float[] x = new float[Math.multiplyExact(n, pixels)];
        byte[] bytes = buf.array();
        for (int i = 0; i < x.length; i++) {
            x[i] = (bytes[16 + i] & 0xff) / 255f;
        }
        Shape shape = switch (layout) {
            case GRID -> Shape.of(n, rows, cols);
            case FLAT -> Shape.of(n, pixels);
            case IMAGE -> Shape.of(n, 1, rows, cols);
        };
        return Tensor.wrap(x, shape);
    }

    /** All labels of {@code file}, as unsigned byte values. */
    public static int[] labels(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(DataFiles.readAll(file));
        checkHeader(file, buf, LABEL_MAGIC, "labels", 8);
        int count = nonNegative(file, buf, 4, "label count");
        checkLength(file, buf, 8, count, count + " labels");
        int[] y = new int[count];
        byte[] bytes = buf.array();
        for (int i = 0; i < count; i++) {
            y[i] = bytes[8 + i] & 0xff;
        }
        return y;
    }

    /**
     * Images and labels together, checking that both files hold the same number of examples.
     *
     * @throws CorruptDataException naming both files and both counts when they disagree
     */
    public static LabelledData load(Path images, Path labels, Layout layout) throws IOException {
        Tensor x = images(images, layout);
        int[] y = labels(labels);
        if (y.length != x.dim(0)) {
            throw new CorruptDataException(labels, "count mismatch: expected " + x.dim(0) + " labels (the image count of "
                    + images.getFileName() + "), found " + y.length);
        }
        return new LabelledData(x, y);
    }

    private static void checkHeader(Path file, ByteBuffer buf, int magic, String what, int headerBytes)
            throws CorruptDataException {
        if (buf.capacity() >= 4 && buf.getInt(0) != magic) {
            int found = buf.getInt(0);
            throw new CorruptDataException(file, 0, "bad magic number: expected " + magic + " (IDX " + what
                    + "), found " + found + describeMagic(found));
        }
        if (buf.capacity() < headerBytes) {
            throw new CorruptDataException(file, buf.capacity(), "truncated header: expected " + headerBytes
                    + " header bytes for IDX " + what + ", found " + buf.capacity());
        }
    }

    private static String describeMagic(int found) {
        return switch (found) {
            case IMAGE_MAGIC -> " (IDX images)";
            case LABEL_MAGIC -> " (IDX labels)";
            default -> (found >>> 16) == 0x1f8b ? " (a gzip header inside the decompressed data?)" : "";
        };
    }

    private static int nonNegative(Path file, ByteBuffer buf, int offset, String what) throws CorruptDataException {
        int v = buf.getInt(offset);
        if (v < 0) {
            throw new CorruptDataException(file, offset, "bad " + what + ": expected >= 0, found " + v);
        }
        return v;
    }

    private static int positive(Path file, ByteBuffer buf, int offset, String what) throws CorruptDataException {
        int v = buf.getInt(offset);
        if (v <= 0) {
            throw new CorruptDataException(file, offset, "bad " + what + ": expected > 0, found " + v);
        }
        return v;
    }

    private static void checkLength(Path file, ByteBuffer buf, int header, long payload, String what)
            throws CorruptDataException {
        long expected = header + payload;
        long found = buf.capacity();
        if (found < expected) {
            throw new CorruptDataException(file, found, "truncated: header says " + what + ", expected "
                    + expected + " bytes, found " + found);
        }
        if (found > expected) {
            throw new CorruptDataException(file, expected, "trailing data: header says " + what + ", expected "
                    + expected + " bytes, found " + found);
        }
    }
}
