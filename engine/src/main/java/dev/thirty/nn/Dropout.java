package dev.thirty.nn;

import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout (Srivastava et al., 2014) while training: each element is zeroed with
 * probability {@code p} and survivors are scaled by {@code 1/(1-p)}; in {@link Mode#EVAL} it is
 * the identity. Masks are drawn from the generator given here, so a seeded run is repeatable.
 */
public final class Dropout extends Module implements Layer, Stochastic {

    private final float p;
    private final RandomGenerator rng;

    public Dropout(float p, RandomGenerator rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
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
        return isTraining() && p > 0 ? dev.thirty.nn.functional.Dropout.dropout(x, p, rng) : x;
    }

    @Override
    public String summary() {
        return "Dropout p " + p;
    }
}
