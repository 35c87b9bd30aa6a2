package dev.thirty.kernels;

import static dev.thirty.kernels.Conformance.LENGTHS;
import static dev.thirty.kernels.Conformance.OFFSETS;
import static dev.thirty.kernels.Conformance.at;
import static dev.thirty.kernels.Conformance.copy;
import static dev.thirty.testkit.FloatAssert.assertClose;
import static dev.thirty.testkit.FloatAssert.assertIdentical;

import java.util.random.RandomGenerator;

import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorLstm} against {@link ScalarLstm} on seeded random rows of many widths (around the
 * vector widths, tails included) at unaligned offsets.
 *
 * <p>Tolerances. Forward: each sigmoid and tanh is within 2 ulps (relative {@code 2.4e-7}) of
 * the reference's; {@code C = f C_prev + i g} with {@code |C_prev| <= 4} then carries at most
 * about {@code 2 * 4 * 2.4e-7 ~ 2e-6} absolute, and {@code tanh(C)} and {@code h} (both of
 * derivative at most 1 in {@code C}) the same plus their own 2 ulps, hence absolute
 * {@code 4e-6}. Backward: plain multiplies and adds in the reference's order, so given the same
 * activations it must agree bit for bit.
 */
class VectorLstmConformanceTest {

    private static final LstmKernels SCALAR = LstmKernels.of(Backend.SCALAR);
    private static final LstmKernels VECTOR = LstmKernels.of(Backend.VECTOR);
    private static final Tolerance FORWARD = Tolerance.of(4e-6, 2.4e-7);

    /** One row's buffers, each with its run at {@code off} and padding around it. */
    private record Row(float[] gates, float[] cPrev, float[] c, float[] tanhC, float[] h) {

        static Row random(RandomGenerator rng, int off, int hidden) {
            return new Row(Seeds.uniform(rng, off + 4 * hidden + 5, -6f, 6f),
                    Seeds.uniform(rng, off + hidden + 5, -4f, 4f), Seeds.uniform(rng, off + hidden + 5, -1f, 1f),
                    Seeds.uniform(rng, off + hidden + 5, -1f, 1f), Seeds.uniform(rng, off + hidden + 5, -1f, 1f));
        }

        Row copyRow() {
            return new Row(copy(gates), copy(cPrev), copy(c), copy(tanhC), copy(h));
        }

        void forward(LstmKernels k, int off, int hidden) {
            k.forward(hidden, gates, off, cPrev, off, c, off, tanhC, off, h, off);
        }
    }

    @Test
    void forwardMatchesReference() {
        RandomGenerator rng = Seeds.generator(61);
        for (int hidden : LENGTHS) {
            for (int off : OFFSETS) {
                Row expected = Row.random(rng, off, hidden);
                Row actual = expected.copyRow();
                expected.forward(SCALAR, off, hidden);
                actual.forward(VECTOR, off, hidden);
                assertClose(at("activations", hidden, off), expected.gates, actual.gates, FORWARD);
                assertClose(at("C", hidden, off), expected.c, actual.c, FORWARD);
                assertClose(at("tanh C", hidden, off), expected.tanhC, actual.tanhC, FORWARD);
                assertClose(at("h", hidden, off), expected.h, actual.h, FORWARD);
            }
        }
    }

    @Test
    void forwardMayWriteTheCellStateInPlace() {
        RandomGenerator rng = Seeds.generator(67);
        int hidden = 37;
        int off = 3;
        for (LstmKernels k : new LstmKernels[] {SCALAR, VECTOR}) {
            Row separate = Row.random(rng, off, hidden);
            Row inPlace = separate.copyRow();
            separate.forward(k, off, hidden);
            k.forward(hidden, inPlace.gates, off, inPlace.cPrev, off, inPlace.cPrev, off, inPlace.tanhC, off,
                    inPlace.h, off);
            assertIdentical(k.getClass().getSimpleName() + " C in place", copyRun(separate.c, off, hidden),
                    copyRun(inPlace.cPrev, off, hidden));
            assertIdentical(k.getClass().getSimpleName() + " h with C in place", separate.h, inPlace.h);
        }
    }

