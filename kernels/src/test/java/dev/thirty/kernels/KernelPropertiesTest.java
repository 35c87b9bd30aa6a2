package dev.thirty.kernels;

import static dev.thirty.testkit.FloatAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Properties both backends must have on their own, independent of each other: known values,
 * derivatives that match the calculus, softmax rows that sum to one, normalised layer-norm rows.
 */
class KernelPropertiesTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void unaryOpsGiveKnownValues(Backend backend) {
        ElementwiseKernels k = Kernels.of(backend).elementwise();
        float[] x = {0f, 1f, -2f, 4f};
        assertClose("exp", new float[] {1f, 2.7182817f, 0.13533528f, 54.59815f}, map(k, UnaryOp.EXP, x), Tolerance.of(0, 1e-6));
        assertClose("sigmoid", new float[] {0.5f, 0.7310586f, 0.11920292f, 0.98201376f}, map(k, UnaryOp.SIGMOID, x), Tolerance.of(0, 1e-6));
        assertClose("tanh", new float[] {0f, 0.7615942f, -0.9640276f, 0.9993293f}, map(k, UnaryOp.TANH, x), Tolerance.of(0, 1e-6));
        // GELU (tanh form) as given by PyTorch's gelu(x, approximate='tanh')
        assertClose("gelu", new float[] {0f, 0.8411920f, -0.0454023f, 3.9999299f}, map(k, UnaryOp.GELU, x), Tolerance.of(1e-6, 1e-5));
        // exact GELU, x Phi(x), as given by PyTorch's gelu(x) (and mpmath to 12 digits)
        assertClose("gelu erf", new float[] {0f, 0.8413447f, -0.0455003f, 3.9998733f}, map(k, UnaryOp.GELU_ERF, x),
                Tolerance.of(1e-7, 1e-6));
        assertClose("relu", new float[] {0f, 1f, 0f, 4f}, map(k, UnaryOp.RELU, x), Tolerance.EXACT);
        assertClose("log", new float[] {0f, 1.3862944f}, map(k, UnaryOp.LOG, new float[] {1f, 4f}), Tolerance.of(0, 1e-6));
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryBackwardMatchesTheAnalyticDerivative(UnaryOp op) {
        for (Backend backend : Backend.values()) {
            ElementwiseKernels k = Kernels.of(backend).elementwise();
            RandomGenerator rng = Seeds.generator(91 + op.ordinal());
            float[] x = switch (op) {
                case LOG, SQRT -> Seeds.uniform(rng, 37, 0.1f, 5f);
                default -> Seeds.awayFromZero(rng, 37, -4f, 4f, 1e-3f);
            };
            float[] y = map(k, op, x);
            float[] ones = new float[x.length];
            Arrays.fill(ones, 1f);
            float[] gx = new float[x.length];
            k.unaryBackward(op, x, 0, y, 0, ones, 0, gx, 0, x.length);
            float[] analytic = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                analytic[i] = (float) derivative(op, x[i]);
            }
            assertClose(op + " derivative, " + backend, analytic, gx, Tolerance.of(1e-6, 1e-5));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void softmaxRowsArePositiveAndSumToOne(Backend backend) {
        RowKernels rows = Kernels.of(backend).rows();
        for (int cols : new int[] {1, 17, 100, 1000}) {
            float[] x = Seeds.normal(Seeds.generator(101 + cols), 4 * cols, 0f, 5f);
            float[] y = new float[x.length];
            rows.softmax(x, 0, y, 0, 4, cols);
            for (int r = 0; r < 4; r++) {
                double sum = 0;
                for (int j = 0; j < cols; j++) {
                    sum += y[r * cols + j];
                }
                assertEquals(1.0, sum, 1e-5, backend + " softmax row " + r + " of width " + cols);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void softmaxOfKnownRow(Backend backend) {
        RowKernels rows = Kernels.of(backend).rows();
        float[] y = new float[3];
        rows.softmax(new float[] {1f, 2f, 3f}, 0, y, 0, 1, 3);
        assertClose("softmax", new float[] {0.09003057f, 0.24472848f, 0.66524094f}, y, Tolerance.of(0, 1e-6));
        rows.logSoftmax(new float[] {1f, 2f, 3f}, 0, y, 0, 1, 3);
        assertClose("logSoftmax", new float[] {-2.4076059f, -1.4076059f, -0.4076059f}, y, Tolerance.of(0, 1e-6));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void layerNormRowsHaveZeroMeanAndUnitVariance(Backend backend) {
        RowKernels rows = Kernels.of(backend).rows();
        int cols = 129;
        float[] x = Seeds.normal(Seeds.generator(107), 3 * cols, 4f, 3f);
        float[] gamma = new float[cols];
        Arrays.fill(gamma, 1f);
        float[] y = new float[x.length];
        rows.layerNorm(x, 0, gamma, new float[cols], 1e-6f, y, 0, new float[3], new float[3], 3, cols);
        for (int r = 0; r < 3; r++) {
            double mean = 0;
            double square = 0;
            for (int j = 0; j < cols; j++) {
                mean += y[r * cols + j];
                square += (double) y[r * cols + j] * y[r * cols + j];
            }
            mean /= cols;
            assertEquals(0.0, mean, 1e-5, backend + " mean of row " + r);
            assertEquals(1.0, square / cols - mean * mean, 1e-4, backend + " variance of row " + r);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void layerNormOfKnownRow(Backend backend) {
        float[] y = new float[4];
        float[] mean = new float[1];
        float[] rstd = new float[1];
        Kernels.of(backend).rows().layerNorm(new float[] {1f, 2f, 3f, 4f}, 0, new float[] {1f, 1f, 2f, 1f},
                new float[] {0f, 0f, 0f, 1f}, 0f, y, 0, mean, rstd, 1, 4);
        // mean 2.5, biased variance 1.25
        float s = (float) (1 / Math.sqrt(1.25));
        assertClose("y", new float[] {-1.5f * s, -0.5f * s, 2 * 0.5f * s, 1.5f * s + 1}, y, Tolerance.of(0, 1e-6));
        assertClose("mean, rstd", new float[] {2.5f, s}, new float[] {mean[0], rstd[0]}, Tolerance.of(0, 1e-6));
    }

    private static float[] map(ElementwiseKernels k, UnaryOp op, float[] x) {
        float[] y = new float[x.length];
        k.unary(op, x, 0, y, 0, x.length);
        return y;
    }

    /** The integral of the normal density from 0 to x, by composite Simpson's rule (error below 1e-12 here). */
    private static double normalIntegral(double x) {
        int n = 2000;
        double h = x / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double w = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            double t = i * h;
            sum += w * Math.exp(-t * t / 2);
        }
        return sum * h / 3 / Math.sqrt(2 * Math.PI);
    }

    /** {@code op'(x)} from calculus, in double. */
    private static double derivative(UnaryOp op, double x) {
        double k = Math.sqrt(2 / Math.PI);
        return switch (op) {
            case NEG -> -1;
            case EXP -> Math.exp(x);
            case LOG -> 1 / x;
            case SQRT -> 0.5 / Math.sqrt(x);
            case TANH -> 1 / (Math.cosh(x) * Math.cosh(x));
            case SIGMOID -> Math.exp(-x) / ((1 + Math.exp(-x)) * (1 + Math.exp(-x)));
            case RELU -> x > 0 ? 1 : 0;
            case GELU -> {
                double u = k * (x + 0.044715 * x * x * x);
                double sech2 = 1 / (Math.cosh(u) * Math.cosh(u));
                yield 0.5 * (1 + Math.tanh(u)) + 0.5 * x * sech2 * k * (1 + 3 * 0.044715 * x * x);
            }
            case GELU_ERF -> {
                // Phi(x) by Simpson's rule on the density from 0 to x, independent of Erf
                double phi = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
                yield 0.5 + normalIntegral(x) + x * phi;
            }
            case ABS -> Math.signum(x);
            case SQUARE -> 2 * x;
        };
    }
}
