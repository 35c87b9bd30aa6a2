package dev.thirty.nn.functional;

import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;

/**
 * Binary cross-entropy of logits against targets in [0, 1], PyTorch's
 * {@code binary_cross_entropy_with_logits}: per element
 * {@code −[t log σ(x) + (1 − t) log(1 − σ(x))]}, computed as {@code max(x, 0) − x t + log(1 + e^−|x|)}
 * so that no logit overflows, with gradient {@code σ(x) − t}. Targets get no gradient.
 */
public final class BinaryCrossEntropy {

    private BinaryCrossEntropy() {
    }

    /**
     * The loss of {@code logits} against {@code targets} of the same shape, reduced as {@code reduction}
     * says ({@link Reduction#MEAN}: over all elements).
     *
     * @throws IllegalArgumentException when the shapes differ or a target lies outside [0, 1]
     */
    public static Tensor withLogits(Tensor logits, Tensor targets, Reduction reduction) {
        if (!logits.shape().equals(targets.shape())) {
            throw new IllegalArgumentException("binaryCrossEntropy: logits " + logits.shape() + " and targets "
                    + targets.shape() + " must have the same shape");
        }
        if (reduction == null) {
            throw new IllegalArgumentException("binaryCrossEntropy: reduction must not be null");
        }
        float[] x = logits.data();
        float[] t = targets.data();
        int n = x.length;
        float[] each = new float[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (!(t[i] >= 0 && t[i] <= 1)) {
                throw new IllegalArgumentException("binaryCrossEntropy: target " + i + " is " + t[i]
                        + "; targets must lie in [0, 1]");
            }
            float v = (float) (Math.max(x[i], 0) - x[i] * t[i] + Math.log1p(Math.exp(-Math.abs(x[i]))));
            each[i] = v;
            sum += v;
        }
        float[] out = switch (reduction) {
            case NONE -> each;
            case SUM -> new float[] {(float) sum};
            case MEAN -> new float[] {(float) (sum / Math.max(1, n))};
        };
        Shape shape = reduction == Reduction.NONE ? logits.shape() : Shape.of();
        return Tensor.derived("binaryCrossEntropy", shape, out, (g, grads) -> {
            if (grads[0] == null) {
                return;
            }
            for (int i = 0; i < n; i++) {
                float scale = switch (reduction) {
                    case NONE -> g[i];
                    case SUM -> g[0];
                    case MEAN -> g[0] / n;
                };
                grads[0][i] += scale * (float) (sigmoid(x[i]) - t[i]);
            }
        }, logits);
    }

    private static double sigmoid(float x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
