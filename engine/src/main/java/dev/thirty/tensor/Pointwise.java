package dev.thirty.tensor;

import dev.thirty.autograd.GradMode;
import dev.thirty.kernels.ElementwiseKernels;
import dev.thirty.kernels.Kernels;
import dev.thirty.kernels.UnaryOp;

/**
 * Elementwise functions of one tensor; the result has the input's shape.
 *
 * <p>Each is a {@link UnaryOp} evaluated by the active kernels, whose {@code unaryBackward} gives
 * {@code dx += g * f'(x)}. GELU comes in two forms: {@code gelu} is the tanh approximation
 * {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))} (GPT-2's), {@code geluExact} the exact
 * {@code x Phi(x) = 0.5 x (1 + erf(x / sqrt 2))} (PyTorch's default); they differ by at most about
 * 5e-4. At a kink the derivative is the
 * kernels': relu'(0) = 0, abs'(0) = 0. Large tensors are split into fixed-size chunks across the
 * compute pool.
 */
public final class Pointwise {

    private Pointwise() {
    }

    /** {@code -x}. */
    public static Tensor neg(Tensor x) {
        return unary(UnaryOp.NEG, "neg", x);
    }

    /** {@code e^x}. */
    public static Tensor exp(Tensor x) {
        return unary(UnaryOp.EXP, "exp", x);
    }

    /** Natural logarithm; NaN below zero, {@code -inf} at zero. */
    public static Tensor log(Tensor x) {
        return unary(UnaryOp.LOG, "log", x);
    }

    /** Square root; NaN below zero. */
    public static Tensor sqrt(Tensor x) {
        return unary(UnaryOp.SQRT, "sqrt", x);
    }

    public static Tensor tanh(Tensor x) {
        return unary(UnaryOp.TANH, "tanh", x);
    }

    /** {@code 1 / (1 + e^-x)}. */
    public static Tensor sigmoid(Tensor x) {
        return unary(UnaryOp.SIGMOID, "sigmoid", x);
    }

    /** {@code max(x, 0)}. */
    public static Tensor relu(Tensor x) {
        return unary(UnaryOp.RELU, "relu", x);
    }

    /**
     * GELU, tanh approximation (GPT-2; PyTorch's {@code gelu(x, approximate='tanh')}):
     * {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. For the exact form see {@link #geluExact}.
     */
    public static Tensor gelu(Tensor x) {
        return unary(UnaryOp.GELU, "gelu", x);
    }

    /**
     * GELU, exact form (Hendrycks and Gimpel 2016; PyTorch's default {@code gelu}, nanoGPT's
     * {@code nn.GELU()}): {@code x Phi(x)} with Phi the standard normal distribution function;
     * derivative {@code Phi(x) + x phi(x)}. When a backward will follow, the forward keeps what
     * the kernels say the backward can reuse ({@link ElementwiseKernels#geluErf}: the vector kernels
     * keep {@code e^(-x^2/2)}, so the backward does not compute the exponential again).
     */
    public static Tensor geluExact(Tensor x) {
        if (!GradMode.isEnabled() || !x.requiresGrad()) {
            return unary(UnaryOp.GELU_ERF, "gelu_exact", x);
        }
        ElementwiseKernels k = Kernels.active().elementwise();
        float[] xd = x.data();
        float[] out = StepArena.toOverwrite(xd.length);
        float[] kept = StepArena.toOverwrite(xd.length);
        Chunks.forEach(xd.length, (from, n) -> k.geluErf(xd, from, out, from, kept, from, n));
        return Tensor.derived("gelu_exact", x.shape(), out, (g, grads) -> {
            if (grads[0] != null) {
                Chunks.forEach(g.length, (from, n) ->
                        k.geluErfBackward(xd, from, out, from, kept, from, g, from, grads[0], from, n));
            }
        }, x);
    }

    /** {@code |x|}. */
    public static Tensor abs(Tensor x) {
        return unary(UnaryOp.ABS, "abs", x);
    }

    /** {@code x^2}. */
    public static Tensor square(Tensor x) {
        return unary(UnaryOp.SQUARE, "square", x);
    }

    /**
     * {@code x^p} elementwise, with derivative {@code p x^(p-1)}. A zero exponent gives ones and a
     * zero gradient (rather than {@code 0 * x^-1}, which is NaN at zero).
     */
    public static Tensor pow(Tensor x, float p) {
        ElementwiseKernels k = Kernels.active().elementwise();
        float[] xd = x.data();
        float[] out = StepArena.toOverwrite(xd.length);
        Chunks.forEach(xd.length, (from, n) -> k.pow(p, xd, from, out, from, n));
        return Tensor.derived("pow", x.shape(), out, (g, grads) -> {
            if (grads[0] == null || p == 0f) {
                return;
            }
            Chunks.forEach(g.length, (from, n) -> {
                float[] slope = new float[n];
                k.pow(p - 1f, xd, from, slope, 0, n);
                k.affine(p, 0f, slope, 0, slope, 0, n);
                k.mulAccumulate(g, from, slope, 0, grads[0], from, n);
            });
        }, x);
    }

    private static Tensor unary(UnaryOp op, String name, Tensor x) {
        ElementwiseKernels k = Kernels.active().elementwise();
        float[] xd = x.data();
        float[] out = StepArena.toOverwrite(xd.length);
        Chunks.forEach(xd.length, (from, n) -> k.unary(op, xd, from, out, from, n));
        return Tensor.derived(name, x.shape(), out, (g, grads) -> {
            if (grads[0] != null) {
                Chunks.forEach(g.length, (from, n) ->
                        k.unaryBackward(op, xd, from, out, from, g, from, grads[0], from, n));
            }
        }, x);
    }
}
