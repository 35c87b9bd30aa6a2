package dev.thirty.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thirty.kernels.Transpose;
import dev.thirty.testing.TensorGradCheck;
import dev.thirty.testing.TensorGradCheck.Input;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class LinearAlgebraTest {

    /** Naive batched product for reference, with explicit transposes. */
    private static float[] naive(float[] a, boolean ta, float[] b, boolean tb, int batches,
                                 boolean aShared, boolean bShared, int m, int n, int k) {
        float[] c = new float[batches * m * n];
        for (int bi = 0; bi < batches; bi++) {
            int ao = aShared ? 0 : bi * m * k;
            int bo = bShared ? 0 : bi * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        float av = ta ? a[ao + p * m + i] : a[ao + i * k + p];
                        float bv = tb ? b[bo + j * k + p] : b[bo + p * n + j];
                        s += av * bv;
                    }
                    c[bi * m * n + i * n + j] = (float) s;
                }
            }
        }
        return c;
    }

    @Test
    void matmulMatchesNaiveProductForAllTransposes() {
        RandomGenerator rng = Seeds.generator(1);
        int m = 5;
        int n = 7;
        int k = 3;
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                float[] a = Seeds.uniform(rng, m * k, -1, 1);
                float[] b = Seeds.uniform(rng, k * n, -1, 1);
                Tensor at = ta == Transpose.N ? Tensor.of(a, m, k) : Tensor.of(a, k, m);
                Tensor bt = tb == Transpose.N ? Tensor.of(b, k, n) : Tensor.of(b, n, k);
                Tensor c = LinearAlgebra.matmul(at, ta, bt, tb);
                assertEquals(Shape.of(m, n), c.shape());
                FloatAssert.assertClose("matmul " + ta + tb,
                        naive(a, ta == Transpose.T, b, tb == Transpose.T, 1, false, false, m, n, k),
                        c.toArray(), Tolerance.of(1e-5, 1e-5));
            }
        }
    }

    @Test
    void batchedMatmulBroadcastsBatchAxes() {
        RandomGenerator rng = Seeds.generator(2);
        float[] a = Seeds.uniform(rng, 3 * 4 * 2, -1, 1);
        float[] b = Seeds.uniform(rng, 2 * 5, -1, 1);
        // (3, 4, 2) x (1, 2, 5): b's batch of one is shared by all three.
        Tensor c = LinearAlgebra.matmul(Tensor.of(a, 3, 4, 2), Tensor.of(b, 1, 2, 5));
        assertEquals(Shape.of(3, 4, 5), c.shape());
        FloatAssert.assertClose("batched", naive(a, false, b, false, 3, false, true, 4, 5, 2),
                c.toArray(), Tolerance.of(1e-5, 1e-5));
    }

    @Test
    void matmulBackwardMatchesFiniteDifferences() {
        RandomGenerator rng = Seeds.generator(3);
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                int[] aShape = ta == Transpose.N ? new int[] {2, 3, 4} : new int[] {2, 4, 3};
                int[] bShape = tb == Transpose.N ? new int[] {4, 5} : new int[] {5, 4};
                TensorGradCheck.check("matmul " + ta + tb, x -> LinearAlgebra.matmul(x[0], ta, x[1], tb), rng,
                        Input.of(Seeds.uniform(rng, 24, -1, 1), aShape),
                        Input.of(Seeds.uniform(rng, 20, -1, 1), bShape));
                int[] bBatched = tb == Transpose.N ? new int[] {1, 4, 5} : new int[] {1, 5, 4};
                TensorGradCheck.check("batched matmul " + ta + tb,
                        x -> LinearAlgebra.matmul(x[0], ta, x[1], tb), rng,
                        Input.of(Seeds.uniform(rng, 24, -1, 1), aShape),
                        Input.of(Seeds.uniform(rng, 20, -1, 1), bBatched));
            }
        }
    }

    @Test
    void mismatchedInnerDimensionsNameTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearAlgebra.matmul(Tensor.zeros(12, 64, 128), Transpose.N, Tensor.zeros(65, 128), Transpose.N));
        assertEquals("matmul: (12, 64, 128) x (65, 128): inner dimensions 128 and 65 differ", e.getMessage());
    }

    @Test
    void vectorOperandsAreRejectedWithTheirShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearAlgebra.matmul(Tensor.zeros(3), Tensor.zeros(3, 2)));
        assertEquals("matmul: (3,) x (3, 2): both operands need at least two dimensions", e.getMessage());
    }
}
