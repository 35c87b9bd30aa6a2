package dev.thirty.nn;

import dev.thirty.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * The elementwise non-linearities, each usable as a function or as a {@link Layer}. {@code GELU}
 * is the tanh approximation (GPT-2's), {@code GELU_EXACT} the exact {@code x Phi(x)} (PyTorch's
 * {@code nn.GELU()} default); see {@link dev.thirty.tensor.Pointwise#gelu}.
 */
public enum Activation implements UnaryOperator<Tensor> {
    RELU(Tensor::relu),
    GELU(Tensor::gelu),
    GELU_EXACT(Tensor::geluExact),
    TANH(Tensor::tanh),
    SIGMOID(Tensor::sigmoid),
    IDENTITY(x -> x);

    private final UnaryOperator<Tensor> fn;

    Activation(UnaryOperator<Tensor> fn) {
        this.fn = fn;
    }

    @Override
    public Tensor apply(Tensor x) {
        return fn.apply(x);
    }

    /** This activation as a parameterless module for a {@link Sequential}. */
    public Module layer() {
        return new ActivationLayer(this);
    }

    /** A module wrapper that applies one activation. */
    static final class ActivationLayer extends Module implements Layer {
        private final Activation activation;

        ActivationLayer(Activation activation) {
            this.activation = activation;
        }

        @Override
        public Tensor forward(Tensor x) {
            return activation.apply(x);
        }

        @Override
        public String summary() {
            return activation.name();
        }
    }
}
