package dev.thirty.kernels;

import static dev.thirty.kernels.Conformance.SCALAR_ELEMENTWISE;
import static dev.thirty.kernels.Conformance.VECTOR_ELEMENTWISE;
import static dev.thirty.kernels.Conformance.VECTOR_REDUCTIONS;
import static dev.thirty.kernels.Conformance.padded;
import static dev.thirty.kernels.Conformance.withSpecials;
import static dev.thirty.testkit.FloatAssert.assertIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

import dev.thirty.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels step through a run in whole vectors of {@code L} lanes and finish with one
 * masked step. The last step must be the same computation as the others: an elementwise result
 * does not depend on where its element falls (a run of n gives, bit for bit, the first n results
 * of a longer run, and writes nothing past n), and a reduction feeds the last step's lanes into the
 * same accumulator lanes as the documented order says, reproduced here in scalar float arithmetic.
 */
class VectorTailTest {

    private static final int L = VectorElementwise.L;

    /** Lengths around the vector width and around the reductions' blocks of {@code 4 L}. */
    private static final int[] LENGTHS = {0, 1, L - 1, L, L + 1, 2 * L + 3, 4 * L - 1, 4 * L, 4 * L + 1,
        5 * L + 3, 9 * L - 1};

    private static final int LONG = 10 * L + 5;

    /** One kernel call writing {@code n} results into {@code out} at offset 2. */
    private interface Call {
        void run(int n, float[] out);
    }

    @Test
    void elementwiseResultsOfAShortRunArePrefixesOfALongerRun() {
        RandomGenerator rng = Seeds.generator(97);
        for (Map.Entry<String, Call> call : elementwiseCalls(rng).entrySet()) {
            float[] before = padded(rng, 2, LONG, -1f, 1f);
            float[] whole = before.clone();
            call.getValue().run(LONG, whole);
            for (int n : LENGTHS) {
                float[] expected = before.clone();
                System.arraycopy(whole, 2, expected, 2, n);
                float[] actual = before.clone();
                call.getValue().run(n, actual);
                assertIdentical(call.getKey() + " (n=" + n + ", L=" + L + ")", expected, actual);
            }
        }
    }

    private static Map<String, Call> elementwiseCalls(RandomGenerator rng) {
        float[] a = withSpecials(padded(rng, 1, LONG, -4f, 4f), 1, LONG);
        float[] b = padded(rng, 3, LONG, 0.5f, 4f);
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("add", (n, out) -> VECTOR_ELEMENTWISE.add(a, 1, b, 3, out, 2, n));
        calls.put("sub", (n, out) -> VECTOR_ELEMENTWISE.sub(a, 1, b, 3, out, 2, n));
        calls.put("mul", (n, out) -> VECTOR_ELEMENTWISE.mul(a, 1, b, 3, out, 2, n));
        calls.put("div", (n, out) -> VECTOR_ELEMENTWISE.div(a, 1, b, 3, out, 2, n));
        calls.put("affine", (n, out) -> VECTOR_ELEMENTWISE.affine(1.7f, -0.3f, a, 1, out, 2, n));
        calls.put("axpy", (n, out) -> VECTOR_ELEMENTWISE.axpy(-0.7f, a, 1, out, 2, n));
        calls.put("mulAccumulate", (n, out) -> VECTOR_ELEMENTWISE.mulAccumulate(a, 1, b, 3, out, 2, n));
        for (UnaryOp op : UnaryOp.values()) {
            float[] x = withSpecials(VectorElementwiseConformanceTest.input(op, rng, 1, LONG), 1, LONG);
            float[] y = new float[x.length];
            SCALAR_ELEMENTWISE.unary(op, x, 0, y, 0, x.length);
            calls.put(op.name(), (n, out) -> VECTOR_ELEMENTWISE.unary(op, x, 1, out, 2, n));
            calls.put(op.name() + " backward",
                    (n, out) -> VECTOR_ELEMENTWISE.unaryBackward(op, x, 1, y, 1, b, 3, out, 2, n));
        }
        return calls;
    }

    /** One lane's step of a reduction: the accumulator and the lane's elements of a and b. */
    private interface LaneStep {
        float apply(float acc, float a, float b);
    }

    /** Combines two accumulators or two lanes. */
    private interface Combine {
        float apply(float u, float v);
    }

    @Test
    void reductionsFollowTheirDocumentedOrderBitForBit() {
        RandomGenerator rng = Seeds.generator(101);
        for (int n : LENGTHS) {
            for (int off : new int[] {0, 5}) {
                // magnitudes from 1e-3 to 1e3, so that any other order rounds differently
                float[] a = spread(rng, off + n + 3);
                float[] b = spread(rng, off + n + 4);
                String what = " (n=" + n + ", offset=" + off + ", L=" + L + ")";
                assertSameBits("sum" + what, ordered(a, off, b, off, n, 0f, (acc, u, v) -> acc + u, 0f, Float::sum),
                        VECTOR_REDUCTIONS.sum(a, off, n));
                assertSameBits("dot" + what, ordered(a, off, b, off + 1, n, 0f, (acc, u, v) -> Math.fma(u, v, acc),
                        0f, Float::sum), VECTOR_REDUCTIONS.dot(a, off, b, off + 1, n));
                if (n > 0) {
                    // a masked-off lane leaves its accumulator as it is, which -infinity does too
                    float inf = Float.NEGATIVE_INFINITY;
                    assertSameBits("max" + what, ordered(a, off, b, off, n, inf, (acc, u, v) -> Math.max(acc, u),
                            inf, Math::max), VECTOR_REDUCTIONS.max(a, off, n));
                }
            }
        }
    }

    /**
     * {@link VectorReductions}' order in scalar arithmetic: four accumulators of L lanes over blocks
     * of 4 L, the rest into the first, lanes past n reading {@code pad}; then
     * {@code (acc0 + acc1) + (acc2 + acc3)} and the lanes by the pairwise tree, partner
     * {@code (k + width) mod L} for width L/2 down to 1.
     */
    private static float ordered(float[] a, int aOff, float[] b, int bOff, int n, float init, LaneStep step,
                                 float pad, Combine combine) {
        float[][] acc = new float[4][L];
        for (float[] lanes : acc) {
            Arrays.fill(lanes, init);
        }
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            for (int k = 0; k < 4 * L; k++) {
                acc[k / L][k % L] = step.apply(acc[k / L][k % L], a[aOff + i + k], b[bOff + i + k]);
            }
        }
        for (; i < n; i += L) {
            for (int k = 0; k < L; k++) {
                boolean in = i + k < n;
                acc[0][k] = step.apply(acc[0][k], in ? a[aOff + i + k] : pad, in ? b[bOff + i + k] : pad);
            }
        }
        float[] v = new float[L];
        for (int k = 0; k < L; k++) {
            v[k] = combine.apply(combine.apply(acc[0][k], acc[1][k]), combine.apply(acc[2][k], acc[3][k]));
        }
        for (int width = L / 2; width >= 1; width /= 2) {
            float[] next = new float[L];
            for (int k = 0; k < L; k++) {
                next[k] = combine.apply(v[k], v[(k + width) % L]);
            }
            v = next;
        }
        return v[0];
    }

    private static float[] spread(RandomGenerator rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(-3, 4)));
        }
        return x;
    }

    private static void assertSameBits(String what, float expected, float actual) {
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual),
                () -> what + ": expected " + expected + ", got " + actual);
    }
}
