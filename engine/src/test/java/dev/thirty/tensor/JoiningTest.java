package dev.thirty.tensor;

import static dev.thirty.tensor.LayoutTest.input;
import static dev.thirty.tensor.LayoutTest.positions;
import static dev.thirty.tensor.LayoutTest.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thirty.testing.TensorGradCheck;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Slice, concat, split, chunk and stack from {@link Layout}. */
class JoiningTest {

    @Test
    void sliceMatchesTheDefinitionOnEveryAxis() {
        Tensor x = random(Seeds.generator(1), 3, 4, 5);
        for (int axis = 0; axis < 3; axis++) {
            int a = axis;
            Tensor y = Layout.slice(x, a, 1, 3);
            assertEquals(x.shape().with(a, 2), y.shape());
            for (int[] p : positions(y.shape())) {
                int[] q = p.clone();
                q[a] += 1;
                assertEquals(x.get(q), y.get(p), "slice axis " + a + " at " + Blocks.dims(p));
            }
        }
    }

    @Test
    void sliceCountsNegativeBoundsAndAxesFromTheEnd() {
        Tensor x = Tensor.arange(10);
        FloatAssert.assertIdentical("[-3, -1)", new float[] {7, 8}, Layout.slice(x, -1, -3, -1).toArray());
        FloatAssert.assertIdentical("[8, 10)", new float[] {8, 9}, Layout.slice(x, 0, 8, 10).toArray());
        assertEquals(Shape.of(0), Layout.slice(x, 0, 4, 4).shape());
    }

    @Test
    void sliceOutOfRangeNamesTheRangeAndShape() {
        Tensor x = Tensor.zeros(2, 5);
        assertEquals("slice: [3, 6) is not a valid range of axis 1 (size 5) of shape (2, 5)",
                assertThrows(IllegalArgumentException.class, () -> Layout.slice(x, 1, 3, 6)).getMessage());
        assertEquals("slice: [-1, 1) is not a valid range of axis -1 (size 5) of shape (2, 5)",
                assertThrows(IllegalArgumentException.class, () -> Layout.slice(x, -1, -1, 1)).getMessage());
        assertEquals("slice: axis 2 is out of range for shape (2, 5)",
                assertThrows(IllegalArgumentException.class, () -> Layout.slice(x, 2, 0, 1)).getMessage());
    }

    @Test
    void sliceBackwardMatchesFiniteDifferences() {
        RandomGenerator rng = Seeds.generator(2);
        TensorGradCheck.check("slice first", x -> Layout.slice(x[0], 0, 1, 3), rng, input(rng, 4, 2, 3));
        TensorGradCheck.check("slice middle", x -> Layout.slice(x[0], 1, -2, 3), rng, input(rng, 2, 4, 3));
        TensorGradCheck.check("slice last", x -> Layout.slice(x[0], -1, 0, 2), rng, input(rng, 2, 3, 4));
    }

