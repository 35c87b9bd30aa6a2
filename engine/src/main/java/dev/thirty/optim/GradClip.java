package dev.thirty.optim;

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

    /** The global L2 norm of the parameters' gradients (0 if none has one). */
    public static double globalNorm(List<? extends Tensor> params) {
        double sumSq = 0;
        for (Tensor p : params) {
            Tensor grad = p.grad();
            if (grad == null) {
                continue;
            }
            for (float g : grad.data()) {
                sumSq += (double) g * g;
            }
        }
        return Math.sqrt(sumSq);
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
