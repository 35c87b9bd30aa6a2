package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HoldOutTest {

    /** Example i has input value i and label i, so rows can be traced. */
    private static LabelledData traced(int n) {
        float[] x = new float[n * 2];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = i;
        }
        return new LabelledData(Tensor.wrap(x, Shape.of(n, 2)), IntStream.range(0, n).toArray());
    }

    @Test
    void splitPartitionsEveryExampleOnceAndIsFixedByTheSeed() {
        HoldOut a = HoldOut.split(traced(50), 10, Rng.seeded(7));
        HoldOut b = HoldOut.split(traced(50), 10, Rng.seeded(7));
        assertEquals(40, a.train().size());
        assertEquals(10, a.heldOut().size());
        int[] all = IntStream.concat(Arrays.stream(a.train().labels()), Arrays.stream(a.heldOut().labels()))
                .sorted().toArray();
        assertArrayEquals(IntStream.range(0, 50).toArray(), all);
        assertArrayEquals(a.heldOut().labels(), b.heldOut().labels());
        assertEquals(a.heldOut().labels()[3], (int) a.heldOut().inputs().get(3, 1), "inputs follow their labels");
        assertFalse(Arrays.equals(a.heldOut().labels(), HoldOut.split(traced(50), 10, Rng.seeded(8)).heldOut()
                .labels()), "another seed, another split");
        assertFalse(Arrays.equals(IntStream.range(40, 50).toArray(), a.heldOut().labels()), "shuffled, not the tail");
    }

    @Test
    void batchesCutOneSeededPermutationIntoConsecutivePieces() {
        List<int[]> batches = HoldOut.batches(23, 5, Rng.seeded(1));
        assertEquals(5, batches.size());
        assertEquals(3, batches.get(4).length, "the last batch takes the rest");
        int[] joined = batches.stream().flatMapToInt(Arrays::stream).toArray();
        assertArrayEquals(Shuffle.permutation(23, Rng.seeded(1)), joined);
        assertThrows(IllegalArgumentException.class, () -> HoldOut.split(traced(5), 6, Rng.seeded(1)));
    }
}
