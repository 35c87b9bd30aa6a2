package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarBinaryTest {

    private static final int PIXELS = 3 * 32 * 32;

    @TempDir
    Path tmp;

    private static byte[] records(int... labels) {
        byte[] b = new byte[labels.length * CifarBinary.RECORD_BYTES];
        for (int r = 0; r < labels.length; r++) {
            b[r * CifarBinary.RECORD_BYTES] = (byte) labels[r];
            for (int i = 0; i < PIXELS; i++) {
                b[r * CifarBinary.RECORD_BYTES + 1 + i] = (byte) (r + i);
            }
        }
        return b;
    }

    @Test
    void recordsDecodeToChannelFirstImagesAndLabels() throws IOException {
        Path file = Files.write(tmp.resolve("data_batch_x.bin"), records(3, 9));
        LabelledData d = CifarBinary.read(file);
        assertEquals(Shape.of(2, 3, 32, 32), d.inputs().shape());
        assertArrayEquals(new int[] {3, 9}, d.labels());
        // record 1, green plane (offset 1024), row 2, column 5: raw byte index 1024 + 2*32 + 5
        assertEquals(((1 + 1024 + 69) & 0xff) / 255f, d.inputs().get(1, 1, 2, 5));
        assertEquals(1, CifarBinary.read(file, 1).size());
    }

    @Test
    void lengthNotAMultipleOfTheRecordSizeNamesFileExpectedAndFound() throws IOException {
        byte[] two = records(1, 2);
        Path file = Files.write(tmp.resolve("short.bin"), Arrays.copyOf(two, two.length - 7));
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> CifarBinary.read(file));
        for (String part : new String[] {"short.bin", "not a multiple of the 3073", "expected 3073 or 6146",
            "found 6139", "at byte 3073"}) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void labelOutsideZeroToNineNamesTheRecord() throws IOException {
        Path file = Files.write(tmp.resolve("labels.bin"), records(0, 9, 10));
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> CifarBinary.read(file));
        for (String part : new String[] {"labels.bin", "record 2", "at byte 6146", "expected 0..9", "found 10"}) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void realSampleMatchesTheLosslessPngsPixelForPixel() throws IOException {
        DatasetFiles files = RealData.files(Datasets.CIFAR10_SAMPLE);
        LabelledData bin = CifarBinary.read(files.file("data_batch_1_first200.bin"));
        assertEquals(200, bin.size());
        assertArrayEquals(new int[] {6, 9, 9, 4, 1, 1, 2, 7, 8, 3}, Arrays.copyOf(bin.labels(), 10));
        float[] red0 = Arrays.copyOf(bin.inputs().data(), 10);
        float[] known = {59, 43, 50, 68, 98, 119, 139, 145, 149, 149};
        for (int i = 0; i < known.length; i++) {
            assertEquals(known[i] / 255f, red0[i], "image 0 red row 0 column " + i);
        }
        try (ZipFile zip = new ZipFile(files.file("kaggle-train-first200-png.zip").toFile())) {
            String[] csv = new String(zip.getInputStream(zip.getEntry("trainLabels.csv")).readAllBytes(),
                    StandardCharsets.US_ASCII).split("\n");
            float[] png = new float[PIXELS];
            for (int r = 0; r < 200; r++) {
                String name = (r + 1) + ".png";
                try (InputStream in = zip.getInputStream(zip.getEntry("train/" + name))) {
                    Images.toChannels(Images.decode(in, name), png, 0);
                }
                float[] fromBin = Arrays.copyOfRange(bin.inputs().data(), r * PIXELS, (r + 1) * PIXELS);
                assertPixelExact(png, fromBin, name);
                assertEquals(csv[r].trim(), name + "," + Datasets.CIFAR10_CLASSES.get(bin.labels()[r]));
            }
        }
    }

    private static void assertPixelExact(float[] expected, float[] actual, String name) {
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                throw new AssertionError(name + ": first difference at (c, y, x) = (" + i / 1024 + ", "
                        + i % 1024 / 32 + ", " + i % 32 + "): png " + expected[i] * 255 + ", bin " + actual[i] * 255);
            }
        }
    }
}
