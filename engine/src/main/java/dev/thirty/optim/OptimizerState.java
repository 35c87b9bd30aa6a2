package dev.thirty.optim;

import dev.thirty.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An optimizer's state as plain values, for checkpoints.
 *
 * <p>Names follow PyTorch's {@code optimizer.state_dict()["state"]}: the parameter's index in
 * {@link Optimizer#parameters()} (all groups, in order), a dot, and the state's name —
 * {@code 0.exp_avg}, {@code 0.exp_avg_sq}, {@code 3.momentum_buffer} for tensors and
 * {@code 0.step} for the number of updates that parameter has had. A parameter that has never
 * been updated has no entries.
 *
 * @param optimizer which optimizer wrote it ({@code "adam"}, {@code "sgd"}, ...)
 * @param tensors   per-parameter state tensors, each shaped like its parameter
 * @param counts    per-parameter step counts
 */
public record OptimizerState(String optimizer, Map<String, Tensor> tensors, Map<String, Long> counts) {

    public OptimizerState {
        Objects.requireNonNull(optimizer, "optimizer");
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** The state name of parameter {@code index}'s entry {@code name}. */
    public static String key(int index, String name) {
        return index + "." + name;
    }
}
