package dev.thirty.optim;

import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters that share hyper-parameters, like one entry of PyTorch's {@code param_groups}.
 *
 * @param params trainable leaves (tensors that require gradients and were computed by nothing)
 * @param config  the group's hyper-parameters, an optimizer's {@code Config} record
 * @param lrScale the group's learning rate relative to the optimizer's: the group steps with
 *                {@code lrScale * learningRate()}, so a schedule set on the optimizer moves every group
 *                together (cuda-convnet's biases learn at twice the weights' rate: {@code lrScale 2})
 * @param <C>     that record's type
 */
public record ParamGroup<C>(List<? extends Tensor> params, C config, double lrScale) {

    public ParamGroup {
        Objects.requireNonNull(config, "config");
        if (!(lrScale >= 0) || Double.isInfinite(lrScale)) {
            throw new IllegalArgumentException("a parameter group's learning-rate scale must be finite and >= 0, got "
                    + lrScale);
        }
        params = List.copyOf(params);
        if (params.isEmpty()) {
            throw new IllegalArgumentException("a parameter group needs at least one parameter");
        }
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (!p.requiresGrad() || !p.isLeaf()) {
                throw new IllegalArgumentException("parameter " + i + " of shape " + p.shape()
                        + " is not a trainable leaf: " + (p.isLeaf() ? "it does not require gradients"
                        : "it was computed by " + p.node().op()));
            }
        }
    }

    /** A group that steps at the optimizer's learning rate ({@code lrScale 1}). */
    public ParamGroup(List<? extends Tensor> params, C config) {
        this(params, config, 1);
    }

    /** One group holding every parameter. */
    public static <C> List<ParamGroup<C>> single(List<? extends Tensor> params, C config) {
        return List.of(new ParamGroup<>(params, config));
    }

    /**
     * Two groups, as nanoGPT's {@code configure_optimizers} makes them: parameters of rank 2 or
     * more (weight matrices, embeddings) decay with {@code config}'s weight decay; the others
     * (biases, norm gains) do not decay. Each group keeps the map's iteration order; an empty
     * group is left out.
     */
    public static <C extends WeightDecayConfig<C>> List<ParamGroup<C>> decayMatricesOnly(
            Map<String, ? extends Tensor> named, C config) {
        List<Tensor> decay = new ArrayList<>();
        List<Tensor> noDecay = new ArrayList<>();
        for (Tensor p : named.values()) {
            (p.rank() >= 2 ? decay : noDecay).add(p);
        }
        List<ParamGroup<C>> groups = new ArrayList<>(2);
        if (!decay.isEmpty()) {
            groups.add(new ParamGroup<>(decay, config));
        }
        if (!noDecay.isEmpty()) {
            groups.add(new ParamGroup<>(noDecay, config.withWeightDecay(0)));
        }
        return List.copyOf(groups);
    }
}
