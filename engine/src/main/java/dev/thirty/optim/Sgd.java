package dev.thirty.optim;

import dev.thirty.tensor.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent with classical momentum, as in PyTorch's {@code torch.optim.SGD}:
 *
 * <pre>v = momentum * v + g;   p = p - lr * v</pre>
 *
 * (on the first step {@code v = g}). Parameters without a gradient yet are skipped.
 */
public final class Sgd {

    private final List<Tensor> params;
    private final float lr;
    private final float momentum;
    private final float[][] velocity;

    public Sgd(List<Tensor> params, float lr, float momentum) {
        if (!(lr > 0) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("sgd: need lr > 0 and momentum in [0, 1), got lr=" + lr
                    + ", momentum=" + momentum);
        }
        for (Tensor p : params) {
            if (!p.requiresGrad() || !p.isLeaf()) {
                throw new IllegalArgumentException("sgd: parameters must be leaves that require gradients, got "
                        + p.shape() + (p.isLeaf() ? " not requiring gradients" : " computed by " + p.node().op()));
            }
        }
        this.params = List.copyOf(params);
        this.lr = lr;
        this.momentum = momentum;
        this.velocity = new float[params.size()][];
    }

    /** Applies one update from the current gradients. */
    public void step() {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            Tensor gt = p.grad();
            if (gt == null) {
                continue;
            }
            float[] w = p.data();
            float[] g = gt.data();
            if (momentum == 0f) {
                for (int j = 0; j < w.length; j++) {
                    w[j] -= lr * g[j];
                }
                continue;
            }
            float[] v = velocity[i];
            if (v == null) {
                v = g.clone();
                velocity[i] = v;
            } else {
                for (int j = 0; j < v.length; j++) {
                    v[j] = momentum * v[j] + g[j];
                }
            }
            for (int j = 0; j < w.length; j++) {
                w[j] -= lr * v[j];
            }
        }
    }

    /** Zeroes every parameter's gradient. */
    public void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }
}
