package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.data.Cifar10.Loaded;
import dev.thirty.data.Cifar10.Source;
import dev.thirty.data.Cifar10.Split;
import dev.thirty.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10Test {

    @TempDir
    Path tmp;

    private DataLocation location() {
        return new DataLocation(tmp.resolve("data"), null, tmp.resolve("user-cache"));
    }

    @Test
    void jpegCopyIsFoundThroughTheDataFolderAndCachedInTheUserCache() throws IOException {
        Map<String, byte[]> entries = TestJpegs.cifarLike();
        TestJpegs.zip(tmp.resolve("data/cifar10-jpeg/cifar10-jpeg-train.zip"), entries);
        TestJpegs.zip(tmp.resolve("data/cifar10-jpeg/cifar10-jpeg-test.zip"), entries);
        DataLocation location = location();
        Loaded train = Cifar10.load(location, Split.TRAIN);
        Loaded test = Cifar10.load(location, Split.TEST);
        assertEquals(Source.JPEG, train.source());
        assertEquals(5, train.images().size());
        assertArrayEquals(new int[] {9}, test.images().labels(), "the one test image is a truck");
        try (var cached = Files.list(Cifar10.defaultCacheDir(location))) {
            assertEquals(2, cached.filter(f -> f.toString().endsWith(".bin")).count());
        }
        LabelledData unit = train.images().toUnitRange();
        LabelledData raw = train.images().toRawRange();
        assertEquals(Shape.of(5, 3, 32, 32), unit.inputs().shape());
        assertEquals(raw.inputs().get(3, 0, 1, 2) / 255f, unit.inputs().get(3, 0, 1, 2));
        assertEquals(train.images().get(3, 0, 1, 2), raw.inputs().get(3, 0, 1, 2));
    }

    @Test
    void zipsKeptInTheUserCacheAreDecodedIntoAFolderBesideThem() throws IOException {
        DataLocation location = location();
        TestJpegs.zip(location.cacheDir("cifar10-jpeg").resolve("cifar10-jpeg-test.zip"), TestJpegs.cifarLike());
        TestJpegs.zip(location.cacheDir("cifar10-jpeg").resolve("cifar10-jpeg-train.zip"), TestJpegs.cifarLike());
        assertEquals(1, Cifar10.load(location, Split.TEST).images().size());
        assertTrue(Files.isDirectory(location.cacheDir("cifar10-jpeg-decoded")));
    }

    @Test
    void binaryBatchesWinOverTheJpegCopyAndTheirLengthIsChecked() throws IOException {
        Path batches = Files.createDirectories(tmp.resolve("data").resolve(CifarBatches.FOLDER));
        List<String> all = new ArrayList<>(CifarBatches.TRAIN_FILES);
        all.add(CifarBatches.TEST_FILE);
        for (String f : all) {
            Files.write(batches.resolve(f), new byte[2 * CifarBinary.RECORD_BYTES]);
        }
        assertEquals(batches, CifarBatches.find(location()).orElseThrow());
        RawImages train = CifarBatches.read(batches, Split.TRAIN, 2);
        assertEquals(10, train.size(), "five batches of two");
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> Cifar10.load(location(), Split.TEST));
        assertTrue(e.getMessage().contains("test_batch.bin") && e.getMessage().contains("expected 10000 records")
                && e.getMessage().contains("found " + 2 * CifarBinary.RECORD_BYTES), e.getMessage());
    }

    @Test
    void neitherCopyIsAMissingDatasetError() {
        assertThrows(MissingDatasetException.class, () -> Cifar10.load(location(), Split.TRAIN));
    }

    @Test
    void realJpegsOfTheFirst200TrainingImagesAreWithinJpegErrorOfTheLosslessOnes() throws IOException {
        DatasetFiles jpeg = RealData.files(Datasets.CIFAR10_JPEG);
        DatasetFiles sample = RealData.files(Datasets.CIFAR10_SAMPLE);
        RawImages exact = CifarBinary.readRaw(sample.file("data_batch_1_first200.bin"));
        // record r is the k-th image of its class so far, i.e. train/<class>/<k>.jpg
        int[] seen = new int[CifarBinary.CLASSES];
        List<ImageFolder.Entry> same = new ArrayList<>();
        for (int label : exact.labels()) {
            String name = Datasets.CIFAR10_CLASSES.get(label);
            same.add(new ImageFolder.Entry("train/%s/%04d.jpg".formatted(name, seen[label]++), label));
        }
        ImageFolder train = ImageFolder.open(jpeg.file("cifar10-jpeg-train.zip"), "train", Datasets.CIFAR10_CLASSES);
        RawImages lossy = train.loadRaw(same, 32, 32);
        assertArrayEquals(exact.labels(), lossy.labels());
        int pixels = exact.imageSize();
        double sum = 0;
        double worst = 0;
        for (int i = 0; i < exact.size(); i++) {
            double sq = 0;
            for (int k = 0; k < pixels; k++) {
                double d = (exact.pixels()[i * pixels + k] & 0xff) - (lossy.pixels()[i * pixels + k] & 0xff);
                sq += d * d;
            }
            double rmse = Math.sqrt(sq / pixels);
            sum += rmse;
            worst = Math.max(worst, rmse);
        }
        double mean = sum / exact.size();
        // README: 7.9 mean, 13.4 max; a different image of the class is at least 17 away
        assertTrue(mean > 5 && mean < 11, "mean RMSE " + mean + " on 0..255");
        assertTrue(worst < 15, "largest RMSE " + worst + " on 0..255");
    }
}
