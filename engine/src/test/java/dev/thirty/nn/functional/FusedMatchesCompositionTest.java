package dev.thirty.nn.functional;

import static dev.thirty.tensor.Arithmetic.add;
import static dev.thirty.tensor.Arithmetic.div;
import static dev.thirty.tensor.Arithmetic.mul;
import static dev.thirty.tensor.Arithmetic.sub;
import static dev.thirty.tensor.Pointwise.exp;
import static dev.thirty.tensor.Pointwise.log;
import static dev.thirty.tensor.Pointwise.sqrt;
import static dev.thirty.tensor.Pointwise.square;
import static dev.thirty.tensor.Reductions.max;
import static dev.thirty.tensor.Reductions.mean;
import static dev.thirty.tensor.Reductions.sum;

import dev.thirty.nn.functional.CrossEntropy.Options;
import dev.thirty.tensor.KeepDim;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Each fused op against the same function composed from the primitives (Arithmetic, Pointwise,
 * Reductions): outputs, and the gradients of every input under the same random upstream weights.
 */
class FusedMatchesCompositionTest {

    private static final Tolerance FORWARD = Tolerance.of(1e-5, 1e-5);
    private static final Tolerance BACKWARD = Tolerance.of(1e-5, 1e-4);
    private static final float EPS = 1e-5f;

    /** Output followed by the gradient of each leaf, for {@code sum(w * f(leaves))}. */
    private static float[][] run(Function<Tensor[], Tensor> f, long weightSeed, Tensor... values) {
        Tensor[] leaves = new Tensor[values.length];
        for (int i = 0; i < values.length; i++) {
            leaves[i] = Tensor.wrap(values[i].toArray(), values[i].shape()).requiringGrad();
        }
        Tensor out = f.apply(leaves);
        float[] w = Seeds.uniform(Seeds.generator(weightSeed), out.size(), -1, 1);
        out.backward(Tensor.wrap(w, out.shape()));
        float[][] result = new float[values.length + 1][];
        result[0] = out.toArray();
        for (int i = 0; i < leaves.length; i++) {
            result[i + 1] = leaves[i].grad().toArray();
        }
        return result;
    }

    private static void assertAgree(String what, Function<Tensor[], Tensor> fused, Function<Tensor[], Tensor> composed,
                                    Tensor... inputs) {
        float[][] f = run(fused, 7, inputs);
        float[][] c = run(composed, 7, inputs);
        FloatAssert.assertClose(what + " forward", c[0], f[0], FORWARD);
        for (int i = 1; i < f.length; i++) {
            FloatAssert.assertClose(what + " gradient of input " + (i - 1), c[i], f[i], inputs[i - 1].shape().dims(),
                    BACKWARD);
        }
    }

    private static Tensor composedLogSoftmax(Tensor x, int axis) {
        Tensor shifted = sub(x, max(x, axis, KeepDim.YES).detach());
        return sub(shifted, log(sum(exp(shifted), axis, KeepDim.YES)));
    }

    @Test
    void softmaxMatchesExpOverSumOfExpAlongEachAxis() {
        Tensor x = Tensor.of(Seeds.uniform(Seeds.generator(61), 60, -3, 3), 3, 4, 5);
        for (int axis = 0; axis < 3; axis++) {
            int a = axis;
            assertAgree("softmax axis " + a, t -> Softmax.softmax(t[0], a), t -> {
                Tensor e = exp(sub(t[0], max(t[0], a, KeepDim.YES)));
                return div(e, sum(e, a, KeepDim.YES));
            }, x);
        }
    }

    @Test
    void logSoftmaxMatchesShiftMinusLogSumExpAlongEachAxis() {
        Tensor x = Tensor.of(Seeds.uniform(Seeds.generator(62), 60, -3, 3), 3, 4, 5);
        for (int axis = 0; axis < 3; axis++) {
            int a = axis;
            assertAgree("logSoftmax axis " + a, t -> Softmax.logSoftmax(t[0], a),
                    t -> composedLogSoftmax(t[0], a), x);
        }
    }

    /** The smoothed target distribution q, zero on ignored rows; its row sums count the targets. */
    private static Tensor smoothedTargets(int[] targets, int classes, Options o) {
        float[] q = new float[targets.length * classes];
        for (int r = 0; r < targets.length; r++) {
            if (targets[r] == o.ignoreIndex()) {
                continue;
            }
            for (int j = 0; j < classes; j++) {
                q[r * classes + j] = o.labelSmoothing() / classes;
            }
            q[r * classes + targets[r]] += 1 - o.labelSmoothing();
        }
        return Tensor.of(q, targets.length, classes);
    }

    @Test
    void crossEntropyMatchesNegativeMeanOfTargetsTimesLogSoftmax() {
        RandomGenerator rng = Seeds.generator(63);
        Tensor logits = Tensor.of(Seeds.uniform(rng, 6 * 5, -3, 3), 6, 5);
        int[] targets = {4, 0, 2, -100, 1, 3};
        int counted = 5;
        for (float eps : new float[] {0f, 0.1f}) {
            Options o = Options.DEFAULT.withLabelSmoothing(eps);
            Tensor q = smoothedTargets(targets, 5, o);
            Function<Tensor[], Tensor> perRow = t -> mul(sum(mul(q, composedLogSoftmax(t[0], -1)), -1, KeepDim.NO), -1f);
            assertAgree("crossEntropy MEAN eps " + eps, t -> CrossEntropy.crossEntropy(t[0], targets, o),
                    t -> div(sum(perRow.apply(t)), (float) counted), logits);
            assertAgree("crossEntropy SUM eps " + eps,
                    t -> CrossEntropy.crossEntropy(t[0], targets, o.withReduction(Reduction.SUM)),
                    t -> sum(perRow.apply(t)), logits);
            assertAgree("crossEntropy NONE eps " + eps,
                    t -> CrossEntropy.crossEntropy(t[0], targets, o.withReduction(Reduction.NONE)), perRow, logits);
        }
    }

    @Test
    void layerNormMatchesCenteredOverRootVariancePlusEps() {
        RandomGenerator rng = Seeds.generator(64);
        Tensor x = Tensor.of(Seeds.normal(rng, 4 * 3 * 8, 0.5f, 2), 4, 3, 8);
        Tensor gamma = Tensor.vector(Seeds.uniform(rng, 8, 0.5f, 1.5f));
        Tensor beta = Tensor.vector(Seeds.uniform(rng, 8, -1, 1));
        Function<Tensor[], Tensor> normalised = t -> {
            Tensor centred = sub(t[0], mean(t[0], -1, KeepDim.YES));
            Tensor variance = mean(square(centred), -1, KeepDim.YES);
            return mul(div(centred, sqrt(add(variance, EPS))), t[1]);
        };
        assertAgree("layerNorm", t -> LayerNorm.layerNorm(t[0], t[1], t[2], EPS),
                t -> add(normalised.apply(t), t[2]), x, gamma, beta);
        assertAgree("layerNorm without beta", t -> LayerNorm.layerNorm(t[0], t[1], null, EPS), normalised, x, gamma);
    }

    @Test
    void dropoutMatchesMultiplicationByItsMask() {
        Tensor x = Tensor.of(Seeds.uniform(Seeds.generator(65), 40, -1, 1), 5, 8);
        // Dropout of ones with the same seed is the mask itself: 0 or 1 / (1 - p).
        Tensor mask = Dropout.dropout(Tensor.ones(5, 8), 0.3f, Seeds.generator(66));
        assertAgree("dropout", t -> Dropout.dropout(t[0], 0.3f, Seeds.generator(66)), t -> mul(t[0], mask), x);
    }
}
