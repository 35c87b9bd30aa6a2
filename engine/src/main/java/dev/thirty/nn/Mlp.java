package dev.thirty.nn;

import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * A multi-layer perceptron: {@link Linear} layers of the given widths with an activation between
 * them (none after the last). Widths {@code [784, 512, 10]} give two layers, named
 * {@code layers.0} and {@code layers.2} (the activation sits at {@code layers.1}).
 */
public final class Mlp extends Module implements Layer {

    private final Sequential layers;

    public Mlp(int[] widths, Activation activation, RandomGenerator rng) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("Mlp: need at least an input and an output width, got "
                    + java.util.Arrays.toString(widths));
        }
        Module[] parts = new Module[2 * (widths.length - 1) - 1];
        for (int i = 0; i + 1 < widths.length; i++) {
            parts[2 * i] = new Linear(widths[i], widths[i + 1], rng);
            if (i + 2 < widths.length) {
                parts[2 * i + 1] = activation.layer();
            }
        }
        this.layers = child("layers", new Sequential(parts));
    }

    @Override
    public Tensor forward(Tensor x) {
        return layers.forward(x); // (..., widths[0]) -> (..., widths[last])
    }
}