    @Test
    void concatPlacesPartsInOrderAlongTheAxis() {
        RandomGenerator rng = Seeds.generator(3);
        Tensor a = random(rng, 2, 3);
        Tensor b = random(rng, 2, 1);
        Tensor c = Layout.concat(-1, a, b);
        assertEquals(Shape.of(2, 4), c.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(j < 3 ? a.get(i, j) : b.get(i, 0), c.get(i, j));
            }
        }
        Tensor rows = Layout.concat(0, List.of(a, random(rng, 1, 3)));
        assertEquals(Shape.of(3, 3), rows.shape());
        FloatAssert.assertIdentical("first rows", a.toArray(), Layout.slice(rows, 0, 0, 2).toArray());
    }

    @Test
    void concatOfSplitIsTheIdentity() {
        Tensor x = random(Seeds.generator(4), 2, 6, 3);
        for (int axis : new int[] {0, 1, -1}) {
            int n = x.dim(axis);
            List<Tensor> parts = Layout.split(x, axis, 1, n - 1);
            assertEquals(x.shape().with(x.shape().axis(axis), 1), parts.get(0).shape());
            Tensor back = Layout.concat(axis, parts);
            assertEquals(x.shape(), back.shape());
            FloatAssert.assertIdentical("axis " + axis, x.toArray(), back.toArray());
        }
    }

    @Test
    void concatBackwardMatchesFiniteDifferences() {
        RandomGenerator rng = Seeds.generator(5);
        TensorGradCheck.check("concat first", x -> Layout.concat(0, x[0], x[1]), rng,
                input(rng, 1, 3, 2), input(rng, 2, 3, 2));
        TensorGradCheck.check("concat middle", x -> Layout.concat(1, x[0], x[1], x[2]), rng,
                input(rng, 2, 2, 2), input(rng, 2, 1, 2), input(rng, 2, 3, 2));
        TensorGradCheck.check("concat last", x -> Layout.concat(-1, x[0], x[1]), rng,
                input(rng, 2, 3, 3), input(rng, 2, 3, 1));
        TensorGradCheck.check("concat with itself", x -> Layout.concat(0, x[0], x[0]), rng, input(rng, 2, 2));
    }

    @Test
    void concatOfMismatchedShapesNamesThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layout.concat(1, Tensor.zeros(2, 3), Tensor.zeros(3, 3)));
        assertEquals("concat: along axis 1, part 1 has shape (3, 3) but part 0 has (2, 3);"
                + " they must agree on every other axis", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Layout.concat(0, Tensor.zeros(2, 3), Tensor.zeros(6)));
        assertEquals("concat: along axis 0, part 1 has shape (6,) but part 0 has (2, 3);"
                + " they must agree on every other axis", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Layout.concat(0));
    }

    @Test
    void splitWithWrongSizesNamesThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layout.split(Tensor.zeros(2, 5), 1, 2, 2));
        assertEquals("split: sizes [2, 2] sum to 4 but axis 1 of shape (2, 5) has size 5", e.getMessage());
    }

    @Test
    void chunkGivesTorchSizesWithASmallerLastPiece() {
        Tensor x = Tensor.arange(5);
        List<Tensor> pieces = Layout.chunk(x, 0, 3);
        assertEquals(3, pieces.size());
        FloatAssert.assertIdentical("first", new float[] {0, 1}, pieces.get(0).toArray());
        FloatAssert.assertIdentical("last", new float[] {4}, pieces.get(2).toArray());
        assertEquals(2, Layout.chunk(Tensor.arange(4), -1, 3).size());
        assertEquals(3, Layout.chunk(Tensor.zeros(2, 6), 1, 3).size());
    }

    @Test
    void chunkBackwardMatchesFiniteDifferencesForUnequalPieces() {
        RandomGenerator rng = Seeds.generator(6);
        // Reassemble the pieces in reverse so each slice's gradient lands somewhere new.
        TensorGradCheck.check("chunk", x -> Layout.concat(1, Layout.chunk(x[0], 1, 3).reversed()), rng,
                input(rng, 2, 5, 2));
        TensorGradCheck.check("split", x -> {
            List<Tensor> p = Layout.split(x[0], -1, 3, 1, 2);
            return Layout.concat(-1, p.get(2), p.get(0));
        }, rng, input(rng, 2, 6));
    }

    @Test
    void stackAddsANewAxis() {
        RandomGenerator rng = Seeds.generator(7);
        Tensor a = random(rng, 2, 3);
        Tensor b = random(rng, 2, 3);
        Tensor first = Layout.stack(0, a, b);
        assertEquals(Shape.of(2, 2, 3), first.shape());
        Tensor last = Layout.stack(-1, List.of(a, b));
        assertEquals(Shape.of(2, 3, 2), last.shape());
        for (int[] p : positions(a.shape())) {
            assertEquals(b.get(p), first.get(1, p[0], p[1]));
            assertEquals(a.get(p), last.get(p[0], p[1], 0));
        }
        assertEquals("stack: part 1 has shape (3, 2) but part 0 has (2, 3); all must be equal",
                assertThrows(IllegalArgumentException.class,
                        () -> Layout.stack(0, a, Tensor.zeros(3, 2))).getMessage());
    }

    @Test
    void stackBackwardMatchesFiniteDifferences() {
        RandomGenerator rng = Seeds.generator(8);
        TensorGradCheck.check("stack middle", x -> Layout.stack(1, x[0], x[1], x[2]), rng,
                input(rng, 2, 3), input(rng, 2, 3), input(rng, 2, 3));
    }
}
