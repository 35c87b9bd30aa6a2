package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.Seeds;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchesTest {

    /** Ten examples of two features {@code (i, 10 i)}, label {@code i}. */
    private static LabelledData ten() {
        float[] x = new float[20];
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 10 * i;
            y[i] = i;
        }
        return new LabelledData(Tensor.wrap(x, Shape.of(10, 2)), y);
    }

    @Test
    void inOrderBatchesKeepOrDropTheShortLastBatch() {
        Batches keep = Batches.inOrder(ten(), 4, LastBatch.KEEP);
        assertEquals(3, keep.size());
        assertArrayEquals(new int[] {8, 9}, keep.get(2).labels());
        assertEquals(Shape.of(2, 2), keep.get(2).inputs().shape());
        assertArrayEquals(new float[] {4, 40, 5, 50, 6, 60, 7, 70}, keep.get(1).inputs().data());
        Batches drop = Batches.inOrder(ten(), 4, LastBatch.DROP);
        assertEquals(2, drop.size());
    }

    @Test
    void shuffledBatchesVisitEveryExampleOnceWithInputsFollowingLabels() {
        Batches batches = Batches.shuffled(ten(), 3, LastBatch.KEEP, Seeds.generator(7));
        int[] seen = new int[10];
        for (LabelledData b : batches) {
            for (int i = 0; i < b.size(); i++) {
                seen[b.labels()[i]]++;
                assertEquals(b.labels()[i], b.inputs().get(i, 0));
                assertEquals(10f * b.labels()[i], b.inputs().get(i, 1));
            }
        }
        int[] once = new int[10];
        Arrays.fill(once, 1);
        assertArrayEquals(once, seen);
    }

    @Test
    void samePermutationForTheSameSeedAndADifferentOneOtherwise() {
        int[] a = Shuffle.permutation(100, Seeds.generator(42));
        int[] b = Shuffle.permutation(100, Seeds.generator(42));
        int[] c = Shuffle.permutation(100, Seeds.generator(43));
        assertArrayEquals(a, b);
        assertNotEquals(Arrays.toString(a), Arrays.toString(c));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, sorted[i]);
        }
    }
}
