package dev.thirty.nn.functional;

import dev.thirty.kernels.Kernels;
import dev.thirty.kernels.NchwShape;
import dev.thirty.kernels.ResponseNorm;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;

/**
 * Local response normalisation (Krizhevsky, Sutskever and Hinton, 2012, §3.3) of an NCHW tensor:
 * {@code y = x (k + alpha S)^(-beta)}, S the sum of squares of x over a neighbourhood of channels
 * at the same pixel (or, for cuda-convnet's {@code rnorm}, a square of one channel). The
 * {@link ResponseNorm} record fixes the neighbourhood and translates each source's constants:
 * {@link ResponseNorm#alexNetPaper()} is the paper's k=2, n=5, alpha=1e-4, beta=0.75, and
 * {@link ResponseNorm#pytorch} is {@code nn.LocalResponseNorm}, which divides alpha by n.
 *
 * <p>Backward: {@code dx_i = dy_i d_i^(-beta) - 2 alpha beta x_i sum over j with i in N(j) of dy_j y_j / d_j},
 * {@code d = k + alpha S}. Shapes: y like x.
 */
public final class ResponseNormalization {

    private ResponseNormalization() {
    }

    /** {@code x} normalised by its neighbours' energy, as {@code n} defines it. */
    public static Tensor localResponseNorm(Tensor x, ResponseNorm n) {
        if (n == null) {
            throw new IllegalArgumentException("localResponseNorm: the normalisation constants must be given");
        }
        if (x.rank() != 4) {
            throw new IllegalArgumentException("localResponseNorm: x must be (N, C, H, W), got " + x.shape());
        }
        NchwShape s = new NchwShape(x.dim(0), x.dim(1), x.dim(2), x.dim(3));
        float[] xd = x.data();
        float[] y = StepArena.toOverwrite(x.size());
        float[] denom = StepArena.toOverwrite(x.size());
        Kernels.active().conv().responseNorm(n, s, xd, y, denom);
        return Tensor.derived("localResponseNorm", x.shape(), y, (g, grads) -> {
            if (grads[0] != null) {
                Kernels.active().conv().responseNormBackward(n, s, xd, y, denom, g, grads[0]);
            }
        }, x);
    }
}
