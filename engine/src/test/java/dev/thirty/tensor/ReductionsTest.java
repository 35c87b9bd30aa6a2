package dev.thirty.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thirty.testing.TensorGradCheck;
import dev.thirty.testing.TensorGradCheck.Input;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ReductionsTest {

    private enum Kind { SUM, MEAN, MAX }

    private static final int[] SHAPE = {2, 3, 4};

    /** Every non-empty set of axes of a rank-3 tensor, some written negatively. */
    private static final int[][] AXIS_SETS = {
        {0}, {1}, {2}, {-1}, {-3}, {0, 1}, {0, 2}, {1, 2}, {2, 0}, {0, 1, 2}, {-1, -2, -3},
    };

    private static Tensor reduce(Kind kind, Tensor x, KeepDim keep, int... axes) {
        return switch (kind) {
            case SUM -> Reductions.sum(x, keep, axes);
            case MEAN -> Reductions.mean(x, keep, axes);
            case MAX -> Reductions.max(x, keep, axes);
        };
    }

    /** Reduces by visiting every input index and folding it into its output, in double. */
    private static float[] reference(Kind kind, float[] x, int[] shape, int[] axes) {
        boolean[] reduced = new boolean[shape.length];
        for (int a : axes) {
            reduced[a < 0 ? a + shape.length : a] = true;
        }
        int[] kept = shape.clone();
        for (int d = 0; d < shape.length; d++) {
            kept[d] = reduced[d] ? 1 : shape[d];
        }
        double[] acc = new double[Shape.of(kept).size()];
        Arrays.fill(acc, kind == Kind.MAX ? Double.NEGATIVE_INFINITY : 0);
        int[] idx = new int[shape.length];
        for (int flat = 0; flat < x.length; flat++) {
            int rest = flat;
            int out = 0;
            for (int d = shape.length - 1; d >= 0; d--) {
                idx[d] = rest % shape[d];
                rest /= shape[d];
            }
            for (int d = 0; d < shape.length; d++) {
                out = out * kept[d] + (reduced[d] ? 0 : idx[d]);
            }
            acc[out] = kind == Kind.MAX ? Math.max(acc[out], x[flat]) : acc[out] + x[flat];
        }
        float[] r = new float[acc.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) (kind == Kind.MEAN ? acc[i] * acc.length / x.length : acc[i]);
        }
        return r;
    }

    private static int[] expectedShape(int[] shape, int[] axes, KeepDim keep) {
        boolean[] reduced = new boolean[shape.length];
        for (int a : axes) {
            reduced[a < 0 ? a + shape.length : a] = true;
        }
        return java.util.stream.IntStream.range(0, shape.length)
                .filter(d -> keep == KeepDim.YES || !reduced[d])
                .map(d -> reduced[d] ? 1 : shape[d]).toArray();
    }

    /** Distinct values at least 0.1 apart, shuffled: no ties, even after a finite-difference step. */
    private static float[] distinct(RandomGenerator rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.1f * i - 0.05f * n;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
        return x;
    }

    @Test
    void reductionsOverEveryAxisSetMatchReference() {
        RandomGenerator rng = Seeds.generator(30);
        float[] x = Seeds.uniform(rng, 24, -1, 1);
        for (Kind kind : Kind.values()) {
            for (int[] axes : AXIS_SETS) {
                for (KeepDim keep : KeepDim.values()) {
                    Tensor y = reduce(kind, Tensor.of(x, SHAPE), keep, axes);
                    String what = kind + " over " + Arrays.toString(axes) + " keep " + keep;
                    assertEquals(Shape.of(expectedShape(SHAPE, axes, keep)), y.shape(), what);
                    FloatAssert.assertClose(what, reference(kind, x, SHAPE, axes), y.toArray(), Tolerance.of(1e-6, 1e-6));
                }
            }
        }
    }

    @Test
    void reductionsBackwardMatchFiniteDifferences() {
        RandomGenerator rng = Seeds.generator(31);
        for (Kind kind : Kind.values()) {
            for (int[] axes : AXIS_SETS) {
                for (KeepDim keep : KeepDim.values()) {
                    TensorGradCheck.check(kind + " over " + Arrays.toString(axes) + " keep " + keep,
                            t -> reduce(kind, t[0], keep, axes), rng, Input.of(distinct(rng, 24), SHAPE));
                }
            }
        }
    }

    @Test
    void wideRowsTakeTheKernelPathAndStillMatchReference() {
        RandomGenerator rng = Seeds.generator(32);
        int[] shape = {3, 5, 20};
        float[] x = distinct(rng, 300);
        for (Kind kind : Kind.values()) {
            for (int[] axes : new int[][] {{0}, {1}, {0, 1}, {2}}) {
                Tensor y = reduce(kind, Tensor.of(x, shape), KeepDim.NO, axes);
                FloatAssert.assertClose(kind + " " + Arrays.toString(axes), reference(kind, x, shape, axes),
                        y.toArray(), Tolerance.of(1e-5, 1e-5));
                TensorGradCheck.check(kind + " wide " + Arrays.toString(axes),
                        t -> reduce(kind, t[0], KeepDim.YES, axes), rng, Input.of(x, shape));
            }
        }
    }

    @Test
    void largeReductionsSplitIntoChunksMatchReference() {
        RandomGenerator rng = Seeds.generator(33);
        int[] shape = {400, 100};
        float[] x = Seeds.uniform(rng, 40_000, -1, 1);
        for (int axis : new int[] {0, 1}) {
            Tensor leaf = Tensor.of(x, shape).requiringGrad();
            Tensor y = Reductions.mean(leaf, axis, KeepDim.NO);
            FloatAssert.assertClose("mean " + axis, reference(Kind.MEAN, x, shape, new int[] {axis}),
                    y.toArray(), Tolerance.of(1e-5, 1e-4));
            y.backward(Tensor.ones(y.shape().dims()));
            FloatAssert.assertIdentical("d mean " + axis, Tensor.full(1f / shape[axis], shape).toArray(),
                    leaf.grad().toArray());
        }
    }

    @Test
    void fullReductionsGiveRankZeroResultsAndGradients() {
        Tensor x = Tensor.of(new float[] {1, 5, 3, 5, 2, 0}, 2, 3).requiringGrad();
        Tensor s = Reductions.sum(x);
        assertEquals(Shape.scalar(), s.shape());
        assertEquals(16f, s.item());
        assertEquals(16f / 6, Reductions.mean(x).item(), 1e-6);
        assertEquals(5f, Reductions.max(x).item());
        s.backward();
        Reductions.mean(x).backward();
        Reductions.max(x).backward();
        float sixth = 1f / 6;
        FloatAssert.assertClose("grads", new float[] {1 + sixth, 2 + sixth, 1 + sixth, 1 + sixth, 1 + sixth, 1 + sixth},
                x.grad().toArray(), Tolerance.of(1e-6, 1e-6));
        assertEquals(7f, Reductions.sum(Tensor.scalar(7f)).item());
    }

    @Test
    void maxGradientGoesToTheFirstMaximalElementOfEachGroup() {
        Tensor x = Tensor.of(new float[] {2, 7, 7, 1, 4, 4}, 2, 3).requiringGrad();
        Tensor m = Reductions.max(x, 1, KeepDim.NO);
        FloatAssert.assertIdentical("max", new float[] {7, 4}, m.toArray());
        m.backward(Tensor.vector(10, 20));
        FloatAssert.assertIdentical("d max", new float[] {0, 10, 0, 0, 20, 0}, x.grad().toArray());
    }

    @Test
    void argmaxGivesTheIndexAlongTheAxisOfTheFirstMaximum() {
        Tensor x = Tensor.of(new float[] {0, 9, 3, 9, 2, 1, 5, 5, 8, 0, 1, 1}, 2, 2, 3);
        // x[0] = [[0, 9, 3], [9, 2, 1]], x[1] = [[5, 5, 8], [0, 1, 1]]; ties go to the lower index.
        assertArrayEquals(new int[] {1, 0, 2, 1}, Reductions.argmax(x, -1));
        assertArrayEquals(new int[] {1, 0, 1, 0, 0, 0}, Reductions.argmax(x, 0));
        assertArrayEquals(new int[] {1, 0, 0, 0, 0, 0}, Reductions.argmax(x, 1));
    }

    @Test
    void badAxesNameTheOpAxisAndShape() {
        Tensor x = Tensor.zeros(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Reductions.sum(x, 2, KeepDim.NO));
        assertEquals("sum: axis 2 is out of range for shape (2, 3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Reductions.mean(x, KeepDim.YES, 1, -1));
        assertEquals("mean: axis -1 is repeated in [1, -1] for shape (2, 3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Reductions.max(x, -3, KeepDim.NO));
        assertEquals("max: axis -3 is out of range for shape (2, 3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Reductions.sum(x, KeepDim.NO));
        assertEquals("sum: no axes given for shape (2, 3); reduce every element with the overload that takes no axes",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Reductions.argmax(x, 5));
        assertEquals("argmax: axis 5 is out of range for shape (2, 3)", e.getMessage());
    }

    @Test
    void maxOverAnEmptyAxisIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Reductions.max(Tensor.zeros(2, 0), 1, KeepDim.NO));
        assertEquals("max: no elements to take the maximum of: shape (2, 0) reduced to (2,)", e.getMessage());
        assertEquals(0f, Reductions.sum(Tensor.zeros(2, 0)).item());
    }
}
