package dev.thirty.tensor;

import dev.thirty.kernels.ElementwiseKernels;
import dev.thirty.kernels.Kernels;
import dev.thirty.tensor.BroadcastPlan.Layout;

/**
 * Elementwise {@code +, -, *, /} with NumPy broadcasting, and the same with a scalar.
 *
 * <p>Shapes align on their trailing dimensions; each pair must be equal or one of them 1, and the
 * result takes the larger ({@code (B, T, C) + (C,) -> (B, T, C)}, {@code (2, 1, 4) * (3, 1) ->
 * (2, 3, 4)}). The backward pass forms each input's share of the output gradient,
 * <pre>
 *   add: dA = g          dB = g
 *   sub: dA = g          dB = -g
 *   mul: dA = g * B      dB = g * A
 *   div: dA = g / B      dB = -g * (A / B) / B = -(g / B) * out
 * </pre>
 * and sums it over the axes along which that input was broadcast, rows in a fixed order.
 * {@link BroadcastPlan} picks the loop: one kernel call for equal shapes, one per row for a row
 * vector broadcast over rows, a strided loop otherwise.
 */
public final class Arithmetic {

    private Arithmetic() {
    }

    /** {@code a + b}, broadcast. */
    public static Tensor add(Tensor a, Tensor b) {
        return binary(BinaryOp.ADD, a, b);
    }

    /** {@code a - b}, broadcast. */
    public static Tensor sub(Tensor a, Tensor b) {
        return binary(BinaryOp.SUB, a, b);
    }

    /** {@code a * b} elementwise, broadcast. */
    public static Tensor mul(Tensor a, Tensor b) {
        return binary(BinaryOp.MUL, a, b);
    }

    /** {@code a / b} elementwise, broadcast. */
    public static Tensor div(Tensor a, Tensor b) {
        return binary(BinaryOp.DIV, a, b);
    }

    /** {@code x + s} for every element. */
    public static Tensor add(Tensor x, float s) {
        return affine("add", x, 1f, s);
    }

    /** {@code x - s} for every element. */
    public static Tensor sub(Tensor x, float s) {
        return affine("sub", x, 1f, -s);
    }

    /** {@code s * x}: scales every element. */
    public static Tensor mul(Tensor x, float s) {
        return affine("mul", x, s, 0f);
    }

    /**
     * {@code x / s} for every element, computed as {@code x * (1 / s)} (so it may differ from a
     * true division in the last bit).
     */
    public static Tensor div(Tensor x, float s) {
        return affine("div", x, 1f / s, 0f);
    }

    /** {@code s - x} for every element. */
    public static Tensor rsub(float s, Tensor x) {
        return affine("rsub", x, -1f, s);
    }

    private static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        Shape outShape = Shape.broadcast(op.opName(), a.shape(), b.shape());
        BroadcastPlan plan = BroadcastPlan.of(a.shape(), b.shape(), outShape);
        float[] ad = a.data();
        float[] bd = b.data();
        float[] out = StepArena.toOverwrite(outShape.size());
        plan.map(op, ad, Layout.A, bd, Layout.B, out);
        return Tensor.derived(op.opName(), outShape, out, (g, grads) -> {
            if (grads[0] != null) {
                plan.accumulate(1f, gradShare(op, Layout.A, plan, g, ad, bd, out), grads[0], Layout.A);
            }
            if (grads[1] != null) {
                float scale = op == BinaryOp.SUB || op == BinaryOp.DIV ? -1f : 1f;
                plan.accumulate(scale, gradShare(op, Layout.B, plan, g, ad, bd, out), grads[1], Layout.B);
            }
        }, a, b);
    }

    /**
     * The gradient of one input before summing over broadcast axes, laid out as the output, up to
     * the sign the caller applies ({@code dB} of sub and div is negated there).
     */
    private static float[] gradShare(BinaryOp op, Layout input, BroadcastPlan plan, float[] g,
                                     float[] ad, float[] bd, float[] out) {
        return switch (op) {
            case ADD, SUB -> g;
            case MUL -> {
                float[] share = StepArena.toOverwrite(g.length);
                if (input == Layout.A) {
                    plan.map(BinaryOp.MUL, g, Layout.OUT, bd, Layout.B, share);
                } else {
                    plan.map(BinaryOp.MUL, g, Layout.OUT, ad, Layout.A, share);
                }
                yield share;
            }
            case DIV -> {
                float[] share = StepArena.toOverwrite(g.length);
                plan.map(BinaryOp.DIV, g, Layout.OUT, bd, Layout.B, share);
                if (input == Layout.B) {
                    plan.map(BinaryOp.MUL, share, Layout.OUT, out, Layout.OUT, share);
                }
                yield share;
            }
        };
    }

    /** {@code alpha * x + beta}, recorded under {@code op}. */
    private static Tensor affine(String op, Tensor x, float alpha, float beta) {
        ElementwiseKernels k = Kernels.active().elementwise();
        float[] xd = x.data();
        float[] out = StepArena.toOverwrite(xd.length);
        Chunks.forEach(xd.length, (from, n) -> k.affine(alpha, beta, xd, from, out, from, n));
        return Tensor.derived(op, x.shape(), out, (g, grads) -> {
            if (grads[0] != null) {
                Chunks.forEach(g.length, (from, n) -> k.axpy(alpha, g, from, grads[0], from, n));
            }
        }, x);
    }
}
