package dev.thirty.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader for the official CIFAR-10 binary batches (Krizhevsky, 2009): headerless records of
 * 3073 bytes, {@code <1 label byte><1024 R><1024 G><1024 B>}, each plane 32x32 row-major.
 * Produces images {@code (N, 3, 32, 32)} scaled to {@code [0, 1]} and labels {@code 0..9}, or the
 * bytes themselves ({@link #readRaw(Path)}); {@link #write} produces the same records.
 *
 * <p>The file length must be a multiple of 3073 and every label in {@code 0..9}; errors name
 * the file, the byte offset and (for labels) the record index.
 */
public final class CifarBinary {

    /** Bytes per record: one label byte and three 32x32 planes. */
    public static final int RECORD_BYTES = 1 + 3 * 32 * 32;
    /** Number of CIFAR-10 classes. */
    public static final int CLASSES = 10;

    private static final int SIDE = 32;
    private static final int PIXELS = 3 * SIDE * SIDE;

    private CifarBinary() {
    }

    /** Every record of {@code file}. */
    public static LabelledData read(Path file) throws IOException {
        return read(file, Integer.MAX_VALUE);
    }

    /** The first {@code min(limit, records)} records of {@code file}; the whole file is validated. */
    public static LabelledData read(Path file, int limit) throws IOException {
        if (limit < 0) {
            throw new IllegalArgumentException("record limit must be non-negative, got " + limit);
        }
        RawImages raw = readRaw(file);
        return (limit < raw.size() ? raw.first(limit) : raw).toUnitRange();
    }

    /** Every record of {@code file} as bytes {@code 0..255}, {@code (N, 3, 32, 32)}. */
    public static RawImages readRaw(Path file) throws IOException {
        byte[] bytes = DataFiles.readAll(file);
        if (bytes.length % RECORD_BYTES != 0) {
            long whole = bytes.length / RECORD_BYTES;
            throw new CorruptDataException(file, whole * RECORD_BYTES, "length " + bytes.length
                    + " is not a multiple of the " + RECORD_BYTES + "-byte record: expected " + whole * RECORD_BYTES
                    + " or " + (whole + 1) * RECORD_BYTES + " bytes, found " + bytes.length + " ("
                    + bytes.length % RECORD_BYTES + " bytes of a partial record " + whole + ")");
        }
        int records = bytes.length / RECORD_BYTES;
        byte[] x = new byte[records * PIXELS];
        int[] y = new int[records];
        for (int r = 0; r < records; r++) {
            int label = bytes[r * RECORD_BYTES] & 0xff;
            if (label >= CLASSES) {
                throw new CorruptDataException(file, (long) r * RECORD_BYTES, "record " + r
                        + ": bad label: expected 0.." + (CLASSES - 1) + ", found " + label);
            }
            y[r] = label;
            // the record's R, G, B planes are already (3, 32, 32) row-major
            System.arraycopy(bytes, r * RECORD_BYTES + 1, x, r * PIXELS, PIXELS);
        }
        return new RawImages(x, y, 3, SIDE, SIDE);
    }

    /** Every record of several batch files in order, e.g. {@code data_batch_1.bin .. data_batch_5.bin}. */
    public static LabelledData readAll(List<Path> files) throws IOException {
        return readAllRaw(files).toUnitRange();
    }

    /** Every record of several batch files in order, as bytes {@code 0..255}. */
    public static RawImages readAllRaw(List<Path> files) throws IOException {
        List<RawImages> parts = new ArrayList<>();
        int total = 0;
        for (Path f : files) {
            RawImages part = readRaw(f);
            parts.add(part);
            total += part.size();
        }
        byte[] x = new byte[Math.multiplyExact(total, PIXELS)];
        int[] y = new int[total];
        int at = 0;
        for (RawImages part : parts) {
            System.arraycopy(part.pixels(), 0, x, at * PIXELS, part.size() * PIXELS);
            System.arraycopy(part.labels(), 0, y, at, part.size());
            at += part.size();
        }
        return new RawImages(x, y, 3, SIDE, SIDE);
    }

    /** Writes {@code images} ({@code (N, 3, 32, 32)}, labels {@code 0..9}) as CIFAR-10 binary records. */
    public static void write(RawImages images, OutputStream out) throws IOException {
        if (images.channels() != 3 || images.height() != SIDE || images.width() != SIDE) {
            throw new IllegalArgumentException("CIFAR records hold 3x32x32 images, got " + images.channels() + "x"
                    + images.height() + "x" + images.width());
        }
        byte[] record = new byte[RECORD_BYTES];
        for (int r = 0; r < images.size(); r++) {
            int label = images.labels()[r];
            if (label < 0 || label >= CLASSES) {
                throw new IllegalArgumentException("image " + r + ": label " + label + " is outside 0.." + (CLASSES - 1));
            }
            record[0] = (byte) label;
            System.arraycopy(images.pixels(), r * PIXELS, record, 1, PIXELS);
            out.write(record);
        }
    }
}
