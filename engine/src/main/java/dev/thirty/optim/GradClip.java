package dev.thirty.optim;

import dev.thirty.kernels.ComputePool;
import dev.thirty.tensor.Tensor;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gradient clipping by value, as PyTorch's {@code torch.nn.utils.clip_grad_value_} and char-rnn's
 * {@code grad_params:clamp(-clip, clip)}, and by global norm (Pascanu, Mikolov &amp; Bengio, 2013, "On the difficulty of
 * training recurrent neural networks", Algorithm 2), as PyTorch's
 * {@code torch.nn.utils.clip_grad_norm_}:
 *
 * <pre>
 * n = sqrt(sum over parameters and elements of grad^2)
 * grad = grad * maxNorm / (n + 1e-6)        only when that factor is below 1
 * </pre>
 *
 * Parameters without a gradient are skipped. The sum is accumulated in double.
 */
public final class GradClip {

    /** Added to the norm before dividing, as PyTorch does, so a zero gradient never divides by 0. */
    private static final double EPS = 1e-6;

    private GradClip() {
    }

    /**
     * The global L2 norm of the parameters' gradients (0 if none has one). Each parameter's sum of
     * squares is taken on one thread of the current compute pool, in four interleaved partial
     * sums (elements {@code j = r mod 4} in partial r, added in the order 0 + 1 + 2 + 3); the
     * parameters' sums are then added in parameter order. The order depends on nothing else, so
     * the norm is the same for any number of threads.
     */
    public static double globalNorm(List<? extends Tensor> params) {
        double[] sums = new double[params.size()];
        ComputePool.current().parallelFor(params.size(), i -> {
            Tensor grad = params.get(i).grad();
            sums[i] = grad == null ? 0 : sumOfSquares(grad.data());
        });
        double sumSq = 0;
        for (double s : sums) {
            sumSq += s;
        }
        return Math.sqrt(sumSq);
    }

    private static double sumOfSquares(float[] g) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 4 <= g.length; j += 4) {
            s0 += (double) g[j] * g[j];
            s1 += (double) g[j + 1] * g[j + 1];
            s2 += (double) g[j + 2] * g[j + 2];
            s3 += (double) g[j + 3] * g[j + 3];
        }
        for (; j < g.length; j++) {
            double sq = (double) g[j] * g[j];
            switch (j % 4) {
                case 0 -> s0 += sq;
                case 1 -> s1 += sq;
                case 2 -> s2 += sq;
                default -> s3 += sq;
            }
        }
        return s0 + s1 + s2 + s3;
    }

    /**
     * Scales the gradients in place so their global norm is at most {@code maxNorm}, and returns
     * the norm before clipping.
     *
     * <p>When the norm is NaN or infinite the gradients are left untouched and the non-finite norm
     * is returned: scaling would only spread the NaN. The caller decides (skip the step, stop the
     * run); {@code Double.isFinite(norm)} is the check.
     *
     * @param maxNorm the largest allowed norm, finite and > 0
     */
    public static double clipGlobalNorm(List<? extends Tensor> params, double maxNorm) {
        Checks.positive("clipGlobalNorm", "maxNorm", maxNorm);
        double norm = globalNorm(params);
        if (!Double.isFinite(norm)) {
            return norm;
        }
        double coef = maxNorm / (norm + EPS);
        if (coef < 1) {
            float scale = (float) coef;
            forEachGradient(params, g -> {
                for (int j = 0; j < g.length; j++) {
                    g[j] *= scale;
                }
            });
        }
        return norm;
    }

    /**
     * Clamps every gradient element to {@code [-clip, clip]} in place (NaN stays NaN). Parameters
     * without a gradient are skipped.
     *
     * @param clip the largest allowed magnitude, finite and > 0
     */
    public static void clipValues(List<? extends Tensor> params, double clip) {
        Checks.positive("clipValues", "clip", clip);
        float m = (float) clip;
        forEachGradient(params, g -> {
            for (int j = 0; j < g.length; j++) {
                g[j] = Math.max(-m, Math.min(m, g[j]));
            }
        });
    }

    private static void forEachGradient(List<? extends Tensor> params, Consumer<float[]> body) {
        for (Tensor p : params) {
            Tensor grad = p.grad();
            if (grad != null) {
                body.accept(grad.data());
            }
        }
    }
}
