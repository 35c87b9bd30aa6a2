package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LabelledDataTest {

    private static final LabelledData DATA = new LabelledData(
            Tensor.wrap(new float[] {0, 1, 10, 11, 20, 21, 30, 31}, Shape.of(4, 2)), new int[] {5, 6, 7, 8});

    @Test
    void aSliceIsACopyOfConsecutiveExamples() {
        LabelledData s = DATA.slice(1, 3);
        assertArrayEquals(new int[] {2, 2}, s.inputs().shape().dims());
        assertArrayEquals(new float[] {10, 11, 20, 21}, s.inputs().data());
        assertArrayEquals(new int[] {6, 7}, s.labels());
        s.inputs().data()[0] = -1;
        assertEquals(10, DATA.inputs().data()[2], "the slice does not share the data");
        assertEquals(0, DATA.slice(4, 4).size());
        assertArrayEquals(new int[] {5, 6, 7}, DATA.first(3).labels());
    }

    @Test
    void aSliceOutsideTheExamplesIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DATA.slice(2, 5));
        assertEquals("range [2, 5) is outside 4 examples", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DATA.first(5));
    }
}
