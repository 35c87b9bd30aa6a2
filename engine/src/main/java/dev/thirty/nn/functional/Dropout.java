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

    /**
     * Channel dropout (Tompson et al., 2015; PyTorch's {@code Dropout2d}): each whole channel of each
     * image of an {@code (N, C, H, W)} tensor is zeroed with probability {@code p} and the others are
     * scaled by {@code 1 / (1 - p)}. One {@code nextFloat()} per (image, channel), in order; {@code x}
     * itself when {@code p == 0}.
     *
     * @throws IllegalArgumentException when p is not in [0, 1) or x is not 4-D
     */
    public static Tensor dropout2d(Tensor x, float p, RandomGenerator rng) {
        if (!(p >= 0f && p < 1f)) {
            throw new IllegalArgumentException("dropout2d: p must be in [0, 1), got " + p);
        }
        if (x.rank() != 4) {
            throw new IllegalArgumentException("dropout2d: x must be (N, C, H, W), got " + x.shape());
        }
        if (p == 0f) {
            return x;
        }
        float keepScale = 1f / (1f - p);
        int planes = x.dim(0) * x.dim(1);
        int plane = x.dim(2) * x.dim(3);
        float[] scale = new float[planes];
        for (int i = 0; i < planes; i++) {
            scale[i] = rng.nextFloat() < p ? 0f : keepScale;
        }
        float[] xd = x.data();
        float[] y = new float[x.size()];
        for (int i = 0; i < planes; i++) {
            float s = scale[i];
            for (int j = i * plane, end = j + plane; j < end; j++) {
                y[j] = xd[j] * s;
            }
        }
        return Tensor.derived("dropout2d", x.shape(), y, (g, grads) -> {
            float[] gx = grads[0];
            if (gx == null) {
                return;
            }
            for (int i = 0; i < planes; i++) {
                float s = scale[i];
                for (int j = i * plane, end = j + plane; j < end; j++) {
                    gx[j] += g[j] * s;
                }
            }
        }, x);
    }
}
