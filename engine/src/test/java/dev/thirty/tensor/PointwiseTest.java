package dev.thirty.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thirty.kernels.Erf;
import dev.thirty.testing.TensorGradCheck;
import dev.thirty.testing.TensorGradCheck.Input;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class PointwiseTest {

    /** Where a function's inputs are drawn from for testing. */
    private enum Domain { ANY, POSITIVE, AWAY_FROM_ZERO }

    /** An op, its definition in double precision, and its test domain. */
    private record Case(String name, UnaryOperator<Tensor> op, DoubleUnaryOperator reference, Domain domain) {
    }

    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    private static final List<Case> CASES = List.of(
            new Case("neg", Pointwise::neg, x -> -x, Domain.ANY),
            new Case("exp", Pointwise::exp, Math::exp, Domain.ANY),
            new Case("log", Pointwise::log, Math::log, Domain.POSITIVE),
            new Case("sqrt", Pointwise::sqrt, Math::sqrt, Domain.POSITIVE),
            new Case("tanh", Pointwise::tanh, Math::tanh, Domain.ANY),
            new Case("sigmoid", Pointwise::sigmoid, x -> 1 / (1 + Math.exp(-x)), Domain.ANY),
            new Case("relu", Pointwise::relu, x -> Math.max(x, 0), Domain.AWAY_FROM_ZERO),
            new Case("gelu", Pointwise::gelu,
                    x -> 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x))), Domain.ANY),
            new Case("gelu exact", Pointwise::geluExact, x -> x * Erf.normalCdf(x), Domain.ANY),
            new Case("abs", Pointwise::abs, Math::abs, Domain.AWAY_FROM_ZERO),
            new Case("square", Pointwise::square, x -> x * x, Domain.ANY),
            new Case("pow 3", x -> Pointwise.pow(x, 3f), x -> Math.pow(x, 3), Domain.ANY),
            new Case("pow -0.5", x -> Pointwise.pow(x, -0.5f), x -> Math.pow(x, -0.5), Domain.POSITIVE),
            new Case("pow 1.7", x -> Pointwise.pow(x, 1.7f), x -> Math.pow(x, 1.7), Domain.POSITIVE));

    private static float[] draw(RandomGenerator rng, Domain domain, int n) {
        return switch (domain) {
            case ANY -> Seeds.uniform(rng, n, -2f, 2f);
            case POSITIVE -> Seeds.uniform(rng, n, 0.2f, 3f);
            case AWAY_FROM_ZERO -> Seeds.awayFromZero(rng, n, -2f, 2f, 0.05f);
        };
    }

    private static float[] reference(DoubleUnaryOperator f, float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) f.applyAsDouble(x[i]);
        }
        return y;
    }

    @Test
    void everyFunctionMatchesItsDoublePrecisionDefinition() {
        RandomGenerator rng = Seeds.generator(20);
        for (Case c : CASES) {
            float[] x = draw(rng, c.domain(), 24);
            Tensor y = c.op().apply(Tensor.of(x, 2, 3, 4));
            assertEquals(Shape.of(2, 3, 4), y.shape());
            FloatAssert.assertClose(c.name(), reference(c.reference(), x), y.toArray(), Tolerance.of(1e-6, 1e-5));
        }
    }

    @Test
    void everyFunctionBackwardMatchesFiniteDifferences() {
        RandomGenerator rng = Seeds.generator(21);
        for (Case c : CASES) {
            TensorGradCheck.check(c.name(), x -> c.op().apply(x[0]), rng,
                    Input.of(draw(rng, c.domain(), 12), 3, 4));
        }
    }

    @Test
    void largeTensorsSplitIntoChunksGiveTheSameValuesAndGradients() {
        RandomGenerator rng = Seeds.generator(22);
        int n = 3 * Chunks.SIZE + 17;
        float[] x = Seeds.uniform(rng, n, -2f, 2f);
        Tensor leaf = Tensor.vector(x).requiringGrad();
        Tensor y = Pointwise.tanh(leaf);
        y.backward(Tensor.ones(n));
        float[] expectedGrad = new float[n];
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) {
            expected[i] = (float) Math.tanh(x[i]);
            expectedGrad[i] = 1f - expected[i] * expected[i];
        }
        FloatAssert.assertClose("tanh", expected, y.toArray(), Tolerance.of(1e-6, 1e-6));
        FloatAssert.assertClose("tanh'", expectedGrad, leaf.grad().toArray(), Tolerance.of(1e-6, 1e-6));
    }

    @Test
    void powWithZeroExponentGivesOnesAndNoGradient() {
        Tensor x = Tensor.vector(0f, 2f, -3f).requiringGrad();
        Tensor y = Pointwise.pow(x, 0f);
        y.backward(Tensor.ones(3));
        FloatAssert.assertIdentical("x^0", new float[] {1f, 1f, 1f}, y.toArray());
        FloatAssert.assertIdentical("d x^0", new float[] {0f, 0f, 0f}, x.grad().toArray());
    }

    @Test
    void reluPassesGradientOnlyWherePositive() {
        Tensor x = Tensor.vector(-1f, 2f, -0.5f, 3f).requiringGrad();
        Pointwise.relu(x).backward(Tensor.vector(5f, 6f, 7f, 8f));
        FloatAssert.assertIdentical("relu'", new float[] {0f, 6f, 0f, 8f}, x.grad().toArray());
    }

    @Test
    void rankZeroInputKeepsItsShape() {
        Tensor y = Pointwise.exp(Tensor.scalar(0f));
        assertEquals(Shape.scalar(), y.shape());
        assertEquals(1f, y.item());
    }
}
