package dev.thirty.nn.functional;

import dev.thirty.kernels.Conv2dShape;
import dev.thirty.kernels.ConvKernels;
import dev.thirty.kernels.Kernels;
import dev.thirty.kernels.Window2d;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;

/**
 * Two-dimensional convolution (cross-correlation, as in every deep-learning library) on NCHW
 * tensors, with stride, zero padding, dilation, groups and an optional bias.
 *
 * <p>Shapes, as PyTorch's {@code F.conv2d}: x {@code (N, C, H, W)}, weight
 * {@code (O, C / groups, kh, kw)}, bias {@code (O,)} or null, y {@code (N, O, H', W')} with
 * {@code H' = floor((H + 2 ph - dh (kh - 1) - 1) / sh) + 1} (or the ceiling, when the window asks
 * for {@link dev.thirty.kernels.Rounding#CEIL}).
 *
 * <p>{@code y[n,o,i,j] = bias[o] + sum over c, a, b of w[o,c,a,b] x[n, g Cg + c, i sh - ph + a dh, j sw - pw + b dw]},
 * where g is the group of o; backward: {@code dx} is the transposed convolution of dy with w,
 * {@code dw[o,c,a,b] = sum over n, i, j of dy[n,o,i,j] x[...]}, {@code dbias[o] = sum of dy[n,o,.,.]}.
 * The work runs on the active {@link ConvKernels}.
 */
public final class Convolution {

    private Convolution() {
    }

    /** {@code conv2d(x, weight) + bias} with the given window and groups; bias may be null. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, Window2d window, int groups) {
        Conv2dShape s = shapeOf(x, weight, bias, window, groups);
        ConvKernels k = Kernels.active().conv();
        float[] xd = x.data();
        float[] wd = weight.data();
        float[] y = StepArena.toOverwrite(s.outputSize());
        k.conv2d(s, xd, wd, bias == null ? null : bias.data(), y);
        Shape out = Shape.of(s.batch(), s.outChannels(), s.outHeight(), s.outWidth());
        Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        return Tensor.derived("conv2d", out, y, (g, grads) -> {
            ConvKernels kb = Kernels.active().conv();
            if (grads[0] != null) {
                kb.conv2dInputGrad(s, g, wd, grads[0]);
            }
            float[] gBias = grads.length > 2 ? grads[2] : null;
            if (grads[1] != null) {
                kb.conv2dWeightGrad(s, xd, g, grads[1], gBias);
            } else if (gBias != null) {
                // A frozen weight with a trained bias: the kernel sums the bias gradient beside a discarded dw.
                kb.conv2dWeightGrad(s, xd, g, new float[s.weightSize()], gBias);
            }
        }, inputs);
    }

    /** {@code conv2d} with groups 1. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, Window2d window) {
        return conv2d(x, weight, bias, window, 1);
    }

    /** The convolution's shapes, after checking every tensor against the others. */
    static Conv2dShape shapeOf(Tensor x, Tensor weight, Tensor bias, Window2d window, int groups) {
        if (window == null) {
            throw new IllegalArgumentException("conv2d: the window (kernel, stride, padding) must be given");
        }
        if (x.rank() != 4) {
            throw new IllegalArgumentException("conv2d: x must be (N, C, H, W), got " + x.shape());
        }
        if (weight.rank() != 4) {
            throw new IllegalArgumentException("conv2d: weight must be (out, in / groups, kh, kw), got " + weight.shape());
        }
        int out = weight.dim(0);
        if (groups < 1 || x.dim(1) % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("conv2d: groups " + groups + " must divide the " + x.dim(1)
                    + " input channels of x " + x.shape() + " and the " + out + " output channels of weight "
                    + weight.shape());
        }
        Shape expected = Shape.of(out, x.dim(1) / groups, window.kernelH(), window.kernelW());
        if (!weight.shape().equals(expected)) {
            throw new IllegalArgumentException("conv2d: weight has shape " + weight.shape() + " but x " + x.shape()
                    + " with groups " + groups + " and a " + window.kernelH() + "x" + window.kernelW()
                    + " kernel needs " + expected);
        }
        if (bias != null && !bias.shape().equals(Shape.of(out))) {
            throw new IllegalArgumentException("conv2d: bias has shape " + bias.shape() + " but needs (" + out + ")");
        }
        try {
            return new Conv2dShape(x.dim(0), x.dim(1), x.dim(2), x.dim(3), out, window, groups);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("conv2d: x " + x.shape() + " does not fit the window "
                    + window.describe() + ": " + e.getMessage(), e);
        }
    }
}
