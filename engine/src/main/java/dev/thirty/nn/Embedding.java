package dev.thirty.nn;

import dev.thirty.tensor.Indexing;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * A lookup table of {@code count} vectors of size {@code dim}: ids of any shape {@code S} give
 * {@code (S..., dim)}. Initialised {@code N(0, 1)} as PyTorch's {@code nn.Embedding}.
 */
public final class Embedding extends Module {

    private final Parameter weight;

    public Embedding(int count, int dim, RandomGenerator rng) {
        if (count < 1 || dim < 1) {
            throw new IllegalArgumentException("Embedding: sizes must be positive, got " + count + " x " + dim);
        }
        this.weight = parameter("weight", Parameter.zeros(count, dim));
        Init.normal(weight, 0f, 1f, rng);
    }

    /** The rows for {@code ids} laid out as {@code idsShape}: {@code idsShape -> (idsShape..., dim)}. */
    public Tensor forward(int[] ids, int... idsShape) {
        return Indexing.embedding(weight, ids, idsShape);
    }

    public Parameter weight() {
        return weight;
    }
}
