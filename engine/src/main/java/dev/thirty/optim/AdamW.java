package dev.thirty.optim;

import dev.thirty.tensor.Tensor;
import java.util.List;

/**
 * AdamW (Loshchilov &amp; Hutter, 2019, "Decoupled Weight Decay Regularization", Algorithm 2) with
 * PyTorch's {@code torch.optim.AdamW} update: the parameter shrinks by {@code lr * weightDecay}
 * before an {@link Adam} step that sees the raw gradient.
 *
 * <pre>
 * p = p * (1 - lr * weightDecay)
 * m = beta1 * m + (1 - beta1) * grad
 * v = beta2 * v + (1 - beta2) * grad * grad
 * p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * Note that PyTorch (and so this class) scales the decay by the scheduled learning rate, where the
 * paper uses a separate schedule multiplier. State per parameter: {@code exp_avg}, {@code exp_avg_sq}.
 */
public final class AdamW extends ElementwiseOptimizer<AdamW.Config> {

    /** PyTorch's default learning rate for AdamW. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    /**
     * AdamW's hyper-parameters; {@link #defaults()} are PyTorch's.
     *
     * @param beta1       decay of the first-moment average, in [0, 1)
     * @param beta2       decay of the second-moment average, in [0, 1)
     * @param eps         added to the denominator, > 0
     * @param weightDecay decoupled decay coefficient, >= 0
     */
    public record Config(double beta1, double beta2, double eps, double weightDecay)
            implements WeightDecayConfig<Config> {

        public Config {
            AdamMoments.check("adamw", beta1, beta2, eps);
            Checks.nonNegative("adamw", "weight decay", weightDecay);
        }

        /** beta1 0.9, beta2 0.999, eps 1e-8, weight decay 0.01. */
        public static Config defaults() {
            return new Config(0.9, 0.999, 1e-8, 1e-2);
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

    public AdamW(List<ParamGroup<Config>> groups, double lr) {
        super("adamw", groups, lr);
    }

    public AdamW(List<? extends Tensor> params, Config config, double lr) {
        this(ParamGroup.single(params, config), lr);
    }

    @Override
    List<String> bufferNames(Config c) {
        return AdamMoments.BUFFERS;
    }

    @Override
    void update(Config c, double lr, long step, float[] w, float[] g, float[][] state) {
        float shrink = (float) (1 - lr * c.weightDecay());
        for (int j = 0; j < w.length; j++) {
            w[j] *= shrink;
        }
        AdamMoments.step(c.beta1(), c.beta2(), c.eps(), 0, lr, step, w, g, state);
    }
}
