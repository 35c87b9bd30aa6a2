package dev.thirty.optim;

import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * RMSprop (Tieleman &amp; Hinton, 2012, Coursera "Neural Networks for Machine Learning", lecture
 * 6.5; the centered form and momentum as in Graves, 2013, "Generating Sequences With Recurrent
 * Neural Networks", Eq. 38–41) with PyTorch's {@code torch.optim.RMSprop} update:
 *
 * <pre>
 * g   = grad + weightDecay * p
 * s   = alpha * s + (1 - alpha) * g * g
 * a   = alpha * a + (1 - alpha) * g                    (centered only)
 * den = sqrt(s - a * a) (centered)   or   sqrt(s),   then + eps
 * b   = momentum * b + g / den;   p = p - lr * b      when momentum > 0
 * p   = p - lr * g / den                              otherwise
 * </pre>
 *
 * State per parameter: {@code square_avg}, then {@code momentum_buffer} when momentum > 0, then
 * {@code grad_avg} when centered.
 */
public final class RmsProp extends ElementwiseOptimizer<RmsProp.Config> {

    /** PyTorch's default learning rate for RMSprop. */
    public static final double DEFAULT_LEARNING_RATE = 1e-2;

    /** Whether the denominator estimates the gradient's second moment or its variance. */
    public enum Centering { UNCENTERED, CENTERED }

    /**
     * RMSprop's hyper-parameters; {@link #defaults()} are PyTorch's.
     *
     * @param alpha       decay of the squared-gradient average, in [0, 1)
     * @param eps         added to the denominator, > 0
     * @param weightDecay L2 coefficient, >= 0
     * @param momentum    in [0, 1); 0 for none
     * @param centering   {@link Centering#CENTERED} subtracts the squared mean gradient
     */
    public record Config(double alpha, double eps, double weightDecay, double momentum, Centering centering)
            implements WeightDecayConfig<Config> {

        public Config {
            Checks.rate("rmsprop", "alpha", alpha);
            Checks.positive("rmsprop", "eps", eps);
            Checks.nonNegative("rmsprop", "weight decay", weightDecay);
            Checks.rate("rmsprop", "momentum", momentum);
            if (centering == null) {
                throw new IllegalArgumentException("rmsprop: centering must be given");
            }
        }

        /** alpha 0.99, eps 1e-8, no weight decay, no momentum, uncentered. */
        public static Config defaults() {
            return new Config(0.99, 1e-8, 0, 0, Centering.UNCENTERED);
        }

        public Config withAlpha(double a) {
            return new Config(a, eps, weightDecay, momentum, centering);
        }

        public Config withEps(double e) {
            return new Config(alpha, e, weightDecay, momentum, centering);
        }

        public Config withMomentum(double mu) {
            return new Config(alpha, eps, weightDecay, mu, centering);
        }

        public Config withCentering(Centering c) {
            return new Config(alpha, eps, weightDecay, momentum, c);
        }

        @Override
        public Config withWeightDecay(double wd) {
            return new Config(alpha, eps, wd, momentum, centering);
        }
    }

    public RmsProp(List<ParamGroup<Config>> groups, double lr) {
        super("rmsprop", groups, lr);
    }

    public RmsProp(List<? extends Tensor> params, Config config, double lr) {
        this(ParamGroup.single(params, config), lr);
    }

    @Override
    List<String> bufferNames(Config c) {
        List<String> names = new ArrayList<>(List.of("square_avg"));
        if (c.momentum() > 0) {
            names.add("momentum_buffer");
        }
        if (c.centering() == Centering.CENTERED) {
            names.add("grad_avg");
        }
        return names;
    }

    @Override
    void update(Config c, double lr, long step, float[] w, float[] g, float[][] state) {
        int next = 0;
        float[] square = state[next++];
        float[] buf = c.momentum() > 0 ? state[next++] : null;
        float[] mean = c.centering() == Centering.CENTERED ? state[next] : null;
        float alpha = (float) c.alpha();
        float oneMinusAlpha = (float) (1 - c.alpha());
        float wd = (float) c.weightDecay();
        boolean decay = c.weightDecay() != 0;
        float mu = (float) c.momentum();
        float eps = (float) c.eps();
        float negLr = (float) -lr;
        for (int j = 0; j < w.length; j++) {
            float gj = decay ? Math.fma(wd, w[j], g[j]) : g[j];
            square[j] = Math.fma(oneMinusAlpha * gj, gj, square[j] * alpha);
            float den;
            if (mean != null) {
                mean[j] = Math.fma(oneMinusAlpha, gj, mean[j] * alpha);
                den = (float) Math.sqrt(Math.fma(-mean[j], mean[j], square[j])) + eps;
            } else {
                den = (float) Math.sqrt(square[j]) + eps;
            }
            if (buf != null) {
                buf[j] = buf[j] * mu + gj / den;
                w[j] = Math.fma(negLr, buf[j], w[j]);
            } else {
                w[j] = w[j] + negLr * gj / den;
            }
        }
    }
}
