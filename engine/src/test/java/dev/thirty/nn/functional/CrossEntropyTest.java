package dev.thirty.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.nn.functional.CrossEntropy.Options;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import dev.thirty.testing.TensorGradCheck;
import dev.thirty.testing.TensorGradCheck.Input;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class CrossEntropyTest {

    /** PyTorch's formula written out in double: per-row losses, then the reduction. */
    private static float[] reference(float[] logits, int classes, int[] targets, Options o) {
        int rows = targets.length;
        double[] loss = new double[rows];
        int counted = 0;
        for (int r = 0; r < rows; r++) {
            if (targets[r] == o.ignoreIndex()) {
                continue;
            }
            counted++;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, logits[r * classes + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(logits[r * classes + j] - max);
            }
            double lse = max + Math.log(sum);
            double smooth = 0;
            for (int j = 0; j < classes; j++) {
                smooth += (lse - logits[r * classes + j]) / classes;
            }
            double nll = lse - logits[r * classes + targets[r]];
            loss[r] = (1 - o.labelSmoothing()) * nll + o.labelSmoothing() * smooth;
        }
        if (o.reduction() == Reduction.NONE) {
            float[] out = new float[rows];
            for (int r = 0; r < rows; r++) {
                out[r] = (float) loss[r];
            }
            return out;
        }
        double total = 0;
        for (double v : loss) {
            total += v;
        }
        return new float[] {(float) (o.reduction() == Reduction.SUM ? total : total / counted)};
    }

    @Test
    void matchesPyTorchForOneRowOfThreeLogits() {
        // F.cross_entropy(torch.tensor([[1., 2., 3.]]), torch.tensor([0])) = 2.4076 (log(e+e^2+e^3) - 1).
        Tensor loss = CrossEntropy.crossEntropy(Tensor.of(new float[] {1, 2, 3}, 1, 3), new int[] {0});
        assertEquals(Shape.scalar(), loss.shape());
        assertEquals(2.4076059644, loss.item(), 1e-6);
    }

    @Test
    void handComputedTwoByThreeExampleForEachReduction() {
        // Both rows have log-sum-exp 3.4076 relative to their largest logit shifted to 3:
        // row 0 [1, 2, 3] target 2: 0.4076; row 1 [1, 0, -1] target 1: 1.4076.
        float[] logits = {1, 2, 3, 1, 0, -1};
        int[] targets = {2, 1};
        double row0 = 0.4076059644;
        double row1 = 1.4076059644;
        Tensor x = Tensor.of(logits, 2, 3);
        assertEquals((row0 + row1) / 2, CrossEntropy.crossEntropy(x, targets).item(), 1e-6);
        assertEquals(row0 + row1, CrossEntropy.crossEntropy(x, targets,
                Options.DEFAULT.withReduction(Reduction.SUM)).item(), 1e-6);
        Tensor none = CrossEntropy.crossEntropy(x, targets, Options.DEFAULT.withReduction(Reduction.NONE));
        assertEquals(Shape.of(2), none.shape());
        assertArrayEquals(new float[] {(float) row0, (float) row1}, none.toArray(), 1e-6f);
    }

    @Test
    void labelSmoothingMixesInTheMeanNegativeLogProbability() {
        // Row [1, 2, 3], target 2, eps 0.1: -log p = [2.4076, 1.4076, 0.4076];
        // 0.9 * 0.4076 + 0.1 * mean(-log p) = 0.9 * 0.4076 + 0.1 * 1.4076 = 0.5076.
        Tensor loss = CrossEntropy.crossEntropy(Tensor.of(new float[] {1, 2, 3}, 1, 3), new int[] {2},
                Options.DEFAULT.withLabelSmoothing(0.1f));
        assertEquals(0.5076059644, loss.item(), 1e-6);
    }

    @Test
    void forwardMatchesReferenceForEveryOptionCombination() {
        RandomGenerator rng = Seeds.generator(21);
        float[] logits = Seeds.uniform(rng, 6 * 5, -4, 4);
        int[] targets = {0, 4, -100, 2, 1, 3};
        for (Reduction r : Reduction.values()) {
            for (float eps : new float[] {0f, 0.25f}) {
                Options o = new Options(r, -100, eps);
                FloatAssert.assertClose("crossEntropy " + o, reference(logits, 5, targets, o),
                        CrossEntropy.crossEntropy(Tensor.of(logits, 6, 5), targets, o).toArray(),
                        Tolerance.of(1e-6, 1e-5));
            }
        }
    }

    @Test
    void backwardMatchesFiniteDifferencesForEachReduction() {
        RandomGenerator rng = Seeds.generator(22);
        int[] targets = {3, 0, 2, 1};
        for (Reduction r : Reduction.values()) {
            Options o = Options.DEFAULT.withReduction(r);
            TensorGradCheck.check("crossEntropy " + r, x -> CrossEntropy.crossEntropy(x[0], targets, o), rng,
                    Input.of(Seeds.uniform(rng, 16, -2, 2), 4, 4));
        }
    }

    @Test
    void backwardMatchesFiniteDifferencesWithIgnoredTargets() {
        RandomGenerator rng = Seeds.generator(23);
        int[] defaultIgnored = {3, -100, 2, -100};
        for (Reduction r : Reduction.values()) {
            Options o = Options.DEFAULT.withReduction(r);
            TensorGradCheck.check("crossEntropy ignore -100 " + r,
                    x -> CrossEntropy.crossEntropy(x[0], defaultIgnored, o), rng,
                    Input.of(Seeds.uniform(rng, 16, -2, 2), 4, 4));
        }
        // An ignore index that is also a valid class: rows with target 1 drop out.
        Options ignoreOne = Options.DEFAULT.withIgnoreIndex(1);
        TensorGradCheck.check("crossEntropy ignore class 1", x -> CrossEntropy.crossEntropy(x[0],
                new int[] {1, 0, 2, 1}, ignoreOne), rng, Input.of(Seeds.uniform(rng, 12, -2, 2), 4, 3));
    }

    @Test
    void backwardMatchesFiniteDifferencesWithLabelSmoothing() {
        RandomGenerator rng = Seeds.generator(24);
        int[] targets = {3, -100, 2, 0, 1, 4};
        for (Reduction r : Reduction.values()) {
            Options o = new Options(r, -100, 0.2f);
            // (2, 3, 5) logits: the class axis is last, the loss per row is (2, 3) under NONE.
            TensorGradCheck.check("crossEntropy smoothing " + r,
                    x -> CrossEntropy.crossEntropy(x[0], targets, o), rng,
                    Input.of(Seeds.uniform(rng, 30, -2, 2), 2, 3, 5));
        }
    }

    @Test
    void unreducedLossKeepsTheLeadingAxes() {
        Tensor loss = CrossEntropy.crossEntropy(Tensor.zeros(2, 3, 4), new int[] {0, 1, 2, 3, 0, 1},
                Options.DEFAULT.withReduction(Reduction.NONE));
        assertEquals(Shape.of(2, 3), loss.shape());
        assertEquals((float) Math.log(4), loss.get(1, 2), 1e-6f);
    }

    @Test
    void meanOverOnlyIgnoredTargetsIsNaNWithZeroGradient() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiringGrad();
        Tensor loss = CrossEntropy.crossEntropy(x, new int[] {-100, -100});
        assertTrue(Float.isNaN(loss.item()), "PyTorch gives NaN (0 / 0) here");
        loss.backward();
        assertArrayEquals(new float[4], x.grad().toArray());
    }

    @Test
    void outOfRangeTargetNamesPositionValueAndClassCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.crossEntropy(Tensor.zeros(3, 5), new int[] {0, 4, 5}));
        assertEquals("crossEntropy: target 5 at position 2 is out of range for 5 classes"
                + " (expected 0..4 or ignoreIndex -100)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.crossEntropy(Tensor.zeros(1, 5), new int[] {-1}));
    }

    @Test
    void targetCountMustMatchTheRows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.crossEntropy(Tensor.zeros(2, 3, 5), new int[] {0, 1}));
        assertEquals("crossEntropy: logits (2, 3, 5) have 6 rows but 2 targets were given", e.getMessage());
    }

    @Test
    void optionsRejectLabelSmoothingOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> Options.DEFAULT.withLabelSmoothing(1f));
        assertThrows(IllegalArgumentException.class, () -> Options.DEFAULT.withLabelSmoothing(-0.1f));
        assertThrows(IllegalArgumentException.class, () -> Options.DEFAULT.withLabelSmoothing(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Options(null, -100, 0f));
    }

    @Test
    void targetsArrayIsCopiedSoLaterChangesDoNotAffectBackward() {
        int[] targets = {0, 1};
        Tensor x = Tensor.of(new float[] {0, 0, 0, 0}, 2, 2).requiringGrad();
        Tensor loss = CrossEntropy.crossEntropy(x, targets, Options.DEFAULT.withReduction(Reduction.SUM));
        targets[0] = 1;
        loss.backward();
        assertArrayEquals(new float[] {-0.5f, 0.5f, 0.5f, -0.5f}, x.grad().toArray(), 1e-6f);
    }
}
