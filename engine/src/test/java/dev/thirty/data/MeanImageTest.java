package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MeanImageTest {

    @Test
    void meanImageIsThePerPixelMeanAndSubtractsFromEveryImage() {
        Tensor images = Tensor.wrap(new float[] {1, 2, 3, 4, 3, 4, 5, 6}, Shape.of(2, 1, 2, 2));
        MeanImage mean = MeanImage.fit(images);
        assertArrayEquals(new float[] {2, 3, 4, 5}, mean.mean());
        assertArrayEquals(new float[] {-1, -1, -1, -1, 1, 1, 1, 1}, mean.subtract(images).data());
        Tensor cropped = Crops.centre(images, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> mean.subtract(cropped));
    }

    @Test
    void rawImagesGiveTheSameMeanOnTheByteScaleAndBatchesMinusIt() {
        RawImages raw = new RawImages(new byte[] {1, 2, 3, 4, 3, 4, 5, 6, (byte) 200, 0, 0, (byte) 255},
                new int[] {0, 1, 2}, 1, 2, 2);
        MeanImage mean = MeanImage.fit(raw);
        assertArrayEquals(MeanImage.fit(raw.toRawRange().inputs()).mean(), mean.mean());
        assertArrayEquals(new float[] {68, 2, 8f / 3, 265f / 3}, mean.mean(), 1e-5f);
        Tensor batch = mean.subtract(raw, new int[] {2, 0}, 0, 2);
        assertArrayEquals(new int[] {2, 1, 2, 2}, batch.shape().dims());
        assertArrayEquals(new float[] {132, -2, -8f / 3, 500f / 3, -67, 0, 1f / 3, -253f / 3}, batch.data(), 1e-4f);
        assertArrayEquals(mean.subtract(raw.toRawRange().inputs()).data(), mean.subtract(raw, null, 0, 3).data());
        assertArrayEquals(new int[] {2, 0}, raw.labels(new int[] {2, 0, 1}, 0, 2));
        RawImages wide = new RawImages(new byte[12], new int[] {0}, 3, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mean.subtract(wide, null, 0, 1));
        assertTrue(e.getMessage().contains("3x2x2 do not match"), e.getMessage());
    }

    @Test
    void aSampleIsThatManyDistinctImagesOrAllOfThem() {
        byte[] px = new byte[10];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) i;
        }
        RawImages raw = new RawImages(px, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 1);
        RawImages s = raw.sample(4, Rng.seeded(1));
        assertEquals(4, s.size());
        assertEquals(4, java.util.Arrays.stream(s.labels()).distinct().count());
        for (int i = 0; i < 4; i++) {
            assertEquals(s.labels()[i], s.pixels()[i], "each label stays with its image");
        }
        assertArrayEquals(s.labels(), raw.sample(4, Rng.seeded(1)).labels(), "seeded");
        assertSame(raw, raw.sample(0, Rng.seeded(1)));
        assertSame(raw, raw.sample(10, Rng.seeded(1)));
    }
}
