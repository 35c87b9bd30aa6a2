package dev.thirty.tensor;

import static dev.thirty.tensor.LayoutTest.input;
import static dev.thirty.tensor.LayoutTest.positions;
import static dev.thirty.tensor.LayoutTest.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thirty.testing.TensorGradCheck;
import dev.thirty.testing.TensorGradCheck.Input;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class IndexingTest {

    @Test
    void indexSelectGathersSlicesInIndexOrder() {
        Tensor x = random(Seeds.generator(1), 3, 4, 2);
        int[] idx = {3, 0, 3};
        Tensor y = Indexing.indexSelect(x, 1, idx);
        assertEquals(Shape.of(3, 3, 2), y.shape());
        for (int[] p : positions(y.shape())) {
            assertEquals(x.get(p[0], idx[p[1]], p[2]), y.get(p));
        }
        assertEquals(Shape.of(2, 4, 2), Indexing.indexSelect(x, 0, new int[] {2, 2}).shape());
        assertEquals(Shape.of(3, 4, 1), Indexing.indexSelect(x, -1, new int[] {1}).shape());
    }

    @Test
    void indexSelectBackwardAccumulatesRepeatedIndices() {
        RandomGenerator rng = Seeds.generator(2);
        TensorGradCheck.check("indexSelect first", x -> Indexing.indexSelect(x[0], 0, new int[] {2, 0, 2, 2}),
                rng, input(rng, 3, 2));
        TensorGradCheck.check("indexSelect middle", x -> Indexing.indexSelect(x[0], 1, new int[] {1, 1}),
                rng, input(rng, 2, 3, 2));
        TensorGradCheck.check("indexSelect last", x -> Indexing.indexSelect(x[0], -1, new int[] {0, 3, 0}),
                rng, input(rng, 2, 2, 4));
        Tensor leaf = Tensor.vector(1f, 2f, 3f).requiringGrad();
        Indexing.indexSelect(leaf, 0, new int[] {2, 2, 0}).backward(Tensor.ones(3));
        FloatAssert.assertIdentical("counts", new float[] {1f, 0f, 2f}, leaf.grad().toArray());
    }

    @Test
    void indexSelectOutOfRangeNamesTheIndexAndPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Indexing.indexSelect(Tensor.zeros(2, 5), -1, new int[] {0, 5}));
        assertEquals("indexSelect: index 5 at position 1 is out of range [0, 5) for axis -1 of shape (2, 5)",
                e.getMessage());
    }

    @Test
    void embeddingLooksUpRowsShapedLikeTheIds() {
        Tensor w = random(Seeds.generator(3), 5, 3);
        int[] ids = {4, 0, 4, 2, 1, 1};
        Tensor y = Indexing.embedding(w, ids, 2, 3);
        assertEquals(Shape.of(2, 3, 3), y.shape());
        for (int[] p : positions(y.shape())) {
            assertEquals(w.get(ids[p[0] * 3 + p[1]], p[2]), y.get(p));
        }
        assertEquals(Shape.of(3), Indexing.embedding(w, new int[] {2}).shape());
    }

    @Test
    void embeddingBackwardAccumulatesRepeatedIds() {
        RandomGenerator rng = Seeds.generator(4);
        TensorGradCheck.check("embedding", x -> Indexing.embedding(x[0], new int[] {1, 3, 1, 1, 0, 3}, 3, 2),
                rng, input(rng, 4, 3));
    }

    @Test
    void embeddingRejectsBadIdsWithTheirPosition() {
        Tensor w = Tensor.zeros(4, 2);
        assertEquals("embedding: id 4 at position [1, 0] is out of range [0, 4) for weight of shape (4, 2)",
                assertThrows(IllegalArgumentException.class,
                        () -> Indexing.embedding(w, new int[] {0, 1, 4, 2}, 2, 2)).getMessage());
        assertEquals("embedding: id -1 at position [0] is out of range [0, 4) for weight of shape (4, 2)",
                assertThrows(IllegalArgumentException.class,
                        () -> Indexing.embedding(w, new int[] {-1}, 1)).getMessage());
        assertEquals("embedding: 3 ids for ids shape (2, 2), which needs 4",
                assertThrows(IllegalArgumentException.class,
                        () -> Indexing.embedding(w, new int[] {0, 1, 2}, 2, 2)).getMessage());
        assertEquals("embedding: weight must be (vocabulary, dim), got shape (4,)",
                assertThrows(IllegalArgumentException.class,
                        () -> Indexing.embedding(Tensor.zeros(4), new int[] {0}, 1)).getMessage());
    }

    /** {@code gather} by its definition: {@code out[p] = x[p with p[axis] = index[p]]}. */
    private static float[] gatherReference(Tensor x, int axis, int[] index, int[] indexShape) {
        float[] out = new float[index.length];
        int k = 0;
        for (int[] p : positions(Shape.of(indexShape))) {
            int[] q = p.clone();
            q[axis] = index[k];
            out[k++] = x.get(q);
        }
        return out;
    }

    @Test
    void gatherMatchesTheDefinitionOnEveryAxis() {
        RandomGenerator rng = Seeds.generator(5);
        Tensor x = random(rng, 3, 4, 5);
        for (int axis = 0; axis < 3; axis++) {
            int[] indexShape = {2, 3, 4};
            indexShape[axis] = 6;
            int[] index = new int[Shape.of(indexShape).size()];
            for (int i = 0; i < index.length; i++) {
                index[i] = rng.nextInt(x.dim(axis));
            }
            Tensor y = Indexing.gather(x, axis - 3, index, indexShape);
            assertEquals(Shape.of(indexShape), y.shape());
            FloatAssert.assertIdentical("gather axis " + axis, gatherReference(x, axis, index, indexShape),
                    y.toArray());
        }
    }

    @Test
    void gatherBackwardMatchesFiniteDifferencesWithRepeats() {
        RandomGenerator rng = Seeds.generator(6);
        int[] index = {2, 2, 0, 1, 1, 1, 0, 2};
        TensorGradCheck.check("gather last", x -> Indexing.gather(x[0], -1, index, 2, 4), rng, input(rng, 2, 3));
        TensorGradCheck.check("gather first", x -> Indexing.gather(x[0], 0, index, 4, 2), rng, input(rng, 3, 2));
    }

    @Test
    void gatherRejectsBadIndicesNamingTheirPosition() {
        Tensor x = Tensor.zeros(2, 3);
        assertEquals("gather: index 3 at position [1, 0] is out of range [0, 3) for axis 1 of shape (2, 3)",
                assertThrows(IllegalArgumentException.class,
                        () -> Indexing.gather(x, 1, new int[] {0, 1, 3, 0}, 2, 2)).getMessage());
        assertEquals("gather: index of shape (3, 1) is larger than (2, 3) on axis 0",
                assertThrows(IllegalArgumentException.class,
                        () -> Indexing.gather(x, 1, new int[] {0, 1, 2}, 3, 1)).getMessage());
        assertEquals("gather: index of shape (2,) with 2 values does not fit tensor of shape (2, 3)"
                        + " (needs the same rank, one value per element)",
                assertThrows(IllegalArgumentException.class,
                        () -> Indexing.gather(x, 1, new int[] {0, 1}, 2)).getMessage());
    }

    @Test
    void whereChoosesElementwiseAndBroadcastsTheCondition() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new float[] {-1, -2, -3, -4, -5, -6}, 2, 3);
        boolean[] same = {true, false, true, false, false, true};
        FloatAssert.assertIdentical("same shape", new float[] {1, -2, 3, -4, -5, 6},
                Indexing.where(same, a, b).toArray());
        boolean[] columns = {false, true, true};
        FloatAssert.assertIdentical("broadcast", new float[] {-1, 2, 3, -4, 5, 6},
                Indexing.where(columns, Shape.of(3), a, b).toArray());
        FloatAssert.assertIdentical("scalar b", new float[] {0, 2, 3, 0, 5, 6},
                Indexing.where(columns, Shape.of(1, 3), a, Tensor.scalar(0f)).toArray());
    }

    @Test
    void whereBackwardRoutesTheGradientByTheCondition() {
        RandomGenerator rng = Seeds.generator(7);
        boolean[] cond = {true, false, false, true, true, false};
        TensorGradCheck.check("where", x -> Indexing.where(cond, x[0], x[1]), rng,
                input(rng, 2, 3), input(rng, 2, 3));
        TensorGradCheck.check("where broadcast", x -> Indexing.where(cond, Shape.of(3, 2), x[0], x[1]), rng,
                input(rng, 3, 1), input(rng, 2));
    }

    @Test
    void maskedFillAppliesACausalMaskToEveryHead() {
        int t = 3;
        boolean[] causal = new boolean[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                causal[i * t + j] = true;
            }
        }
        Tensor scores = random(Seeds.generator(8), 2, 2, t, t);
        Tensor y = Indexing.maskedFill(scores, causal, Shape.of(t, t), Float.NEGATIVE_INFINITY);
        for (int[] p : positions(y.shape())) {
            float expected = p[3] > p[2] ? Float.NEGATIVE_INFINITY : scores.get(p);
            assertEquals(expected, y.get(p));
        }
    }

    @Test
    void maskedFillHasZeroGradientWhereFilled() {
        RandomGenerator rng = Seeds.generator(9);
        boolean[] mask = {true, false, false, true};
        TensorGradCheck.check("maskedFill", x -> Indexing.maskedFill(x[0], mask, Shape.of(2, 1, 2), -5f), rng,
                input(rng, 2, 3, 2));
        Tensor leaf = Tensor.ones(2, 2).requiringGrad();
        Indexing.maskedFill(leaf, new boolean[] {false, true}, Shape.of(2), 0f).backward(Tensor.ones(2, 2));
        FloatAssert.assertIdentical("zero where filled", new float[] {1, 0, 1, 0}, leaf.grad().toArray());
    }

    @Test
    void maskedFillRejectsAMaskThatDoesNotBroadcast() {
        Tensor x = Tensor.zeros(2, 4, 4);
        assertEquals("maskedFill: cannot broadcast mask of shape (3, 3) to (2, 4, 4): dimension -2 is 3,"
                        + " not 1 or 4",
                assertThrows(IllegalArgumentException.class,
                        () -> Indexing.maskedFill(x, new boolean[9], Shape.of(3, 3), 0f)).getMessage());
        assertEquals("maskedFill: mask has 8 values but shape (3, 3) needs 9",
                assertThrows(IllegalArgumentException.class,
                        () -> Indexing.maskedFill(x, new boolean[8], Shape.of(3, 3), 0f)).getMessage());
    }

    @Test
    void indexInputsAreNotDifferentiated() {
        RandomGenerator rng = Seeds.generator(10);
        TensorGradCheck.check("where with constant b", x -> Indexing.where(new boolean[] {true, false}, x[0], x[1]),
                rng, input(rng, 2), Input.constant(new float[] {3f, 4f}, 2));
    }
}
