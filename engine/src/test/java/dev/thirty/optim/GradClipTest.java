package dev.thirty.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Parameter;
import dev.thirty.testkit.FloatAssert;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradClipTest {

    private static Parameter withGrad(float... g) {
        Parameter p = Parameter.zeros(g.length);
        System.arraycopy(g, 0, p.gradBuffer(), 0, g.length);
        return p;
    }

    @Test
    void clippingScalesAllGradientsToTheMaximumNormAndReturnsTheNormBefore() {
        Parameter a = withGrad(3, 0);
        Parameter b = withGrad(0, 4);   // global norm 5
        double norm = GradClip.clipGlobalNorm(List.of(a, b), 1.0);
        assertEquals(5.0, norm, 1e-12);
        float scale = (float) (1.0 / (5.0 + 1e-6));
        FloatAssert.assertIdentical("a", new float[] {3 * scale, 0}, a.grad().data());
        FloatAssert.assertIdentical("b", new float[] {0, 4 * scale}, b.grad().data());
        assertEquals(1.0, GradClip.globalNorm(List.of(a, b)), 1e-6);
    }

    @Test
    void gradientsBelowTheMaximumAreUnchanged() {
        Parameter a = withGrad(0.3f, -0.4f);
        assertEquals(0.5, GradClip.clipGlobalNorm(List.of(a), 1.0), 1e-7);
        FloatAssert.assertIdentical("a", new float[] {0.3f, -0.4f}, a.grad().data());
    }

    @Test
    void parametersWithoutGradientsAreSkipped() {
        Parameter none = Parameter.zeros(3);
        assertEquals(0.0, GradClip.clipGlobalNorm(List.of(none), 1.0));
        assertEquals(null, none.grad());
    }

    @Test
    void aNonFiniteNormIsReturnedAndGradientsAreLeftAlone() {
        Parameter a = withGrad(1, Float.NaN);
        Parameter b = withGrad(100, 0);
        assertTrue(Double.isNaN(GradClip.clipGlobalNorm(List.of(a, b), 1.0)));
        FloatAssert.assertIdentical("b", new float[] {100, 0}, b.grad().data());
        Parameter c = withGrad(Float.POSITIVE_INFINITY, 1);
        assertEquals(Double.POSITIVE_INFINITY, GradClip.clipGlobalNorm(List.of(c), 1.0));
    }

    @Test
    void normIsAccumulatedInDoubleSoLargeGradientsDoNotOverflow() {
        Parameter a = withGrad(3e30f, 4e30f);   // squares overflow float
        assertEquals(5e30, GradClip.clipGlobalNorm(List.of(a), 1.0), 1e24);
    }

    @Test
    void maxNormMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> GradClip.clipGlobalNorm(List.of(), 0));
    }

    @Test
    void clippingByValueClampsEachElementAndSkipsParametersWithoutGradients() {
        Parameter a = withGrad(7f, -0.5f, -9f, Float.NaN, Float.NEGATIVE_INFINITY);
        Parameter none = Parameter.zeros(2);
        GradClip.clipValues(List.of(a, none), 5.0);
        FloatAssert.assertIdentical("a", new float[] {5f, -0.5f, -5f, Float.NaN, -5f}, a.grad().data());
        assertEquals(null, none.grad());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradClip.clipValues(List.of(a), 0));
        assertTrue(e.getMessage().contains("clip"), e.getMessage());
    }
}
