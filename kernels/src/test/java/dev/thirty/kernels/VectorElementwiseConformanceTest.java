package dev.thirty.kernels;

import static dev.thirty.kernels.Conformance.LENGTHS;
import static dev.thirty.kernels.Conformance.OFFSETS;
import static dev.thirty.kernels.Conformance.SCALAR_ELEMENTWISE;
import static dev.thirty.kernels.Conformance.VECTOR_ELEMENTWISE;
import static dev.thirty.kernels.Conformance.at;
import static dev.thirty.kernels.Conformance.copy;
import static dev.thirty.kernels.Conformance.padded;
import static dev.thirty.kernels.Conformance.withSpecials;
import static dev.thirty.testkit.FloatAssert.assertClose;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link VectorElementwise} against {@link ScalarElementwise} on seeded random runs of many
 * lengths and offsets, special values included.
 *
 * <p>Tolerances. The arithmetic ops and NEG, SQRT, RELU, ABS, SQUARE round once per operation in
 * the same order in both, so they must agree bit for bit (SQRT too: the reference's double square
 * root rounded to float is the correctly rounded float square root), and pow, which calls
 * Math.pow per element like the reference. exp, log and tanh come from {@link VectorMath}, measured
 * within 1, 1 and 2 ulps of the reference over all floats; one ulp is at most {@code 2^-23} of the
 * value, so they get relative {@code 1.2e-7}, {@code 1.2e-7} and {@code 2.4e-7}. Sigmoid rounds three float operations after the exponential (and
 * underflows to 0 where the reference keeps a subnormal), hence a tiny absolute term. GELU forms
 * {@code 1 + tanh(..)}, which cancels for negative x: a tanh error of a few ulps of 1 (~2e-7)
 * becomes an absolute error of about {@code |x| 1e-7}, so it gets an absolute {@code 1e-6} for
 * inputs in [-8, 8]; its derivative also cancels in {@code 1 - tanh^2} and is scaled by up to
 * {@code |x| dInner ~ 60}, hence {@code 2e-5}. GELU_ERF multiplies x by a Phi within 6 ulps of
 * the reference's (VectorMathTest), so 6.5 ulps, relative {@code 8e-7}, and two of the smallest
 * subnormals absolute for {@code MIN_VALUE / 2}, which may round either way. Its derivative
 * {@code Phi + x phi}, with Phi taken as {@code y / x} from the given y, crosses zero near
 * x = -0.75, so its bound is absolute: over 42 million x in [-15, 15] it is at most 1.2e-7 off
 * given the reference's y, 2.4e-7 given the vector forward's (Phi then inherits y's few ulps);
 * hence {@code 3e-7}.
 */
class VectorElementwiseConformanceTest {

    private enum Binary { ADD, SUB, MUL, DIV, AFFINE, AXPY, MUL_ACCUMULATE }

    /** Two of the smallest subnormals: GELU_ERF(MIN_VALUE) is half of one, rounded either way. */
    private static final double GELU_ERF_SUBNORMAL = 2 * Float.MIN_VALUE;

    @ParameterizedTest
    @EnumSource(Binary.class)
    void arithmeticMatchesReferenceBitForBit(Binary op) {
        RandomGenerator rng = Seeds.generator(11 + op.ordinal());
        for (int n : LENGTHS) {
            for (int off : OFFSETS) {
                float[] a = withSpecials(padded(rng, off, n, -4f, 4f), off, n);
                float[] b = padded(rng, off + 1, n, -4f, 4f);
                float[] out = padded(rng, off + 2, n, -4f, 4f);
                float[] expected = copy(out);
                float[] actual = copy(out);
                run(SCALAR_ELEMENTWISE, op, a, off, b, off + 1, expected, off + 2, n);
                run(VECTOR_ELEMENTWISE, op, a, off, b, off + 1, actual, off + 2, n);
                assertClose(at(op.name(), n, off), expected, actual, Tolerance.EXACT);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Binary.class)
    void arithmeticWorksInPlace(Binary op) {
        RandomGenerator rng = Seeds.generator(23 + op.ordinal());
        int n = 37;
        int off = 3;
        float[] a = padded(rng, off, n, -4f, 4f);
        float[] b = padded(rng, off, n, 0.5f, 4f);
        float[] expected = copy(a);
        float[] actual = copy(a);
        run(SCALAR_ELEMENTWISE, op, expected, off, b, off, expected, off, n);
        run(VECTOR_ELEMENTWISE, op, actual, off, b, off, actual, off, n);
        assertClose(at(op.name() + " in place", n, off), expected, actual, Tolerance.EXACT);
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryMatchesReference(UnaryOp op) {
        RandomGenerator rng = Seeds.generator(31 + op.ordinal());
        for (int n : LENGTHS) {
            for (int off : OFFSETS) {
                float[] x = withSpecials(input(op, rng, off, n), off, n);
                float[] expected = padded(rng, off + 1, n, -1f, 1f);
                float[] actual = copy(expected);
                SCALAR_ELEMENTWISE.unary(op, x, off, expected, off + 1, n);
                VECTOR_ELEMENTWISE.unary(op, x, off, actual, off + 1, n);
                assertClose(at(op.name(), n, off), expected, actual, forwardTolerance(op));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryWorksInPlace(UnaryOp op) {
        RandomGenerator rng = Seeds.generator(37 + op.ordinal());
        int n = 41;
        int off = 5;
        float[] expected = input(op, rng, off, n);
        float[] actual = copy(expected);
        SCALAR_ELEMENTWISE.unary(op, expected, off, expected, off, n);
        VECTOR_ELEMENTWISE.unary(op, actual, off, actual, off, n);
        assertClose(at(op.name() + " in place", n, off), expected, actual, forwardTolerance(op));
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryBackwardMatchesReferenceAndAccumulates(UnaryOp op) {
        RandomGenerator rng = Seeds.generator(41 + op.ordinal());
        for (int n : LENGTHS) {
            for (int off : OFFSETS) {
                float[] x = withSpecials(input(op, rng, off, n), off, n);
                float[] y = new float[x.length];
                SCALAR_ELEMENTWISE.unary(op, x, 0, y, 0, x.length);
                float[] gy = padded(rng, off, n, -1f, 1f);
                // gradients already hold a contribution that both must keep
                float[] expected = padded(rng, off + 2, n, -1f, 1f);
                float[] actual = copy(expected);
                SCALAR_ELEMENTWISE.unaryBackward(op, x, off, y, off, gy, off, expected, off + 2, n);
                VECTOR_ELEMENTWISE.unaryBackward(op, x, off, y, off, gy, off, actual, off + 2, n);
                assertClose(at(op.name() + " backward", n, off), expected, actual, backwardTolerance(op));
            }
        }
    }

    /** In training the backward pass gets the vector forward's y, from which it takes Phi. */
    @Test
    void geluErfBackwardFromTheVectorForwardMatchesReference() {
        RandomGenerator rng = Seeds.generator(47);
        for (int n : LENGTHS) {
            float[] x = withSpecials(padded(rng, 0, n, -15f, 15f), 0, n);
            float[] y = new float[x.length];
            VECTOR_ELEMENTWISE.unary(UnaryOp.GELU_ERF, x, 0, y, 0, x.length);
            float[] gy = padded(rng, 0, n, -1f, 1f);
            float[] expected = padded(rng, 0, n, -1f, 1f);
            float[] actual = copy(expected);
            SCALAR_ELEMENTWISE.unaryBackward(UnaryOp.GELU_ERF, x, 0, y, 0, gy, 0, expected, 0, n);
            VECTOR_ELEMENTWISE.unaryBackward(UnaryOp.GELU_ERF, x, 0, y, 0, gy, 0, actual, 0, n);
            assertClose(at("GELU_ERF backward, vector y", n, 0), expected, actual, backwardTolerance(UnaryOp.GELU_ERF));
        }
    }

    @ParameterizedTest
    @ValueSource(floats = {2f, 3f, 0.5f, -1.5f, 1.7f, 0f, 1f})
    void powMatchesReference(float p) {
        RandomGenerator rng = Seeds.generator(53 + Float.floatToIntBits(p));
        boolean integral = p == Math.rint(p);
        for (int n : LENGTHS) {
            for (int off : OFFSETS) {
                // negative bases only where the power is defined for them
                float[] x = withSpecials(padded(rng, off, n, integral ? -3f : 0.05f, 3f), off, n);
                float[] expected = padded(rng, off + 1, n, -1f, 1f);
                float[] actual = copy(expected);
                SCALAR_ELEMENTWISE.pow(p, x, off, expected, off + 1, n);
                VECTOR_ELEMENTWISE.pow(p, x, off, actual, off + 1, n);
                assertClose(at("pow " + p, n, off), expected, actual, Tolerance.EXACT);
            }
        }
    }

    /**
     * The tests above run mostly before the JIT compiles the vector loops; repeating each call a
     * few thousand times checks the compiled code too (that it gives the very same bits is
     * {@link JitIndependenceTest}'s job).
     */
    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = {"EXP", "LOG", "TANH", "SIGMOID", "GELU", "GELU_ERF"})
    void transcendentalsStillMatchReferenceOnceCompiled(UnaryOp op) {
        RandomGenerator rng = Seeds.generator(59 + op.ordinal());
        int n = 1000;
        float[] x = input(op, rng, 0, n);
        float[] y = new float[x.length];
        SCALAR_ELEMENTWISE.unary(op, x, 0, y, 0, x.length);
        float[] gy = padded(rng, 0, n, -1f, 1f);
        float[] expected = new float[x.length];
        float[] expectedGrad = new float[x.length];
        SCALAR_ELEMENTWISE.unaryBackward(op, x, 0, y, 0, gy, 0, expectedGrad, 0, n);
        float[] actual = new float[x.length];
        float[] actualGrad = new float[x.length];
        SCALAR_ELEMENTWISE.unary(op, x, 0, expected, 0, n);
        for (int rep = 0; rep < 1500; rep++) {
            VECTOR_ELEMENTWISE.unary(op, x, 0, actual, 0, n);
            Arrays.fill(actualGrad, 0f);
            VECTOR_ELEMENTWISE.unaryBackward(op, x, 0, y, 0, gy, 0, actualGrad, 0, n);
        }
        assertClose(op + " after warm-up", expected, actual, forwardTolerance(op));
        assertClose(op + " backward after warm-up", expectedGrad, actualGrad, backwardTolerance(op));
    }

    @Test
    void emptyRunWritesNothing() {
        float[] out = {1f, 2f};
        VECTOR_ELEMENTWISE.add(new float[0], 0, new float[0], 0, out, 0, 0);
        VECTOR_ELEMENTWISE.unary(UnaryOp.EXP, new float[0], 0, out, 1, 0);
        assertClose("untouched", new float[] {1f, 2f}, out, Tolerance.EXACT);
    }

    private static void run(ElementwiseKernels k, Binary op, float[] a, int aOff, float[] b, int bOff,
                            float[] out, int outOff, int n) {
        switch (op) {
            case ADD -> k.add(a, aOff, b, bOff, out, outOff, n);
            case SUB -> k.sub(a, aOff, b, bOff, out, outOff, n);
            case MUL -> k.mul(a, aOff, b, bOff, out, outOff, n);
            case DIV -> k.div(a, aOff, b, bOff, out, outOff, n);
            case AFFINE -> k.affine(1.7f, -0.3f, a, aOff, out, outOff, n);
            case AXPY -> k.axpy(-0.7f, a, aOff, out, outOff, n);
            case MUL_ACCUMULATE -> k.mulAccumulate(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /** Inputs in each op's natural domain: positive for LOG and SQRT. */
    static float[] input(UnaryOp op, RandomGenerator rng, int off, int n) {
        return switch (op) {
            case LOG, SQRT -> padded(rng, off, n, 1e-3f, 20f);
            case SIGMOID -> padded(rng, off, n, -20f, 20f);
            default -> padded(rng, off, n, -8f, 8f);
        };
    }

    static Tolerance forwardTolerance(UnaryOp op) {
        return switch (op) {
            case NEG, SQRT, RELU, ABS, SQUARE -> Tolerance.EXACT;
            case EXP, LOG -> Tolerance.of(0, 1.2e-7);
            case TANH -> Tolerance.of(0, 2.4e-7);
            case SIGMOID -> Tolerance.of(1e-30, 1e-6);
            case GELU -> Tolerance.of(1e-6, 1e-6);
            case GELU_ERF -> Tolerance.of(GELU_ERF_SUBNORMAL, 8e-7);
        };
    }

    /** Every derivative but the GELUs' is formed from x and the given y alone, in the same order. */
    static Tolerance backwardTolerance(UnaryOp op) {
        return switch (op) {
            case GELU -> Tolerance.of(2e-5, 1e-6);
            case GELU_ERF -> Tolerance.of(3e-7, 1e-6);
            default -> Tolerance.EXACT;
        };
    }
}
