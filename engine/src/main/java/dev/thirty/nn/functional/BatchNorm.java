package dev.thirty.nn.functional;

import dev.thirty.kernels.ComputePool;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;

/**
 * Batch normalisation (Ioffe and Szegedy, 2015) per channel of an {@code (N, C, H, W)} or
 * {@code (N, C)} tensor, as PyTorch's {@code BatchNorm2d} and {@code BatchNorm1d}.
 *
 * <p>Training: over the {@code M = N H W} values of channel c, {@code mean_c} and the biased
 * {@code var_c}; {@code y = (x - mean_c) / sqrt(var_c + eps) * gamma_c + beta_c}; and, when running
 * statistics are given, {@code running_mean = (1 - momentum) running_mean + momentum mean_c} and
 * {@code running_var = (1 - momentum) running_var + momentum var_c M / (M - 1)} (the unbiased
 * variance, as PyTorch keeps). Evaluation: the running statistics take the place of the batch's.
 *
 * <p>Backward in training, with {@code xhat = (x - mean) rstd}: {@code dx = gamma rstd (dy -
 * mean(dy) - xhat mean(dy xhat))}, {@code dgamma = sum(dy xhat)}, {@code dbeta = sum(dy)}; in
 * evaluation {@code dx = dy gamma rstd}. Sums run in double, one channel per task, so the result
 * is the same for any thread count. gamma and beta may be null (no affine transform).
 */
public final class BatchNorm {

    /** PyTorch's defaults. */
    public static final float DEFAULT_EPS = 1e-5f;
    public static final float DEFAULT_MOMENTUM = 0.1f;

    /** Whether the batch's own statistics normalise it (training) or the running ones (evaluation). */
    public enum Statistics { BATCH, RUNNING }

    private BatchNorm() {
    }

