package dev.thirty.nn;

import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Tensor;

/**
 * Layer normalisation over the last axis (Ba, Kiros and Hinton, 2016):
 * {@code y = (x - mean) / sqrt(var + eps) * gamma + beta}, with {@code gamma} (named
 * {@code weight}) initialised to ones and {@code beta} ({@code bias}) to zeros, as in PyTorch.
 */
public final class LayerNorm extends Module implements Layer {

    private final Parameter weight;
    private final Parameter bias;
    private final float eps;

    public LayerNorm(int dim, float eps) {
        this(dim, eps, Linear.Bias.YES);
    }

    /** With or without the shift {@code beta}: {@link Linear.Bias#NO} as GPT-style {@code bias=False}. */
    public LayerNorm(int dim, float eps, Linear.Bias bias) {
        if (dim < 1 || !(eps > 0)) {
            throw new IllegalArgumentException("LayerNorm: need dim >= 1 and eps > 0, got " + dim + ", " + eps);
        }
        this.weight = parameter("weight", Parameter.zeros(dim));
        Init.ones(weight);
        this.bias = bias == Linear.Bias.YES ? parameter("bias", Parameter.zeros(dim)) : null;
        this.eps = eps;
    }

    /** With PyTorch's default {@code eps = 1e-5}. */
    public LayerNorm(int dim) {
        this(dim, 1e-5f);
    }

    @Override
    public Tensor forward(Tensor x) {
        return dev.thirty.nn.functional.LayerNorm.layerNorm(x, weight, bias, eps);
    }
}
