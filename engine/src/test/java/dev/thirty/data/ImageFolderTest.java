package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Shape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    @TempDir
    Path tmp;

    /** A PNG of the given size whose pixel (x, y) is RGB {@code (seed, x * 10, y * 20)}. */
    private static byte[] png(int seed, int w, int h) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (seed << 16) | ((x * 10) << 8) | (y * 20));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path file = tmp.resolve(name);
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /** Two dogs and one cat in {@code train/}, one cat in {@code test/}, and a file to ignore. */
    private static Map<String, byte[]> pets() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("train/dog/b.png", png(2, 3, 2));
        m.put("train/dog/a.png", png(1, 3, 2));
        m.put("train/cat/x.png", png(3, 3, 2));
        m.put("test/cat/y.png", png(4, 3, 2));
        m.put("train/labels.csv", new byte[] {'x'});
        return m;
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "expected '" + p + "' in: " + e.getMessage());
        }
    }

    @Test
    void zipOfFoldersLabelsBySortedClassNamesAndDecodesChannelFirst() throws IOException {
        ImageFolder set = ImageFolder.open(zip("pets.zip", pets()), "train");
        assertEquals(List.of("cat", "dog"), set.classes());
        assertEquals(List.of(new ImageFolder.Entry("train/cat/x.png", 0), new ImageFolder.Entry("train/dog/a.png", 1),
                new ImageFolder.Entry("train/dog/b.png", 1)), set.entries());
        LabelledData d = set.load();
        assertEquals(Shape.of(3, 3, 2, 3), d.inputs().shape());
        assertArrayEquals(new int[] {0, 1, 1}, d.labels());
        assertEquals(1 / 255f, d.inputs().get(1, 0, 1, 2), "red of dog a");
        assertEquals(20 / 255f, d.inputs().get(1, 1, 1, 2), "green is x * 10");
        assertEquals(20 / 255f, d.inputs().get(1, 2, 1, 2), "blue is y * 20");
    }

    @Test
    void folderOnDiskReadsTheSameAsTheZip() throws IOException {
        Path root = tmp.resolve("pets");
        for (Map.Entry<String, byte[]> e : pets().entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        LabelledData fromDir = ImageFolder.open(root, "train").load();
        LabelledData fromZip = ImageFolder.open(zip("pets.zip", pets()), "train").load();
        assertArrayEquals(fromZip.inputs().data(), fromDir.inputs().data());
        assertArrayEquals(fromZip.labels(), fromDir.labels());
    }

    @Test
    void givenClassListFixesLabelsAndSubsetsReadFirstKPerClass() throws IOException {
        ImageFolder set = ImageFolder.open(zip("pets.zip", pets()), "train", List.of("dog", "cat", "bird"));
        List<ImageFolder.Entry> firstEach = set.firstPerClass(1);
        assertEquals(List.of(new ImageFolder.Entry("train/dog/a.png", 0), new ImageFolder.Entry("train/cat/x.png", 1)),
                firstEach);
        assertArrayEquals(new int[] {0, 1}, set.load(firstEach).labels());
    }

    @Test
    void unknownClassFolderIsNamedWithTheKnownClasses() throws IOException {
        Path file = zip("pets.zip", pets());
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> ImageFolder.open(file, "train", List.of("cat")));
        assertMessage(e, "pets.zip", "train/dog/", "unknown class 'dog'", "[cat]");
    }

    @Test
    void undecodableEntryIsNamed() throws IOException {
        Map<String, byte[]> m = pets();
        m.put("train/dog/c.png", "definitely not a png".getBytes(StandardCharsets.US_ASCII));
        byte[] cut = png(5, 3, 2);
        m.put("train/dog/d.png", Arrays.copyOf(cut, cut.length / 2));
        ImageFolder set = ImageFolder.open(zip("broken.zip", m), "train");
        CorruptDataException e = assertThrows(CorruptDataException.class, set::load);
        assertMessage(e, "broken.zip!train/dog/c.png", "cannot decode");
        e = assertThrows(CorruptDataException.class,
                () -> set.load(List.of(new ImageFolder.Entry("train/dog/d.png", 1))));
        assertMessage(e, "broken.zip!train/dog/d.png", "cannot decode");
    }

    @Test
    void mixedImageSizesNameTheEntryAndBothSizes() throws IOException {
        Map<String, byte[]> m = pets();
        m.put("train/dog/e.png", png(6, 4, 4));
        ImageFolder set = ImageFolder.open(zip("mixed.zip", m), "train");
        CorruptDataException e = assertThrows(CorruptDataException.class, set::load);
        assertMessage(e, "mixed.zip!train/dog/e.png", "expected 2x3", "found 4x4");
    }

    @Test
    void missingSplitSaysWhatWasExpected() throws IOException {
        Path file = zip("pets.zip", pets());
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> ImageFolder.open(file, "valid"));
        assertMessage(e, "pets.zip", "no images", "valid/<class>/");
    }

    @Test
    void realCifarJpegTestSliceHasTwoImagesPerClassInLabelOrder() throws IOException {
        DatasetFiles files = RealData.files(Datasets.CIFAR10_JPEG);
        ImageFolder test = ImageFolder.open(files.file("cifar10-jpeg-test.zip"), "test", Datasets.CIFAR10_CLASSES);
        assertEquals(10_000, test.entries().size());
        LabelledData slice = test.load(test.firstPerClass(2));
        assertEquals(Shape.of(20, 3, 32, 32), slice.inputs().shape());
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9}, slice.labels());
    }

    @Test
    void realCifarJpegsAreCloseToTheLosslessSample() throws IOException {
        DatasetFiles jpeg = RealData.files(Datasets.CIFAR10_JPEG);
        DatasetFiles sample = RealData.files(Datasets.CIFAR10_SAMPLE);
        ImageFolder train = ImageFolder.open(jpeg.file("cifar10-jpeg-train.zip"), "train", Datasets.CIFAR10_CLASSES);
        // data_batch_1 starts frog, truck, truck: the first frog and the first two trucks of the folders
        LabelledData jpegs = train.load(List.of(new ImageFolder.Entry("train/frog/0000.jpg", 6),
                new ImageFolder.Entry("train/truck/0000.jpg", 9), new ImageFolder.Entry("train/truck/0001.jpg", 9)));
        LabelledData exact = CifarBinary.read(sample.file("data_batch_1_first200.bin"), 3);
        assertArrayEquals(exact.labels(), jpegs.labels());
        int pixels = 3 * 32 * 32;
        for (int i = 0; i < 3; i++) {
            double sq = 0;
            for (int k = 0; k < pixels; k++) {
                double d = 255.0 * (jpegs.inputs().data()[i * pixels + k] - exact.inputs().data()[i * pixels + k]);
                sq += d * d;
            }
            double rmse = Math.sqrt(sq / pixels);
            assertTrue(rmse < 14, "image " + i + ": JPEG vs lossless RMSE " + rmse + " (README: 7.9 mean, 13.4 max)");
        }
    }
}
