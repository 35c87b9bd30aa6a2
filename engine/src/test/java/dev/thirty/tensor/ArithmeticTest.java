package dev.thirty.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thirty.testing.TensorGradCheck;
import dev.thirty.testing.TensorGradCheck.Input;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ArithmeticTest {

    /** A broadcasting op and its one-element definition. */
    private record Op(String name, BinaryOperator<Tensor> tensorOp, BinaryOperator<Float> element) {
    }

    private static final List<Op> OPS = List.of(
            new Op("add", Arithmetic::add, (x, y) -> x + y),
            new Op("sub", Arithmetic::sub, (x, y) -> x - y),
            new Op("mul", Arithmetic::mul, (x, y) -> x * y),
            new Op("div", Arithmetic::div, (x, y) -> x / y));

    /** Pairs of operand shapes covering every broadcasting path. */
    private static final int[][][] SHAPE_PAIRS = {
        {{2, 3}, {2, 3}},
        {{2, 3}, {3}},
        {{3}, {2, 3}},
        {{2, 1, 4}, {3, 1}},
        {{}, {2, 3}},
        {{2, 3}, {}},
        {{4, 1}, {1, 5}},
        {{2, 3, 1}, {2, 3, 4}},
        {{3, 20}, {20}},
        {{2, 1, 20}, {3, 20}},
    };

    /** The broadcast result computed one output index at a time. */
    private static float[] reference(BinaryOperator<Float> f, float[] a, int[] as, float[] b, int[] bs, int[] out) {
        int size = Shape.of(out).size();
        float[] r = new float[size];
        int[] idx = new int[out.length];
        for (int flat = 0; flat < size; flat++) {
            int rest = flat;
            for (int d = out.length - 1; d >= 0; d--) {
                idx[d] = rest % out[d];
                rest /= out[d];
            }
            r[flat] = f.apply(a[flatIndex(idx, as)], b[flatIndex(idx, bs)]);
        }
        return r;
    }

    /** Offset into a tensor of shape {@code s} broadcast to the full index {@code idx}. */
    private static int flatIndex(int[] idx, int[] s) {
        int shift = idx.length - s.length;
        int flat = 0;
        for (int d = 0; d < s.length; d++) {
            flat = flat * s[d] + (s[d] == 1 ? 0 : idx[d + shift]);
        }
        return flat;
    }

    private static float[] operand(RandomGenerator rng, Op op, int which, int n) {
        // Divisors stay away from zero so the quotient and its derivative are well conditioned.
        return op.name().equals("div") && which == 1 ? Seeds.uniform(rng, n, 0.5f, 2f) : Seeds.uniform(rng, n, -1, 1);
    }

    @Test
    void broadcastingOpsMatchElementByElementReference() {
        RandomGenerator rng = Seeds.generator(10);
        for (Op op : OPS) {
            for (int[][] pair : SHAPE_PAIRS) {
                float[] a = operand(rng, op, 0, Shape.of(pair[0]).size());
                float[] b = operand(rng, op, 1, Shape.of(pair[1]).size());
                Tensor c = op.tensorOp().apply(Tensor.of(a, pair[0]), Tensor.of(b, pair[1]));
                int[] out = Shape.broadcast("test", Shape.of(pair[0]), Shape.of(pair[1])).dims();
                assertEquals(Shape.of(out), c.shape());
                FloatAssert.assertClose(op.name() + " " + Shape.of(pair[0]) + " " + Shape.of(pair[1]),
                        reference(op.element(), a, pair[0], b, pair[1], out), c.toArray(), out, Tolerance.EXACT);
            }
        }
    }

    @Test
    void largeOperandsSplitAcrossChunksMatchReference() {
        RandomGenerator rng = Seeds.generator(11);
        int[][][] pairs = {{{33_001}, {33_001}}, {{340, 100}, {100}}};
        for (Op op : OPS) {
            for (int[][] pair : pairs) {
                float[] a = operand(rng, op, 0, Shape.of(pair[0]).size());
                float[] b = operand(rng, op, 1, Shape.of(pair[1]).size());
                Tensor c = op.tensorOp().apply(Tensor.of(a, pair[0]), Tensor.of(b, pair[1]));
                int[] out = c.shape().dims();
                FloatAssert.assertClose(op.name() + " large", reference(op.element(), a, pair[0], b, pair[1], out),
                        c.toArray(), Tolerance.EXACT);
            }
        }
    }

    @Test
    void broadcastingOpsBackwardMatchesFiniteDifferences() {
        RandomGenerator rng = Seeds.generator(12);
        for (Op op : OPS) {
            for (int[][] pair : SHAPE_PAIRS) {
                TensorGradCheck.check(op.name() + " " + Shape.of(pair[0]) + " " + Shape.of(pair[1]),
                        x -> op.tensorOp().apply(x[0], x[1]), rng,
                        Input.of(operand(rng, op, 0, Shape.of(pair[0]).size()), pair[0]),
                        Input.of(operand(rng, op, 1, Shape.of(pair[1]).size()), pair[1]));
            }
        }
    }

    @Test
    void largeBroadcastBackwardSumsEveryRow() {
        int rows = 340;
        int cols = 100;
        Tensor x = Tensor.ones(rows, cols).requiringGrad();
        Tensor bias = Tensor.zeros(cols).requiringGrad();
        Arithmetic.mul(Arithmetic.add(x, bias), 2f).backward(Tensor.ones(rows, cols));
        FloatAssert.assertIdentical("dx", Tensor.full(2f, rows, cols).toArray(), x.grad().toArray());
        FloatAssert.assertIdentical("d bias", Tensor.full(2f * rows, cols).toArray(), bias.grad().toArray());
    }

    @Test
    void gradientsReachOnlyTheOperandThatRequiresThem() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).requiringGrad();
        Tensor b = Tensor.vector(10, 20, 30);
        Arithmetic.mul(a, b).backward(Tensor.ones(2, 3));
        FloatAssert.assertIdentical("dA", new float[] {10, 20, 30, 10, 20, 30}, a.grad().toArray());
        assertEquals(null, b.grad());
    }

    @Test
    void broadcastGradientSumsOverExpandedAxes() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor bias = Tensor.zeros(3).requiringGrad();
        Tensor y = Arithmetic.add(a, bias);
        y.backward(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        FloatAssert.assertIdentical("d bias", new float[] {5, 7, 9}, bias.grad().toArray());
    }

    @Test
    void usingOneTensorTwiceAccumulatesBothGradients() {
        Tensor x = Tensor.vector(1.5f, -2f, 3f).requiringGrad();
        Tensor y = Arithmetic.mul(x, x);
        y.backward(Tensor.ones(3));
        FloatAssert.assertIdentical("d(x*x)/dx", new float[] {3f, -4f, 6f}, x.grad().toArray());
    }

    @Test
    void scalarVariantsComputeAndDifferentiate() {
        RandomGenerator rng = Seeds.generator(13);
        float[] v = {1f, -2f, 4f, 0.5f};
        Tensor x = Tensor.of(v, 2, 2);
        FloatAssert.assertIdentical("add", new float[] {3f, 0f, 6f, 2.5f}, Arithmetic.add(x, 2f).toArray());
        FloatAssert.assertIdentical("sub", new float[] {-1f, -4f, 2f, -1.5f}, Arithmetic.sub(x, 2f).toArray());
        FloatAssert.assertIdentical("mul", new float[] {3f, -6f, 12f, 1.5f}, Arithmetic.mul(x, 3f).toArray());
        FloatAssert.assertIdentical("div", new float[] {0.5f, -1f, 2f, 0.25f}, Arithmetic.div(x, 2f).toArray());
        FloatAssert.assertIdentical("rsub", new float[] {0f, 3f, -3f, 0.5f}, Arithmetic.rsub(1f, x).toArray());
        assertEquals(Shape.of(2, 2), Arithmetic.rsub(1f, x).shape());
        float[] in = Seeds.uniform(rng, 6, -1, 1);
        TensorGradCheck.check("add scalar", t -> Arithmetic.add(t[0], 0.7f), rng, Input.of(in, 2, 3));
        TensorGradCheck.check("sub scalar", t -> Arithmetic.sub(t[0], 0.7f), rng, Input.of(in, 2, 3));
        TensorGradCheck.check("mul scalar", t -> Arithmetic.mul(t[0], -1.3f), rng, Input.of(in, 2, 3));
        TensorGradCheck.check("div scalar", t -> Arithmetic.div(t[0], 0.4f), rng, Input.of(in, 2, 3));
        TensorGradCheck.check("rsub scalar", t -> Arithmetic.rsub(2f, t[0]), rng, Input.of(in, 2, 3));
    }

    @Test
    void resultsOfConstantsDoNotRequireGrad() {
        assertFalse(Arithmetic.add(Tensor.ones(2), Tensor.ones(2)).requiresGrad());
        assertFalse(Arithmetic.mul(Tensor.ones(2), 3f).requiresGrad());
    }

    @Test
    void incompatibleShapesNameTheOpShapesAndDimension() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arithmetic.add(Tensor.zeros(2, 3), Tensor.zeros(4)));
        assertEquals("add: shapes (2, 3) and (4,) cannot be broadcast: dimension -1 is 3 vs 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Arithmetic.div(Tensor.zeros(5, 2, 3), Tensor.zeros(4, 3)));
        assertEquals("div: shapes (5, 2, 3) and (4, 3) cannot be broadcast: dimension -2 is 2 vs 4", e.getMessage());
    }

    @Test
    void emptyOperandsGiveEmptyResults() {
        Tensor c = Arithmetic.mul(Tensor.zeros(0, 3), Tensor.ones(3));
        assertEquals(Shape.of(0, 3), c.shape());
    }
}
