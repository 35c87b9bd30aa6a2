package dev.thirty.nn;

import dev.thirty.kernels.Transpose;
import dev.thirty.tensor.LinearAlgebra;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * A fully connected layer, {@code y = x W^T + b}: {@code x (..., in)} to {@code y (..., out)},
 * with {@code W (out, in)} stored as PyTorch's {@code nn.Linear} stores it, so state dicts carry
 * over. Initialisation as PyTorch's: {@code W, b ~ U(-1/sqrt(in), 1/sqrt(in))}.
 */
public final class Linear extends Module implements Layer {

    /** Whether the layer adds a bias. */
    public enum Bias { YES, NO }

    private final Parameter weight;
    private final Parameter bias;

    public Linear(int in, int out, Bias bias, RandomGenerator rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear: sizes must be positive, got in=" + in + ", out=" + out);
        }
        float bound = (float) (1 / Math.sqrt(in));
        this.weight = parameter("weight", Parameter.zeros(out, in));
        Init.uniform(weight, -bound, bound, rng);
        if (bias == Bias.YES) {
            this.bias = parameter("bias", Parameter.zeros(out));
            Init.uniform(this.bias, -bound, bound, rng);
        } else {
            this.bias = null;
        }
    }

    public Linear(int in, int out, RandomGenerator rng) {
        this(in, out, Bias.YES, rng);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = LinearAlgebra.matmul(x, Transpose.N, weight, Transpose.T); // (..., in) -> (..., out)
        return bias == null ? y : y.add(bias);
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null when built with {@link Bias#NO}. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public String summary() {
        return "Linear " + weight.dim(1) + "->" + weight.dim(0) + (bias == null ? " no bias" : "");
    }
}
