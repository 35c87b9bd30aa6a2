package dev.thirty.optim;

import dev.thirty.tensor.Tensor;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba, 2015, "Adam: A Method for Stochastic Optimization", Algorithm 1) with
 * PyTorch's {@code torch.optim.Adam} update; weight decay is an L2 penalty added to the gradient
 * (for decoupled decay see {@link AdamW}):
 *
 * <pre>
 * g = grad + weightDecay * p
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g * g
 * p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * with {@code t} the parameter's step count from 1. State per parameter: {@code exp_avg} (m),
 * {@code exp_avg_sq} (v). PyTorch's {@code amsgrad} and {@code maximize} are not provided.
 */
public final class Adam extends ElementwiseOptimizer<Adam.Config> {

    /** PyTorch's default learning rate for Adam. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    /**
     * Adam's hyper-parameters; {@link #defaults()} are PyTorch's.
     *
     * @param beta1       decay of the first-moment average, in [0, 1)
     * @param beta2       decay of the second-moment average, in [0, 1)
     * @param eps         added to the denominator, > 0
     * @param weightDecay L2 coefficient, >= 0
     */
    public record Config(double beta1, double beta2, double eps, double weightDecay)
            implements WeightDecayConfig<Config> {

        public Config {
            AdamMoments.check("adam", beta1, beta2, eps);
            Checks.nonNegative("adam", "weight decay", weightDecay);
        }

        /** beta1 0.9, beta2 0.999, eps 1e-8, no weight decay. */
        public static Config defaults() {
            return new Config(0.9, 0.999, 1e-8, 0);
        }

        public Config withBetas(double b1, double b2) {
            return new Config(b1, b2, eps, weightDecay);
        }

        public Config withEps(double e) {
            return new Config(beta1, beta2, e, weightDecay);
        }

        @Override
        public Config withWeightDecay(double wd) {
            return new Config(beta1, beta2, eps, wd);
        }
    }

    public Adam(List<ParamGroup<Config>> groups, double lr) {
        super("adam", groups, lr);
    }

    public Adam(List<? extends Tensor> params, Config config, double lr) {
        this(ParamGroup.single(params, config), lr);
    }

    @Override
    List<String> bufferNames(Config c) {
        return AdamMoments.BUFFERS;
    }

    @Override
    void update(Config c, double lr, long step, float[] w, float[] g, float[][] state) {
        AdamMoments.step(c.beta1(), c.beta2(), c.eps(), c.weightDecay(), lr, step, w, g, state);
    }
}
