package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
