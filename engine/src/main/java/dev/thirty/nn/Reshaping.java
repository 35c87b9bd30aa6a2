package dev.thirty.nn;

import dev.thirty.nn.functional.Pooling;
import dev.thirty.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * Parameterless layers that change a tensor's shape between the convolutional and the fully
 * connected part of a network: {@link #flatten()} (PyTorch's {@code nn.Flatten()}) and
 * {@link #globalAvgPool2d()} ({@code nn.AdaptiveAvgPool2d(1)} followed by a flatten).
 */
public final class Reshaping extends Module implements Layer {

    private final String name;
    private final UnaryOperator<Tensor> fn;

    private Reshaping(String name, UnaryOperator<Tensor> fn) {
        this.name = name;
        this.fn = fn;
    }

    /** {@code (N, ...)} to {@code (N, rest)}. */
    public static Reshaping flatten() {
        return new Reshaping("Flatten", Pooling::flatten);
    }

    /** The mean of each channel's plane, {@code (N, C, H, W)} to {@code (N, C)} (the ResNets' last pooling). */
    public static Reshaping globalAvgPool2d() {
        return new Reshaping("GlobalAvgPool2d", Pooling::globalAvgPool2d);
    }

    @Override
    public Tensor forward(Tensor x) {
        return fn.apply(x);
    }

    @Override
    public String summary() {
        return name;
    }
}
