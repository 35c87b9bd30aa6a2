package dev.thirty.nn.functional;

import dev.thirty.kernels.ElementwiseKernels;
import dev.thirty.kernels.Kernels;
import dev.thirty.kernels.UnaryOp;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;
import java.util.Arrays;

/**
 * Cross-entropy from unnormalised logits and class-index targets, fused: one log-softmax pass
 * forward, and a backward that writes {@code (softmax - q) * scale} straight into the logits'
 * gradient. Semantics follow PyTorch's {@code F.cross_entropy} with class-index targets.
 *
 * <p>For row i with logits {@code x_i} (C classes), {@code logp = logSoftmax(x_i)}, target t_i
 * and smoothing eps, the smoothed target distribution is {@code q = (1 - eps) * onehot(t_i) + eps / C}
 * and the loss is {@code l_i = -sum_j q_j * logp_j = (1 - eps) * (-logp[t_i]) + eps * mean_j(-logp_j)}.
 * A row whose target is {@code ignoreIndex} has loss 0 and no gradient. MEAN divides the sum by
 * the number of rows not ignored (NaN when every row is ignored, as in PyTorch).
 * Gradient: {@code dl_i/dx_i = softmax(x_i) - q}.
 *
 * <p>Shapes: logits {@code (..., C)}, targets one per row ({@code size / C} of them, in row-major
 * order); the loss is a scalar for MEAN and SUM and {@code (...)} for NONE.
 * Deviation from PyTorch: the class axis is the last one (PyTorch puts it at axis 1 for inputs of
 * rank above 2), matching how sequence models here lay out logits as {@code (B, T, C)}.
 */
public final class CrossEntropy {

    private CrossEntropy() {
    }

    /**
     * @param reduction      how per-row losses combine
     * @param ignoreIndex    a target value whose rows contribute nothing (PyTorch's default -100)
     * @param labelSmoothing eps in [0, 1): the weight moved from the target to the uniform distribution
     */
    public record Options(Reduction reduction, int ignoreIndex, float labelSmoothing) {

        /** PyTorch's defaults: mean reduction, ignore index -100, no label smoothing. */
        public static final Options DEFAULT = new Options(Reduction.MEAN, -100, 0f);

        public Options {
            if (reduction == null) {
                throw new IllegalArgumentException("crossEntropy: reduction must not be null");
            }
            if (!(labelSmoothing >= 0f && labelSmoothing < 1f)) {
                throw new IllegalArgumentException("crossEntropy: labelSmoothing must be in [0, 1), got "
                        + labelSmoothing);
            }
        }

        public Options withReduction(Reduction r) {
            return new Options(r, ignoreIndex, labelSmoothing);
        }

        public Options withIgnoreIndex(int index) {
            return new Options(reduction, index, labelSmoothing);
        }

        public Options withLabelSmoothing(float eps) {
            return new Options(reduction, ignoreIndex, eps);
        }
    }

    /** Cross-entropy with {@link Options#DEFAULT}: the mean over rows. */
    public static Tensor crossEntropy(Tensor logits, int[] targets) {
        return crossEntropy(logits, targets, Options.DEFAULT);
    }

    /** Cross-entropy of {@code logits (..., C)} against one class index per row. */
    public static Tensor crossEntropy(Tensor logits, int[] targets, Options options) {
        int[] t = targets.clone();
        Batch b = Batch.check(logits, t, options);
        float[] logp = StepArena.toOverwrite(logits.size());
        Softmax.forward(Softmax.Kind.LOG_SOFTMAX, logits.data(), logp, b.rows, b.classes);
        float eps = options.labelSmoothing();
        float[] perRow = new float[b.rows];
        int counted = 0;
        for (int r = 0; r < b.rows; r++) {
            if (t[r] == options.ignoreIndex()) {
                continue;
            }
            counted++;
            int off = r * b.classes;
            double sumLogp = 0;
            if (eps != 0) { // the smoothing term, only when there is smoothing
                for (int j = 0; j < b.classes; j++) {
                    sumLogp += logp[off + j];
                }
            }
            perRow[r] = (float) ((1.0 - eps) * -logp[off + t[r]] - eps * sumLogp / b.classes);
        }
        int count = counted;
        return Tensor.derived("crossEntropy", b.outShape(options.reduction()), reduce(perRow, count, options),
                (g, grads) -> {
                    if (grads[0] != null) {
                        backward(logp, t, g, grads[0], b, count, options);
                    }
                }, logits);
    }

    private static float[] reduce(float[] perRow, int counted, Options options) {
        if (options.reduction() == Reduction.NONE) {
            return perRow;
        }
        double sum = 0;
        for (float v : perRow) {
            sum += v;
        }
        double value = options.reduction() == Reduction.SUM ? sum : sum / counted;
        return new float[] {(float) value};
    }

    /**
     * {@code gx_i += scale_i * (exp(logp_i) - q_i)} for every row not ignored: the softmax a row at a time through
     * the vector {@code exp}, then one {@code axpy} into the gradient.
     */
    private static void backward(float[] logp, int[] t, float[] g, float[] gx, Batch b, int counted,
                                 Options options) {
        int c = b.classes;
        float eps = options.labelSmoothing();
        float uniform = eps / c;
        float onTarget = 1f - eps;
        ElementwiseKernels ew = Kernels.active().elementwise();
        RowChunks.plan(b.rows, c).forEach((chunk, first, n) -> {
            float[] p = new float[c];
            for (int r = first; r < first + n; r++) {
                if (t[r] == options.ignoreIndex()) {
                    continue;
                }
                float scale = switch (options.reduction()) {
                    case NONE -> g[r];
                    case SUM -> g[0];
                    case MEAN -> g[0] / counted;
                };
                int o = r * c;
                ew.unary(UnaryOp.EXP, logp, o, p, 0, c); // the row's softmax
                if (uniform != 0) {
                    ew.affine(1f, -uniform, p, 0, p, 0, c);
                }
                ew.axpy(scale, p, 0, gx, o, c);
                gx[o + t[r]] -= scale * onTarget;
            }
        });
    }

    /** The logits viewed as {@code rows x classes}, with the targets checked against them. */
    private record Batch(Shape logitsShape, int rows, int classes) {

        static Batch check(Tensor logits, int[] targets, Options options) {
            if (logits.rank() == 0) {
                throw new IllegalArgumentException("crossEntropy: logits need a class axis, got a scalar");
            }
            int classes = logits.dim(-1);
            if (classes == 0) {
                throw new IllegalArgumentException("crossEntropy: logits " + logits.shape() + " have no classes");
            }
            int rows = logits.size() / classes;
            if (targets.length != rows) {
                throw new IllegalArgumentException("crossEntropy: logits " + logits.shape() + " have " + rows
                        + " rows but " + targets.length + " targets were given");
            }
            for (int i = 0; i < rows; i++) {
                int t = targets[i];
                if (t != options.ignoreIndex() && (t < 0 || t >= classes)) {
                    throw new IllegalArgumentException("crossEntropy: target " + t + " at position " + i
                            + " is out of range for " + classes + " classes (expected 0.." + (classes - 1)
                            + " or ignoreIndex " + options.ignoreIndex() + ")");
                }
            }
            return new Batch(logits.shape(), rows, classes);
        }

        Shape outShape(Reduction reduction) {
            if (reduction != Reduction.NONE) {
                return Shape.scalar();
            }
            int[] dims = logitsShape.dims();
            return Shape.of(Arrays.copyOf(dims, dims.length - 1));
        }
    }
}
