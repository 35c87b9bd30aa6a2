package dev.thirty.nn.attention;

import dev.thirty.nn.Dropout;
import dev.thirty.nn.Layer;
import dev.thirty.nn.Linear;
import dev.thirty.nn.Module;
import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * §3.3 Position-wise Feed-Forward Networks, Eq. (2): {@code FFN(x) = max(0, x W1 + b1) W2 + b2},
 * applied to each position alike. Shapes: {@code (..., dModel) -> (..., dFf) -> (..., dModel)};
 * parameters {@code w_1}, {@code w_2} as in the Annotated Transformer, with dropout on the hidden
 * layer as it applies it.
 */
public final class PositionwiseFeedForward extends Module implements Layer {

    private final Linear w1;
    private final Linear w2;
    private final Dropout dropout;

    public PositionwiseFeedForward(int dModel, int dFf, float dropout, RandomGenerator rng) {
        this.w1 = child("w_1", new Linear(dModel, dFf, rng));
        this.w2 = child("w_2", new Linear(dFf, dModel, rng));
        this.dropout = child("dropout", new Dropout(dropout, rng));
    }

    @Override
    public Tensor forward(Tensor x) {
        return w2.forward(dropout.forward(w1.forward(x).relu()));
    }
}
