package dev.thirty.nn.functional;

import dev.thirty.kernels.Kernels;
import dev.thirty.kernels.RowKernels;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;

/**
 * Layer normalisation over the last axis (Ba, Kiros and Hinton, 2016), fused.
 *
 * <p>For each row x of C values: {@code mean = sum(x) / C}, {@code var = sum((x - mean)^2) / C}
 * (biased, as PyTorch), {@code y = (x - mean) / sqrt(var + eps) * gamma + beta}.
 * Shapes: x {@code (..., C)}, gamma and beta {@code (C,)}, y like x. Beta may be null (no shift).
 *
 * <p>Backward, with {@code xhat = (x - mean) * rstd} and {@code g = dy * gamma}:
 * {@code dx = rstd * (g - mean(g) - xhat * mean(g * xhat))}, {@code dgamma = sum over rows of dy * xhat},
 * {@code dbeta = sum over rows of dy}. The sums over rows are taken per fixed chunk of rows and
 * added in chunk order, so they do not depend on the thread count.
 */
public final class LayerNorm {

    private LayerNorm() {
    }

    /** {@code (x - mean) / sqrt(var + eps) * gamma + beta} over the last axis of {@code x}. */
    public static Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        int c = checkShapes(x, gamma, beta, eps);
        int rows = x.size() / Math.max(1, c);
        float[] xd = x.data();
        float[] gd = gamma.data();
        float[] bd = beta == null ? null : beta.data();
        float[] y = StepArena.toOverwrite(x.size());
        RowChunks chunks = RowChunks.plan(rows, c);
        // The kernels index a row's statistics from the start of their block: one array per chunk.
        float[][] mean = new float[chunks.count()][];
        float[][] rstd = new float[chunks.count()][];
        RowKernels k = Kernels.active().rows();
        chunks.forEach((chunk, first, n) -> {
            mean[chunk] = new float[n];
            rstd[chunk] = new float[n];
            k.layerNorm(xd, first * c, gd, bd, eps, y, first * c, mean[chunk], rstd[chunk], n, c);
        });
        Tensor[] inputs = beta == null ? new Tensor[] {x, gamma} : new Tensor[] {x, gamma, beta};
        return Tensor.derived("layerNorm", x.shape(), y, (g, grads) -> {
            float[] gGamma = grads[1];
            float[] gBeta = grads.length > 2 ? grads[2] : null;
            backward(chunks, xd, gd, mean, rstd, g, grads[0], gGamma, gBeta, c);
        }, inputs);
    }

    private static void backward(RowChunks chunks, float[] x, float[] gamma, float[][] mean, float[][] rstd,
                                 float[] gy, float[] gx, float[] gGamma, float[] gBeta, int c) {
        RowKernels k = Kernels.active().rows();
        float[][] partGamma = new float[chunks.count()][];
        float[][] partBeta = new float[chunks.count()][];
        chunks.forEach((chunk, first, n) -> {
            partGamma[chunk] = gGamma == null ? null : new float[c];
            partBeta[chunk] = gBeta == null ? null : new float[c];
            k.layerNormBackward(x, first * c, gamma, mean[chunk], rstd[chunk], gy, first * c, gx, first * c,
                    partGamma[chunk], partBeta[chunk], n, c);
        });
        for (int chunk = 0; chunk < chunks.count(); chunk++) {
            addInto(partGamma[chunk], gGamma);
            addInto(partBeta[chunk], gBeta);
        }
    }

    private static void addInto(float[] part, float[] total) {
        if (part == null) {
            return;
        }
        for (int j = 0; j < part.length; j++) {
            total[j] += part[j];
        }
    }

    /** The row length C, after checking x, gamma, beta and eps against each other. */
    private static int checkShapes(Tensor x, Tensor gamma, Tensor beta, float eps) {
        if (x.rank() == 0) {
            throw new IllegalArgumentException("layerNorm: x needs at least one axis, got a scalar");
        }
        int c = x.dim(-1);
        Shape expected = Shape.of(c);
        if (!gamma.shape().equals(expected)) {
            throw new IllegalArgumentException("layerNorm: gamma has shape " + gamma.shape()
                    + " but x " + x.shape() + " needs " + expected);
        }
        if (beta != null && !beta.shape().equals(expected)) {
            throw new IllegalArgumentException("layerNorm: beta has shape " + beta.shape()
                    + " but x " + x.shape() + " needs " + expected);
        }
        if (!(eps >= 0f) || Float.isInfinite(eps)) {
            throw new IllegalArgumentException("layerNorm: eps must be finite and non-negative, got " + eps);
        }
        return c;
    }
}