    /**
     * Normalises x per channel. With {@link Statistics#BATCH}, running statistics (when non-null)
     * are updated in place; with {@link Statistics#RUNNING} they must be given and are read.
     */
    public static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
                                   Statistics statistics, float momentum, float eps) {
        int c = checkShapes(x, gamma, beta, runningMean, runningVar, statistics, momentum, eps);
        int n = x.dim(0);
        int plane = x.size() / Math.max(1, n * c);
        int m = n * plane;
        if (statistics == Statistics.BATCH && m < 2) {
            throw new IllegalArgumentException("batchNorm: training needs more than one value per channel, got x "
                    + x.shape());
        }
        float[] xd = x.data();
        float[] gd = gamma == null ? null : gamma.data();
        float[] bd = beta == null ? null : beta.data();
        float[] y = StepArena.toOverwrite(x.size());
        float[] mean = new float[c];
        float[] rstd = new float[c];
        ComputePool.current().parallelFor(c, ch -> {
            double mu;
            double var;
            if (statistics == Statistics.BATCH) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    for (int p = (i * c + ch) * plane, end = p + plane; p < end; p++) {
                        sum += xd[p];
                    }
                }
                mu = sum / m;
                double sq = 0;
                for (int i = 0; i < n; i++) {
                    for (int p = (i * c + ch) * plane, end = p + plane; p < end; p++) {
                        double d = xd[p] - mu;
                        sq += d * d;
                    }
                }
                var = sq / m;
                if (runningMean != null) {
                    float[] rm = runningMean.data();
                    float[] rv = runningVar.data();
                    rm[ch] = (1 - momentum) * rm[ch] + momentum * (float) mu;
                    rv[ch] = (1 - momentum) * rv[ch] + momentum * (float) (sq / (m - 1));
                }
            } else {
                mu = runningMean.data()[ch];
                var = runningVar.data()[ch];
            }
            float r = (float) (1 / Math.sqrt(var + eps));
            float mf = (float) mu;
            mean[ch] = mf;
            rstd[ch] = r;
            float scale = gd == null ? r : gd[ch] * r;
            float shift = (bd == null ? 0f : bd[ch]) - mf * scale;
            for (int i = 0; i < n; i++) {
                for (int p = (i * c + ch) * plane, end = p + plane; p < end; p++) {
                    y[p] = xd[p] * scale + shift;
                }
            }
        });
        Tensor[] inputs = gamma == null ? new Tensor[] {x} : beta == null ? new Tensor[] {x, gamma}
                : new Tensor[] {x, gamma, beta};
        return Tensor.derived("batchNorm", x.shape(), y, (g, grads) -> {
            float[] gx = grads[0];
            float[] gGamma = grads.length > 1 ? grads[1] : null;
            float[] gBeta = grads.length > 2 ? grads[2] : null;
            ComputePool.current().parallelFor(c, ch -> {
                float mu = mean[ch];
                float r = rstd[ch];
                double sumDy = 0;
                double sumDyXhat = 0;
                for (int i = 0; i < n; i++) {
                    for (int p = (i * c + ch) * plane, end = p + plane; p < end; p++) {
                        sumDy += g[p];
                        sumDyXhat += g[p] * ((xd[p] - mu) * r);
                    }
                }
                if (gGamma != null) {
                    gGamma[ch] += (float) sumDyXhat;
                }
                if (gBeta != null) {
                    gBeta[ch] += (float) sumDy;
                }
                if (gx == null) {
                    return;
                }
                float scale = gd == null ? r : gd[ch] * r;
                if (statistics == Statistics.RUNNING) {
                    for (int i = 0; i < n; i++) {
                        for (int p = (i * c + ch) * plane, end = p + plane; p < end; p++) {
                            gx[p] += g[p] * scale;
                        }
                    }
                    return;
                }
                float meanDy = (float) (sumDy / m);
                float meanDyXhat = (float) (sumDyXhat / m);
                for (int i = 0; i < n; i++) {
                    for (int p = (i * c + ch) * plane, end = p + plane; p < end; p++) {
                        float xhat = (xd[p] - mu) * r;
                        gx[p] += scale * (g[p] - meanDy - xhat * meanDyXhat);
                    }
                }
            });
        }, inputs);
    }

    /** The channel count, after checking every argument against x. */
    private static int checkShapes(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
                                   Statistics statistics, float momentum, float eps) {
        if (x.rank() != 2 && x.rank() != 4) {
            throw new IllegalArgumentException("batchNorm: x must be (N, C) or (N, C, H, W), got " + x.shape());
        }
        if (statistics == null) {
            throw new IllegalArgumentException("batchNorm: say which statistics normalise (BATCH or RUNNING)");
        }
        int c = x.dim(1);
        Shape expected = Shape.of(c);
        check("gamma", gamma, expected, x);
        check("beta", beta, expected, x);
        check("running_mean", runningMean, expected, x);
        check("running_var", runningVar, expected, x);
        if (beta != null && gamma == null) {
            throw new IllegalArgumentException("batchNorm: beta given without gamma");
        }
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException("batchNorm: give both running_mean and running_var, or neither");
        }
        if (statistics == Statistics.RUNNING && runningMean == null) {
            throw new IllegalArgumentException("batchNorm: evaluation with running statistics needs them given");
        }
        if (!(momentum >= 0f && momentum <= 1f)) {
            throw new IllegalArgumentException("batchNorm: momentum must be in [0, 1], got " + momentum);
        }
        if (!(eps > 0f) || Float.isInfinite(eps)) {
            throw new IllegalArgumentException("batchNorm: eps must be finite and positive, got " + eps);
        }
        return c;
    }

    private static void check(String name, Tensor t, Shape expected, Tensor x) {
        if (t != null && !t.shape().equals(expected)) {
            throw new IllegalArgumentException("batchNorm: " + name + " has shape " + t.shape() + " but x " + x.shape()
                    + " needs " + expected);
        }
    }
}
