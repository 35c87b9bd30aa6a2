package dev.thirty.nn;

import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Channel dropout while training (PyTorch's {@code nn.Dropout2d}): whole channels of each image
 * are zeroed with probability {@code p}, the rest scaled by {@code 1/(1-p)}; the identity in
 * {@link Mode#EVAL}. Masks come from the generator given here, so a seeded run is repeatable.
 */
public final class Dropout2d extends Module implements Layer, Stochastic {

    private final float p;
    private final RandomGenerator rng;

    public Dropout2d(float p, RandomGenerator rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout2d: p must be in [0, 1), got " + p);
        }
        this.p = p;
        this.rng = rng;
    }

    @Override
    public RandomGenerator generator() {
        return rng;
    }

    @Override
    public Tensor forward(Tensor x) {
        return isTraining() && p > 0 ? dev.thirty.nn.functional.Dropout.dropout2d(x, p, rng) : x;
    }
}