    @Test
    void backwardMatchesReferenceBitForBit() {
        RandomGenerator rng = Seeds.generator(71);
        for (int hidden : LENGTHS) {
            for (int off : OFFSETS) {
                Row row = Row.random(rng, off, hidden);
                row.forward(SCALAR, off, hidden);
                float[] dh = Seeds.uniform(rng, off + hidden + 5, -1f, 1f);
                float[] dcExpected = Seeds.uniform(rng, off + hidden + 5, -1f, 1f);
                float[] dcActual = copy(dcExpected);
                float[] dzExpected = Seeds.uniform(rng, off + 4 * hidden + 5, -1f, 1f);
                float[] dzActual = copy(dzExpected);
                SCALAR.backward(hidden, row.gates, off, row.tanhC, off, row.cPrev, off, dh, off, dcExpected, off,
                        dzExpected, off);
                VECTOR.backward(hidden, row.gates, off, row.tanhC, off, row.cPrev, off, dh, off, dcActual, off,
                        dzActual, off);
                assertIdentical(at("dz", hidden, off), dzExpected, dzActual);
                assertIdentical(at("dC_prev", hidden, off), dcExpected, dcActual);
            }
        }
    }

    @Test
    void backwardMatchesFiniteDifferencesOfForward() {
        // loss = sum(wh * h) + sum(wc * C); check d loss / d z and d loss / d C_prev
        RandomGenerator rng = Seeds.generator(73);
        int hidden = 11;
        Row row = Row.random(rng, 0, hidden);
        float[] wh = Seeds.uniform(rng, hidden, -1f, 1f);
        float[] wc = Seeds.uniform(rng, hidden, -1f, 1f);
        float[] z = copy(row.gates);
        Row fwd = row.copyRow();
        fwd.forward(SCALAR, 0, hidden);
        float[] dc = copy(wc);
        float[] dz = new float[4 * hidden];
        SCALAR.backward(hidden, fwd.gates, 0, fwd.tanhC, 0, row.cPrev, 0, wh, 0, dc, 0, dz, 0);
        float[] numeric = new float[4 * hidden];
        for (int k = 0; k < 4 * hidden; k++) {
            numeric[k] = (float) centralDifference(z, k, row.cPrev, false, wh, wc, hidden);
        }
        assertClose("dz", numeric, copyRun(dz, 0, 4 * hidden), Tolerance.of(2e-3, 1e-2));
        float[] numericC = new float[hidden];
        for (int k = 0; k < hidden; k++) {
            numericC[k] = (float) centralDifference(z, k, row.cPrev, true, wh, wc, hidden);
        }
        assertClose("dC_prev", numericC, copyRun(dc, 0, hidden), Tolerance.of(2e-3, 1e-2));
    }

    private static double centralDifference(float[] z, int k, float[] cPrev, boolean wrtCell, float[] wh, float[] wc,
                                            int hidden) {
        float eps = 1e-2f;
        float[] zp = copy(z);
        float[] zm = copy(z);
        float[] cp = copy(cPrev);
        float[] cm = copy(cPrev);
        if (wrtCell) {
            cp[k] += eps;
            cm[k] -= eps;
        } else {
            zp[k] += eps;
            zm[k] -= eps;
        }
        return (loss(zp, cp, wh, wc, hidden) - loss(zm, cm, wh, wc, hidden)) / (2 * eps);
    }

    private static double loss(float[] z, float[] cPrev, float[] wh, float[] wc, int hidden) {
        float[] c = new float[hidden];
        float[] t = new float[hidden];
        float[] h = new float[hidden];
        SCALAR.forward(hidden, copy(z), 0, cPrev, 0, c, 0, t, 0, h, 0);
        double sum = 0;
        for (int j = 0; j < hidden; j++) {
            sum += (double) wh[j] * h[j] + (double) wc[j] * c[j];
        }
        return sum;
    }

    private static float[] copyRun(float[] x, int off, int n) {
        float[] out = new float[n];
        System.arraycopy(x, off, out, 0, n);
        return out;
    }
}
