package dev.thirty.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Arithmetic;
import dev.thirty.tensor.Pointwise;
import dev.thirty.tensor.Reductions;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Tolerance;
import org.junit.jupiter.api.Test;

class AutogradTest {

    @Test
    void chainOfAHundredThousandOpsBackpropagatesIteratively() {
        Tensor x = Tensor.vector(2f, -1f).requiringGrad();
        Tensor y = x;
        for (int i = 0; i < 50_000; i++) {
            y = Arithmetic.add(y, 0f);
            y = Arithmetic.mul(y, 1f);
        }
        Reductions.sum(Arithmetic.mul(y, 3f)).backward();
        FloatAssert.assertIdentical("d(3 * sum(x))/dx", new float[] {3f, 3f}, x.grad().toArray());
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor x = Tensor.vector(1f, 2f, 3f).requiringGrad();
        Reductions.sum(Arithmetic.mul(x, x)).backward();
        Reductions.sum(Arithmetic.mul(x, x)).backward();
        FloatAssert.assertIdentical("two backward calls", new float[] {4f, 8f, 12f}, x.grad().toArray());
        x.zeroGrad();
        FloatAssert.assertIdentical("after zeroGrad", new float[] {0f, 0f, 0f}, x.grad().toArray());
        Reductions.sum(x).backward();
        FloatAssert.assertIdentical("after zeroGrad and one call", new float[] {1f, 1f, 1f}, x.grad().toArray());
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = Tensor.vector(3f, -2f).requiringGrad();
        // y = x * stop_gradient(x): the gradient is x, not 2x.
        Reductions.sum(Arithmetic.mul(x, x.detach())).backward();
        FloatAssert.assertIdentical("d(x * detach(x))/dx", new float[] {3f, -2f}, x.grad().toArray());
        assertFalse(x.detach().requiresGrad());
        assertTrue(x.detach().isLeaf());
    }

    @Test
    void resultsComputedUnderNoGradDoNotRequireGrad() {
        Tensor x = Tensor.vector(1f, 2f).requiringGrad();
        Tensor y = GradMode.noGrad(() -> Pointwise.exp(Arithmetic.mul(x, x)));
        assertFalse(y.requiresGrad());
        assertNull(y.node());
        assertTrue(GradMode.isEnabled());
        assertTrue(Arithmetic.mul(x, x).requiresGrad());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Reductions.sum(y).backward());
        assertTrue(e.getMessage().startsWith("backward: the tensor () does not require gradients"), e.getMessage());
    }

    @Test
    void backwardOnANonScalarWithoutAGradientFailsClearly() {
        Tensor x = Tensor.ones(2, 3).requiringGrad();
        Tensor y = Arithmetic.mul(x, 2f);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("backward: called on a tensor of shape (2, 3); pass the gradient explicitly for tensors"
                + " with more than one element", e.getMessage());
    }

    @Test
    void diamondGraphSumsGradientsOverBothPaths() {
        Tensor a = Tensor.vector(2f, -3f, 0.5f).requiringGrad();
        Tensor b = Tensor.vector(4f, 5f, -6f).requiringGrad();
        // y = sum(a * b + a): dy/da = b + 1, dy/db = a.
        Reductions.sum(Arithmetic.add(Arithmetic.mul(a, b), a)).backward();
        FloatAssert.assertIdentical("dy/da", new float[] {5f, 6f, -5f}, a.grad().toArray());
        FloatAssert.assertIdentical("dy/db", new float[] {2f, -3f, 0.5f}, b.grad().toArray());
    }

    @Test
    void sharedIntermediatePropagatesItsFullGradientOnce() {
        Tensor x = Tensor.vector(1f, -2f).requiringGrad();
        Tensor z = Pointwise.exp(x);
        // y = sum(z * z + z): dy/dx = (2z + 1) * z.
        Reductions.sum(Arithmetic.add(Arithmetic.mul(z, z), z)).backward();
        float[] e = {(float) Math.exp(1), (float) Math.exp(-2)};
        FloatAssert.assertClose("dy/dx", new float[] {(2 * e[0] + 1) * e[0], (2 * e[1] + 1) * e[1]},
                x.grad().toArray(), Tolerance.of(1e-6, 1e-6));
    }
}
