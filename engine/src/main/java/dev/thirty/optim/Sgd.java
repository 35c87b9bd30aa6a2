package dev.thirty.optim;

import dev.thirty.tensor.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum (Polyak's heavy ball, or Nesterov's
 * accelerated gradient in the form of Sutskever et al., 2013, "On the importance of
 * initialization and momentum in deep learning"), with PyTorch's {@code torch.optim.SGD} update:
 *
 * <pre>
 * g = grad + weightDecay * p                        (L2 penalty folded into the gradient)
 * b = g                                    on the first step
 * b = momentum * b + (1 - dampening) * g   after it
 * g = g + momentum * b   (Nesterov)   or   g = b   (classical)     when momentum != 0
 * p = p - lr * g
 * </pre>
 *
 * State per parameter: {@code momentum_buffer} when momentum is non-zero.
 */
public final class Sgd extends ElementwiseOptimizer<Sgd.Config> {

    /** Classical (heavy-ball) or Nesterov momentum. */
    public enum Momentum { CLASSICAL, NESTEROV }

    /**
     * SGD's hyper-parameters; {@link #defaults()} are PyTorch's (no momentum, no weight decay).
     *
     * @param momentum    {@code mu} in [0, 1)
     * @param dampening   fraction of the gradient left out of the momentum buffer, in [0, 1)
     * @param kind        classical or Nesterov; Nesterov needs momentum > 0 and no dampening
     * @param weightDecay L2 coefficient, >= 0
     */
    public record Config(double momentum, double dampening, Momentum kind, double weightDecay)
            implements WeightDecayConfig<Config> {

        public Config {
            Checks.rate("sgd", "momentum", momentum);
            Checks.rate("sgd", "dampening", dampening);
            Checks.nonNegative("sgd", "weight decay", weightDecay);
            if (kind == Momentum.NESTEROV && (momentum == 0 || dampening != 0)) {
                throw new IllegalArgumentException("sgd: Nesterov momentum needs momentum > 0 and dampening 0,"
                        + " got momentum " + momentum + ", dampening " + dampening);
            }
        }

        /** PyTorch's defaults: plain gradient descent. */
        public static Config defaults() {
            return new Config(0, 0, Momentum.CLASSICAL, 0);
        }

        /** Classical momentum {@code mu}, no dampening, no weight decay. */
        public static Config momentum(double mu) {
            return defaults().withMomentum(mu, Momentum.CLASSICAL);
        }

        /** Nesterov momentum {@code mu}, no weight decay. */
        public static Config nesterov(double mu) {
            return defaults().withMomentum(mu, Momentum.NESTEROV);
        }

        public Config withMomentum(double mu, Momentum kind) {
            return new Config(mu, dampening, kind, weightDecay);
        }

        public Config withDampening(double d) {
            return new Config(momentum, d, kind, weightDecay);
        }

        @Override
        public Config withWeightDecay(double wd) {
            return new Config(momentum, dampening, kind, wd);
        }
    }

    public Sgd(List<ParamGroup<Config>> groups, double lr) {
        super("sgd", groups, lr);
    }

    public Sgd(List<? extends Tensor> params, Config config, double lr) {
        this(ParamGroup.single(params, config), lr);
    }

    /** Classical momentum {@code mu} (0 for none), no weight decay. */
    public Sgd(List<? extends Tensor> params, double lr, double momentum) {
        this(params, Config.momentum(momentum), lr);
    }

    @Override
    List<String> bufferNames(Config c) {
        return c.momentum() == 0 ? List.of() : List.of("momentum_buffer");
    }

    @Override
    void update(Config c, double lr, long step, float[] w, float[] g, float[][] state) {
        float wd = (float) c.weightDecay();
        float mu = (float) c.momentum();
        float keep = (float) (1 - c.dampening());
        float negLr = (float) -lr;
        boolean decay = c.weightDecay() != 0;
        boolean nesterov = c.kind() == Momentum.NESTEROV;
        float[] buf = state.length == 0 ? null : state[0];
        for (int j = 0; j < w.length; j++) {
            float d = decay ? Math.fma(wd, w[j], g[j]) : g[j];
            if (buf != null) {
                buf[j] = step == 1 ? d : Math.fma(keep, d, buf[j] * mu);
                d = nesterov ? Math.fma(mu, buf[j], d) : buf[j];
            }
            w[j] = Math.fma(negLr, d, w[j]);
        }
    }
}
