package dev.thirty.nn.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.kernels.ResponseNorm;
import dev.thirty.tensor.Tensor;
import dev.thirty.testing.TensorGradCheck;
import dev.thirty.testing.TensorGradCheck.Input;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ResponseNormalizationTest {

    /** y = x (k + alpha S)^-beta with S over the clipped neighbourhood starting size / 2 before the element. */
    private static float[] reference(float[] x, int n, int c, int h, int w, ResponseNorm norm) {
        float[] y = new float[x.length];
        int lo = norm.size() / 2;
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double s = 0;
                        for (int d = 0; d < norm.size(); d++) {
                            if (norm.region() == ResponseNorm.Region.ACROSS_CHANNELS) {
                                int cc = ch - lo + d;
                                if (cc >= 0 && cc < c) {
                                    double v = x[((b * c + cc) * h + i) * w + j];
                                    s += v * v;
                                }
                            } else {
                                for (int e = 0; e < norm.size(); e++) {
                                    int r = i - lo + d;
                                    int q = j - lo + e;
                                    if (r >= 0 && r < h && q >= 0 && q < w) {
                                        double v = x[((b * c + ch) * h + r) * w + q];
                                        s += v * v;
                                    }
                                }
                            }
                        }
                        int at = ((b * c + ch) * h + i) * w + j;
                        y[at] = (float) (x[at] * Math.pow(norm.k() + norm.alpha() * s, -norm.beta()));
                    }
                }
            }
        }
        return y;
    }

    private static final ResponseNorm[] NORMS = {
        ResponseNorm.alexNetPaper(),
        ResponseNorm.pytorch(3, 0.3f, 0.75f, 2f),
        ResponseNorm.pytorch(4, 0.5f, 0.6f, 1f),
        ResponseNorm.cudaConvnetSameMap(3, 2f, 0.75f),
        ResponseNorm.cudaConvnetCrossMap(5, 1.5f, 0.75f),
    };

    @Test
    void forwardMatchesTheDefinitionAcrossAndWithinChannels() {
        RandomGenerator rng = Seeds.generator(51);
        for (ResponseNorm norm : NORMS) {
            float[] x = Seeds.normal(rng, 2 * 7 * 4 * 5, 0, 2);
            Tensor y = ResponseNormalization.localResponseNorm(Tensor.of(x, 2, 7, 4, 5), norm);
            assertEquals(Tensor.of(x, 2, 7, 4, 5).shape(), y.shape());
            FloatAssert.assertClose(norm.toString(), reference(x, 2, 7, 4, 5, norm), y.toArray(),
                    Tolerance.of(1e-5, 1e-5));
        }
    }

    @Test
    void theFactoriesTranslateEachSourcesAlpha() {
        assertEquals(0.1f, ResponseNorm.pytorch(3, 0.3f, 0.75f, 2f).alpha(), 1e-7f);
        assertEquals(1e-4f, ResponseNorm.alexNetPaper().alpha(), 0f);
        assertEquals(5e-5f / 9, ResponseNorm.cudaConvnetSameMap(3, 5e-5f, 0.75f).alpha(), 1e-12f);
        assertEquals(ResponseNorm.Region.WITHIN_CHANNEL, ResponseNorm.cudaConvnetSameMap(3, 5e-5f, 0.75f).region());
        assertEquals(1f, ResponseNorm.cudaConvnetSameMap(3, 5e-5f, 0.75f).k(), 0f);
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        RandomGenerator rng = Seeds.generator(52);
        for (ResponseNorm norm : NORMS) {
            TensorGradCheck.check("lrn " + norm, t -> ResponseNormalization.localResponseNorm(t[0], norm), rng,
                    Input.of(Seeds.normal(rng, 2 * 6 * 3 * 4, 0, 1), 2, 6, 3, 4));
        }
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResponseNormalization.localResponseNorm(Tensor.zeros(2, 3), ResponseNorm.alexNetPaper()));
        assertTrue(e.getMessage().contains("(N, C, H, W)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ResponseNorm.alexNet(0, 1e-4f, 0.75f, 2f));
        assertThrows(IllegalArgumentException.class, () -> ResponseNorm.alexNet(5, 1e-4f, 0.75f, 0f));
    }
}
