package dev.thirty.kernels;

import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link ElementwiseKernels#geluErf} and {@link ElementwiseKernels#geluErfBackward}, which keep
 * values from the forward for the backward, against {@code unary}/{@code unaryBackward} of
 * {@link UnaryOp#GELU_ERF}, which keep nothing: the same bits, for the vector kernels and the scalar
 * reference, at offsets, over whole vectors and tails, and at the special values (zeros, values
 * too small for y / x, infinities, NaN, far tails).
 */
class GeluErfKeptTest {

    private static final float[] SPECIAL = {
        0f, -0f, 1e-38f, -1e-38f, 0x1p-31f, -0x1p-31f, 0x1p-29f, 1e-45f, 1f, -1f, 3.5f, -3.5f, 9f, -9f, 13f, -13f, 15f,
        -15f, 40f, -40f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
    };

    @Test
    void vectorKernelsKeepingTheGaussianGiveTheSameBits() {
        assertSameBits(new VectorElementwise());
    }

    @Test
    void scalarReferenceGivesTheSameBits() {
        assertSameBits(new ScalarElementwise());
    }

    private static void assertSameBits(ElementwiseKernels k) {
        RandomGenerator rng = Seeds.generator(41);
        for (int n : new int[] {1, 7, 16, 31, 64, 1000, 1024, 1025, 3000}) {
            int off = 3;
            float[] x = new float[off + n];
            for (int i = 0; i < n; i++) {
                x[off + i] = i < SPECIAL.length && n > SPECIAL.length ? SPECIAL[i] : (float) (3 * rng.nextGaussian());
            }
            float[] x0 = x.clone();
            float[] gy = Seeds.normal(rng, off + n, 0f, 1f);
            float[] expectedY = new float[off + n];
            k.unary(UnaryOp.GELU_ERF, x, off, expectedY, off, n);
            float[] y = new float[off + n];
            float[] kept = new float[off + n + 5];
            k.geluErf(x, off, y, off, kept, off + 2, n);
            FloatAssert.assertIdentical("forward, n = " + n, expectedY, y);

            float[] start = Seeds.normal(rng, off + n, 0f, 1f);  // the backward adds into what is there
            float[] expectedGx = start.clone();
            k.unaryBackward(UnaryOp.GELU_ERF, x, off, expectedY, off, gy, off, expectedGx, off, n);
            float[] gx = start.clone();
            k.geluErfBackward(x, off, y, off, kept, off + 2, gy, off, gx, off, n);
            FloatAssert.assertIdentical("backward, n = " + n, expectedGx, gx);
            FloatAssert.assertIdentical("x untouched, n = " + n, x0, x);
        }
    }
}
