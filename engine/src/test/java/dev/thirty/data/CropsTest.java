package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.data.Crops.Flip;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CropsTest {

    /** Sample (n, c, y, x) = 1000 n + 100 c + 10 y + x + 1 (never 0, so padding is visible). */
    private static Tensor coded(int n, int c, int h, int w) {
        float[] x = new float[n * c * h * w];
        int i = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < c; b++) {
                for (int y = 0; y < h; y++) {
                    for (int z = 0; z < w; z++) {
                        x[i++] = 1000 * a + 100 * b + 10 * y + z + 1;
                    }
                }
            }
        }
        return Tensor.wrap(x, Shape.of(n, c, h, w));
    }

    @Test
    void randomCropsAreContiguousPatchesAtSeededOffsetsAndCoverEveryOffset() {
        Tensor images = coded(200, 3, 8, 8);
        Tensor crops = Crops.random(images, 5, 5, Flip.NONE, Rng.seeded(4));
        assertEquals(Shape.of(200, 3, 5, 5), crops.shape());
        assertArrayEquals(crops.data(), Crops.random(images, 5, 5, Flip.NONE, Rng.seeded(4)).data());
        Set<Integer> offsets = new HashSet<>();
        for (int n = 0; n < 200; n++) {
            float origin = crops.get(n, 0, 0, 0) - 1000 * n - 1; // 10 y0 + x0
            offsets.add((int) origin);
            for (int c = 0; c < 3; c++) {
                assertEquals(1000 * n + 100 * c + origin + 10 * 4 + 4 + 1, crops.get(n, c, 4, 4), "image " + n);
            }
        }
        assertEquals(16, offsets.size(), "every one of the 4x4 offsets occurs");
    }

    @Test
    void randomFlipsReflectAboutHalfTheImagesLeftRight() {
        Tensor images = coded(400, 1, 4, 4);
        Tensor out = Crops.random(images, 4, 4, Flip.RANDOM, Rng.seeded(9));
        int flipped = 0;
        for (int n = 0; n < 400; n++) {
            boolean mirrored = out.get(n, 0, 2, 0) == images.get(n, 0, 2, 3);
            assertEquals(mirrored ? images.get(n, 0, 1, 0) : images.get(n, 0, 1, 3), out.get(n, 0, 1, 3));
            flipped += mirrored ? 1 : 0;
        }
        assertTrue(flipped > 160 && flipped < 240, flipped + " of 400 flipped");
    }

    @Test
    void centreCropAndTenCropsTakeThePaperPatches() {
        Tensor images = coded(2, 3, 32, 32);
        Tensor centre = Crops.centre(images, 24, 24);
        assertEquals(Shape.of(2, 3, 24, 24), centre.shape());
        assertEquals(images.get(1, 2, 4, 4), centre.get(1, 2, 0, 0));
        List<Tensor> ten = Crops.tenCrops(images, 24, 24);
        assertEquals(10, ten.size());
        assertArrayEquals(centre.data(), ten.get(4).data());
        assertEquals(images.get(0, 0, 8, 8), ten.get(3).get(0, 0, 0, 0), "bottom-right");
        assertEquals(images.get(0, 0, 0, 23), ten.get(5).get(0, 0, 0, 0), "top-left, reflected");
    }

    @Test
    void paddedCropsKeepTheSizeAndReadZerosOutsideTheImage() {
        Tensor images = coded(300, 1, 6, 6);
        Tensor out = Crops.randomPadded(images, 2, Flip.NONE, Rng.seeded(5));
        assertEquals(images.shape(), out.shape());
        boolean sawPadding = false;
        for (int n = 0; n < 300; n++) {
            sawPadding |= out.get(n, 0, 0, 0) == 0;
        }
        assertTrue(sawPadding);
        assertFalse(java.util.Arrays.equals(images.data(), out.data()));
        assertThrows(IllegalArgumentException.class, () -> Crops.random(images, 7, 6, Flip.NONE, Rng.seeded(1)));
    }
}
