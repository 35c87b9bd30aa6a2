package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path tmp;

    /** An IDX image file of {@code n} images of 2x3 pixels, pixel value {@code (i * 6 + k) % 256}. */
    private static byte[] images(int magic, int n, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols);
        b.putInt(magic).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < n * rows * cols; i++) {
            b.put((byte) (i % 256));
        }
        return b.array();
    }

    private static byte[] labels(int... values) {
        ByteBuffer b = ByteBuffer.allocate(8 + values.length);
        b.putInt(Idx.LABEL_MAGIC).putInt(values.length);
        for (int v : values) {
            b.put((byte) v);
        }
        return b.array();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "expected '" + p + "' in: " + e.getMessage());
        }
    }

    @Test
    void readsImagesScaledToUnitRangeInBothLayoutsGzippedOrNot() throws IOException {
        byte[] raw = images(Idx.IMAGE_MAGIC, 4, 2, 3);
        Path plain = write("imgs-idx3-ubyte", raw);
        Path gz = write("imgs-idx3-ubyte.gz", gzip(raw));
        Tensor grid = Idx.images(plain, Idx.Layout.GRID);
        Tensor flat = Idx.images(gz, Idx.Layout.FLAT);
        assertEquals(Shape.of(4, 2, 3), grid.shape());
        assertEquals(Shape.of(4, 6), flat.shape());
        assertArrayEquals(grid.data(), flat.data());
        assertEquals(7 / 255f, grid.get(1, 0, 1));
        Tensor firstTwo = Idx.images(gz, Idx.Layout.GRID, 2);
        assertArrayEquals(Arrays.copyOf(grid.data(), 12), firstTwo.data());
    }

    @Test
    void imageLayoutAddsOneGreyChannelForConvolutions() throws IOException {
        Path gz = write("imgs-idx3-ubyte.gz", gzip(images(Idx.IMAGE_MAGIC, 4, 2, 3)));
        Tensor image = Idx.images(gz, Idx.Layout.IMAGE);
        Tensor grid = Idx.images(gz, Idx.Layout.GRID);
        assertEquals(Shape.of(4, 1, 2, 3), image.shape());
        assertArrayEquals(grid.data(), image.data());
        assertEquals(grid.get(1, 0, 1), image.get(1, 0, 0, 1));
    }

    @Test
    void loadsImagesWithTheirLabels() throws IOException {
        LabelledData d = Idx.load(write("i", images(Idx.IMAGE_MAGIC, 3, 2, 2)), write("l.gz", gzip(labels(5, 0, 9))),
                Idx.Layout.FLAT);
        assertArrayEquals(new int[] {5, 0, 9}, d.labels());
        assertEquals(Shape.of(3, 4), d.inputs().shape());
    }

    @Test
    void badMagicNamesFileOffsetExpectedAndFound() throws IOException {
        Path labelsAsImages = write("train-images-idx3-ubyte", labels(1, 2, 3));
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> Idx.images(labelsAsImages, Idx.Layout.GRID));
        assertMessage(e, "train-images-idx3-ubyte", "at byte 0", "expected 2051", "found 2049");
        Path imagesAsLabels = write("labels.gz", gzip(images(Idx.IMAGE_MAGIC, 1, 1, 1)));
        e = assertThrows(CorruptDataException.class, () -> Idx.labels(imagesAsLabels));
        assertMessage(e, "labels.gz", "at byte 0", "expected 2049", "found 2051");
    }

    @Test
    void truncatedFileNamesExpectedAndFoundLength() throws IOException {
        byte[] full = images(Idx.IMAGE_MAGIC, 5, 4, 4);
        Path cut = write("cut-idx3-ubyte", Arrays.copyOf(full, full.length - 10));
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> Idx.images(cut, Idx.Layout.GRID));
        assertMessage(e, "cut-idx3-ubyte", "truncated", "expected 96 bytes", "found 86", "at byte 86");
        Path header = write("header-idx1-ubyte", new byte[] {0, 0, 8, 1, 0});
        e = assertThrows(CorruptDataException.class, () -> Idx.labels(header));
        assertMessage(e, "header-idx1-ubyte", "expected 8", "found 5");
        Path trailing = write("long-idx1-ubyte", Arrays.copyOf(labels(1, 2), 12));
        e = assertThrows(CorruptDataException.class, () -> Idx.labels(trailing));
        assertMessage(e, "long-idx1-ubyte", "at byte 10", "expected 10 bytes", "found 12");
    }

    @Test
    void truncatedGzipStreamNamesTheFile() throws IOException {
        byte[] gz = gzip(images(Idx.IMAGE_MAGIC, 50, 8, 8));
        Path cut = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> Idx.images(cut, Idx.Layout.FLAT));
        assertMessage(e, "cut.gz", "gzip");
    }

    @Test
    void imageAndLabelCountMismatchNamesBothFilesAndCounts() throws IOException {
        Path img = write("t10k-images-idx3-ubyte", images(Idx.IMAGE_MAGIC, 3, 2, 2));
        Path lab = write("t10k-labels-idx1-ubyte", labels(1, 2));
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> Idx.load(img, lab, Idx.Layout.GRID));
        assertMessage(e, "t10k-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "expected 3", "found 2");
    }

    @Test
    void zeroRowsInTheHeaderIsRejectedAtItsOffset() throws IOException {
        Path p = write("zero-idx3", images(Idx.IMAGE_MAGIC, 0, 0, 5));
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> Idx.images(p, Idx.Layout.GRID));
        assertMessage(e, "at byte 8", "row count", "found 0");
    }

    @Test
    void realMnistAndFashionTestSplitsHaveTheKnownFirstLabels() throws IOException {
        DatasetFiles mnist = RealData.files(Datasets.MNIST);
        LabelledData digits = Idx.load(mnist.file("t10k-images-idx3-ubyte"), mnist.file("t10k-labels-idx1-ubyte"),
                Idx.Layout.GRID);
        assertEquals(Shape.of(10_000, 28, 28), digits.inputs().shape());
        assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(digits.labels(), 10));
        assertPixelSum(18454, digits.inputs());

        DatasetFiles fashion = RealData.files(Datasets.FASHION_MNIST);
        LabelledData clothes = Idx.load(fashion.file("t10k-images-idx3-ubyte"),
                fashion.file("t10k-labels-idx1-ubyte"), Idx.Layout.FLAT);
        assertEquals(Shape.of(10_000, 784), clothes.inputs().shape());
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(clothes.labels(), 10));
        assertPixelSum(33456, clothes.inputs());
    }

    /** The byte sum of the first image (computed independently from the raw file). */
    private static void assertPixelSum(int expected, Tensor images) {
        double sum = 0;
        for (int i = 0; i < 784; i++) {
            sum += images.data()[i] * 255.0;
        }
        assertEquals(expected, Math.round(sum));
    }
}
