package dev.thirty.data;

import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader for the official CIFAR-10 binary batches (Krizhevsky, 2009): headerless records of
 * 3073 bytes, {@code <1 label byte><1024 R><1024 G><1024 B>}, each plane 32x32 row-major.
 * Produces images {@code (N, 3, 32, 32)} scaled to {@code [0, 1]} and labels {@code 0..9}.
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
        byte[] bytes = DataFiles.readAll(file);
        if (bytes.length % RECORD_BYTES != 0) {
            long whole = bytes.length / RECORD_BYTES;
            throw new CorruptDataException(file, whole * RECORD_BYTES, "length " + bytes.length
                    + " is not a multiple of the " + RECORD_BYTES + "-byte record: expected " + whole * RECORD_BYTES
                    + " or " + (whole + 1) * RECORD_BYTES + " bytes, found " + bytes.length + " ("
                    + bytes.length % RECORD_BYTES + " bytes of a partial record " + whole + ")");
        }
        int records = bytes.length / RECORD_BYTES;
        for (int r = 0; r < records; r++) {
            int label = bytes[r * RECORD_BYTES] & 0xff;
            if (label >= CLASSES) {
                throw new CorruptDataException(file, (long) r * RECORD_BYTES, "record " + r
                        + ": bad label: expected 0.." + (CLASSES - 1) + ", found " + label);
            }
        }
        int n = Math.min(limit, records);
        float[] x = new float[n * PIXELS];
        int[] y = new int[n];
        for (int r = 0; r < n; r++) {
            int base = r * RECORD_BYTES;
            y[r] = bytes[base];
            // the record's R, G, B planes are already (3, 32, 32) row-major
            for (int i = 0; i < PIXELS; i++) {
                x[r * PIXELS + i] = (bytes[base + 1 + i] & 0xff) / 255f;
            }
        }
        return new LabelledData(Tensor.wrap(x, Shape.of(n, 3, SIDE, SIDE)), y);
    }

    /** Every record of several batch files in order, e.g. {@code data_batch_1.bin .. data_batch_5.bin}. */
    public static LabelledData readAll(List<Path> files) throws IOException {
        List<LabelledData> parts = new ArrayList<>();
        int total = 0;
        for (Path f : files) {
            LabelledData part = read(f);
            parts.add(part);
            total += part.size();
        }
        float[] x = new float[Math.multiplyExact(total, PIXELS)];
        int[] y = new int[total];
        int at = 0;
        for (LabelledData part : parts) {
            System.arraycopy(part.inputs().data(), 0, x, at * PIXELS, part.size() * PIXELS);
            System.arraycopy(part.labels(), 0, y, at, part.size());
            at += part.size();
        }
        return new LabelledData(Tensor.wrap(x, Shape.of(total, 3, SIDE, SIDE)), y);
    }
}
