package dev.thirty.nn.functional;

import dev.thirty.kernels.ElementwiseKernels;
import dev.thirty.kernels.Kernels;
import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout (Hinton et al., 2012; Srivastava et al., 2014): each element is zeroed with
 * probability p and the survivors are scaled by {@code 1 / (1 - p)}, so the expected output
 * equals the input and evaluation needs no rescaling. (The papers scale the weights by
 * {@code 1 - p} at test time instead; the two are equivalent in expectation.)
 *
 * <p>{@code y = x * m}, {@code m_i = 0} with probability p else {@code 1 / (1 - p)}; backward
 * {@code dx = dy * m}. Shapes: y like x. The mask is drawn from the given generator, one
 * {@code nextFloat()} per element in row-major order (element i is dropped when its draw is below
 * p), so the same seed gives the same mask. Whether to apply dropout at all (training versus
 * evaluation) is the caller's decision: this function always applies it.
 */
public final class Dropout {

    private Dropout() {
    }

    /**
     * {@code x} with each element dropped with probability {@code p} and the rest scaled by
     * {@code 1 / (1 - p)}; {@code x} itself when {@code p == 0} (no draws are made).
     *
     * @throws IllegalArgumentException when p is not in [0, 1)
     */
    public static Tensor dropout(Tensor x, float p, RandomGenerator rng) {
        if (!(p >= 0f && p < 1f)) {
            throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
        }
        if (p == 0f) {
            return x;
        }
        float keepScale = 1f / (1f - p);
        float[] mask = new float[x.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextFloat() < p ? 0f : keepScale;
        }
        ElementwiseKernels k = Kernels.active().elementwise();
        float[] y = new float[mask.length];
        k.mul(x.data(), 0, mask, 0, y, 0, y.length);
        return Tensor.derived("dropout", x.shape(), y, (g, grads) -> {
            if (grads[0] != null) {
                k.mulAccumulate(g, 0, mask, 0, grads[0], 0, g.length);
            }
        }, x);
    }
}
