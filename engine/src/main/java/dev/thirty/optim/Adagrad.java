package dev.thirty.optim;

import dev.thirty.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Adagrad (Duchi, Hazan &amp; Singer, 2011, "Adaptive Subgradient Methods for Online Learning and
 * Stochastic Optimization", diagonal form) with PyTorch's {@code torch.optim.Adagrad} update:
 *
 * <pre>
 * g   = grad + weightDecay * p
 * lr' = lr / (1 + (t - 1) * lrDecay)
 * s   = s + g * g                        (s starts at initialAccumulator)
 * p   = p - lr' * g / (sqrt(s) + eps)
 * </pre>
 *
 * with {@code t} the parameter's step count from 1. State per parameter: {@code sum}.
 */
public final class Adagrad extends ElementwiseOptimizer<Adagrad.Config> {

    /** PyTorch's default learning rate for Adagrad. */
    public static final double DEFAULT_LEARNING_RATE = 1e-2;

    /**
     * Adagrad's hyper-parameters; {@link #defaults()} are PyTorch's.
     *
     * @param lrDecay            learning-rate decay per step, >= 0
     * @param weightDecay        L2 coefficient, >= 0
     * @param initialAccumulator starting value of the squared-gradient sum, >= 0
     * @param eps                added to the denominator, > 0
     */
    public record Config(double lrDecay, double weightDecay, double initialAccumulator, double eps)
            implements WeightDecayConfig<Config> {

        public Config {
            Checks.nonNegative("adagrad", "lr decay", lrDecay);
            Checks.nonNegative("adagrad", "weight decay", weightDecay);
            Checks.nonNegative("adagrad", "initial accumulator", initialAccumulator);
            Checks.positive("adagrad", "eps", eps);
        }

        /** No lr decay, no weight decay, accumulator from 0, eps 1e-10. */
        public static Config defaults() {
            return new Config(0, 0, 0, 1e-10);
        }

        public Config withLrDecay(double d) {
            return new Config(d, weightDecay, initialAccumulator, eps);
        }

        public Config withInitialAccumulator(double a) {
            return new Config(lrDecay, weightDecay, a, eps);
        }

        public Config withEps(double e) {
            return new Config(lrDecay, weightDecay, initialAccumulator, e);
        }

        @Override
        public Config withWeightDecay(double wd) {
            return new Config(lrDecay, wd, initialAccumulator, eps);
        }
    }

    public Adagrad(List<ParamGroup<Config>> groups, double lr) {
        super("adagrad", groups, lr);
    }

    public Adagrad(List<? extends Tensor> params, Config config, double lr) {
        this(ParamGroup.single(params, config), lr);
    }

    @Override
    List<String> bufferNames(Config c) {
        return List.of("sum");
    }

    @Override
    void initBuffers(Config c, float[][] state) {
        Arrays.fill(state[0], (float) c.initialAccumulator());
    }

    @Override
    void update(Config c, double lr, long step, float[] w, float[] g, float[][] state) {
        float[] sum = state[0];
        float wd = (float) c.weightDecay();
        boolean decay = c.weightDecay() != 0;
        float eps = (float) c.eps();
        float negLr = (float) -(lr / (1 + (step - 1) * c.lrDecay()));
        for (int j = 0; j < w.length; j++) {
            float gj = decay ? Math.fma(wd, w[j], g[j]) : g[j];
            sum[j] = Math.fma(gj, gj, sum[j]);
            w[j] = w[j] + negLr * gj / ((float) Math.sqrt(sum[j]) + eps);
        }
    }
}
