package dev.thirty.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thirty.testing.TensorGradCheck;
import dev.thirty.testing.TensorGradCheck.Input;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Reshapes, permutations and broadcastTo. Slicing and joining are in {@link JoiningTest}. */
class LayoutTest {

    static Tensor random(RandomGenerator rng, int... shape) {
        return Tensor.of(Seeds.uniform(rng, Shape.of(shape).size(), -1, 1), shape);
    }

    static Input input(RandomGenerator rng, int... shape) {
        return Input.of(Seeds.uniform(rng, Shape.of(shape).size(), -1, 1), shape);
    }

    /** Every multi-index of {@code shape}, row-major. */
    static List<int[]> positions(Shape shape) {
        List<int[]> out = new ArrayList<>();
        int[] dims = shape.dims();
        int[] idx = new int[dims.length];
        for (int n = 0; n < shape.size(); n++) {
            out.add(idx.clone());
            for (int d = dims.length - 1; d >= 0 && ++idx[d] == dims[d]; d--) {
                idx[d] = 0;
            }
        }
        return out;
    }

    /** All permutations of {@code 0..n-1}. */
    static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] prefix, boolean[] used, int at, List<int[]> out) {
        if (at == prefix.length) {
            out.add(prefix.clone());
            return;
        }
        for (int v = 0; v < prefix.length; v++) {
            if (!used[v]) {
                used[v] = true;
                prefix[at] = v;
                permute(prefix, used, at + 1, out);
                used[v] = false;
            }
        }
    }

    // ---- reshapes --------------------------------------------------------------------------------

    @Test
    void reshapeInfersMinusOneAndSharesStorage() {
        Tensor x = random(Seeds.generator(1), 2, 3, 4);
        Tensor y = Layout.reshape(x, 4, -1);
        assertEquals(Shape.of(4, 6), y.shape());
        assertSame(x.data(), y.data());
        Tensor back = Layout.reshape(y, 2, 3, 4);
        assertEquals(x.shape(), back.shape());
        FloatAssert.assertIdentical("round trip", x.toArray(), back.toArray());
    }

    @Test
    void reshapeIntoAnotherSizeNamesBothShapes() {
        Tensor x = Tensor.zeros(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Layout.reshape(x, 4, 2));
        assertEquals("reshape: cannot reshape (2, 3) into (4, 2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Layout.reshape(x, 4, -1));
        assertEquals("reshape: cannot reshape (2, 3) into (4, -1)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Layout.reshape(x, -1, -1));
        assertEquals("reshape: cannot reshape (2, 3) into (-1, -1): only one dimension may be -1"
                + " and none other negative", e.getMessage());
    }

    @Test
    void flattenSqueezeAndUnsqueezeChangeOnlyTheShape() {
        Tensor x = random(Seeds.generator(2), 2, 3, 4, 5);
        assertEquals(Shape.of(2, 60), Layout.flatten(x, 1, -1).shape());
        assertEquals(Shape.of(6, 4, 5), Layout.flatten(x, 0, 1).shape());
        assertEquals(Shape.of(2, 3, 4, 5), Layout.flatten(x, 2, 2).shape());
        Tensor u = Layout.unsqueeze(x, -1);
        assertEquals(Shape.of(2, 3, 4, 5, 1), u.shape());
        assertEquals(Shape.of(1, 2, 3, 4, 5), Layout.unsqueeze(x, 0).shape());
        assertEquals(Shape.of(2, 3, 1, 4, 5), Layout.unsqueeze(x, -3).shape());
        Tensor s = Layout.squeeze(u, 4);
        assertEquals(x.shape(), s.shape());
        assertSame(x.data(), s.data());
    }

    @Test
    void reshapesPassTheGradientThrough() {
        RandomGenerator rng = Seeds.generator(3);
        TensorGradCheck.check("reshape", x -> Layout.reshape(x[0], -1, 2), rng, input(rng, 3, 2, 2));
        TensorGradCheck.check("flatten", x -> Layout.flatten(x[0], -2, -1), rng, input(rng, 2, 3, 2));
        TensorGradCheck.check("unsqueeze+squeeze",
                x -> Layout.squeeze(Layout.unsqueeze(x[0], 1), 1), rng, input(rng, 3, 4));
    }

    @Test
    void badAxesNameTheOpAndShape() {
        Tensor x = Tensor.zeros(2, 3);
        assertEquals("squeeze: axis 1 of shape (2, 3) has size 3, not 1",
                assertThrows(IllegalArgumentException.class, () -> Layout.squeeze(x, 1)).getMessage());
        assertEquals("squeeze: axis 2 is out of range for shape (2, 3)",
                assertThrows(IllegalArgumentException.class, () -> Layout.squeeze(x, 2)).getMessage());
        assertEquals("unsqueeze: axis 3 is out of range for inserting an axis into (2, 3) (allowed -3 to 2)",
                assertThrows(IllegalArgumentException.class, () -> Layout.unsqueeze(x, 3)).getMessage());
        assertEquals("flatten: start axis -1 comes after end axis 0 in shape (2, 3)",
                assertThrows(IllegalArgumentException.class, () -> Layout.flatten(x, -1, 0)).getMessage());
        assertEquals("transpose: axis -3 is out of range for shape (2, 3)",
                assertThrows(IllegalArgumentException.class, () -> Layout.transpose(x, 0, -3)).getMessage());
    }

    // ---- permutations ------------------------------------------------------------------------------

    /** Compares {@code permute(x, perm)} with the definition, element by element. */
    private static void assertPermutes(Tensor x, int[] perm) {
        Tensor y = Layout.permute(x, perm);
        int[] in = new int[x.rank()];
        float[] expected = new float[x.size()];
        int k = 0;
        for (int[] out : positions(y.shape())) {
            for (int i = 0; i < perm.length; i++) {
                in[perm[i]] = out[i];
            }
            expected[k++] = x.get(in);
        }
        FloatAssert.assertIdentical("permute " + x.shape() + " by " + Blocks.dims(perm), expected, y.toArray());
    }

    @Test
    void permuteMatchesTheDefinitionForEveryPermutation() {
        RandomGenerator rng = Seeds.generator(4);
        for (int[] shape : new int[][] {{2, 3, 4}, {3, 1, 5}, {1, 4, 1}}) {
            Tensor x = random(rng, shape);
            for (int[] perm : permutations(3)) {
                assertPermutes(x, perm);
            }
        }
        for (int[] shape : new int[][] {{2, 3, 4, 5}, {2, 1, 3, 2}}) {
            Tensor x = random(rng, shape);
            for (int[] perm : permutations(4)) {
                assertPermutes(x, perm);
            }
        }
    }

    @Test
    void permuteIsExactBeyondOneTile() {
        RandomGenerator rng = Seeds.generator(5);
        Tensor x = random(rng, 2, 37, 70);
        assertPermutes(x, new int[] {0, 2, 1});
        assertPermutes(x, new int[] {2, 1, 0});
        assertPermutes(random(rng, 2, 33, 3, 40), new int[] {0, 2, 1, 3});
    }

    @Test
    void swappingTheLastAxesOfLargeMatricesIsExact() {
        // Large enough for the tiled transpose; sizes not multiples of the tile.
        int rows = 513;
        int cols = 520;
        Tensor x = random(Seeds.generator(11), 1, rows, cols);
        Tensor y = Layout.transpose(x, -1, -2);
        assertEquals(Shape.of(1, cols, rows), y.shape());
        float[] expected = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                expected[j * rows + i] = x.data()[i * cols + j];
            }
        }
        FloatAssert.assertIdentical("transpose (1, 513, 520)", expected, y.toArray());
    }

    @Test
    void permuteByTheInverseIsTheIdentity() {
        RandomGenerator rng = Seeds.generator(6);
        Tensor x = random(rng, 2, 3, 4, 5);
        for (int[] perm : permutations(4)) {
            int[] inverse = new int[4];
            for (int i = 0; i < 4; i++) {
                inverse[perm[i]] = i;
            }
            Tensor back = Layout.permute(Layout.permute(x, perm), inverse);
            assertEquals(x.shape(), back.shape());
            FloatAssert.assertIdentical("inverse of " + Blocks.dims(perm), x.toArray(), back.toArray());
        }
    }

    @Test
    void transposeSwapsTwoAxesCountedFromEitherEnd() {
        Tensor x = random(Seeds.generator(7), 2, 3, 4);
        FloatAssert.assertIdentical("transpose -1, -3", Layout.permute(x, 2, 1, 0).toArray(),
                Layout.transpose(x, -1, -3).toArray());
        assertEquals(Shape.of(2, 4, 3), Layout.transpose(x, 1, 2).shape());
        assertEquals(Shape.of(4, 3, 2), Layout.permute(x, -1, -2, -3).shape());
    }

    @Test
    void permuteBackwardMatchesFiniteDifferences() {
        RandomGenerator rng = Seeds.generator(8);
        for (int[] perm : new int[][] {{0, 2, 1, 3}, {0, 1, 3, 2}, {3, 1, 0, 2}, {1, 0, 2, 3}}) {
            TensorGradCheck.check("permute " + Blocks.dims(perm), x -> Layout.permute(x[0], perm), rng,
                    input(rng, 2, 3, 2, 4));
        }
        TensorGradCheck.check("transpose", x -> Layout.transpose(x[0], 0, -1), rng, input(rng, 3, 1, 4));
    }

    @Test
    void badPermutationIsRejected() {
        Tensor x = Tensor.zeros(2, 3, 4);
        assertEquals("permute: (0, 0, 2) is not a permutation of the axes of shape (2, 3, 4)",
                assertThrows(IllegalArgumentException.class, () -> Layout.permute(x, 0, 0, 2)).getMessage());
        assertEquals("permute: (1, 0) is not a permutation of the axes of shape (2, 3, 4)",
                assertThrows(IllegalArgumentException.class, () -> Layout.permute(x, 1, 0)).getMessage());
        assertEquals("permute: (0, 1, 3) is not a permutation of the axes of shape (2, 3, 4)",
                assertThrows(IllegalArgumentException.class, () -> Layout.permute(x, 0, 1, 3)).getMessage());
    }

    // ---- broadcastTo -------------------------------------------------------------------------------

    @Test
    void broadcastToRepeatsAlongExpandedAxes() {
        Tensor x = random(Seeds.generator(9), 3, 1);
        Tensor y = Layout.broadcastTo(x, Shape.of(2, 3, 4));
        assertEquals(Shape.of(2, 3, 4), y.shape());
        for (int[] p : positions(y.shape())) {
            assertEquals(x.get(p[1], 0), y.get(p));
        }
    }

    @Test
    void broadcastToBackwardSumsOverExpandedAxes() {
        RandomGenerator rng = Seeds.generator(10);
        TensorGradCheck.check("broadcastTo", x -> Layout.broadcastTo(x[0], Shape.of(2, 3, 4)), rng,
                input(rng, 3, 1));
        TensorGradCheck.check("broadcastTo scalar", x -> Layout.broadcastTo(x[0], Shape.of(2, 2)), rng,
                Input.of(new float[] {0.5f}));
        Tensor leaf = Tensor.vector(1f, 2f).requiringGrad();
        Layout.broadcastTo(leaf, Shape.of(3, 2)).backward(Tensor.ones(3, 2));
        FloatAssert.assertIdentical("summed", new float[] {3f, 3f}, leaf.grad().toArray());
    }

    @Test
    void broadcastToAnIncompatibleShapeNamesBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layout.broadcastTo(Tensor.zeros(2, 3), Shape.of(4, 3)));
        assertEquals("broadcastTo: cannot broadcast tensor of shape (2, 3) to (4, 3): dimension -2 is 2,"
                + " not 1 or 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Layout.broadcastTo(Tensor.zeros(1, 3), Shape.of(3)));
        assertEquals("broadcastTo: cannot broadcast tensor of shape (1, 3) to (3,): it has more dimensions",
                e.getMessage());
    }
}
