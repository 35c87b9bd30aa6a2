package dev.thirty.autograd;

import dev.thirty.tensor.Tensor;
import java.util.List;

/**
 * The record of one differentiable operation: its name (for messages and {@code toString}), the
 * tensors it read, and how to push a gradient back through it.
 */
public record Node(String op, List<Tensor> inputs, BackwardFn backward) {

    public Node {
        inputs = List.copyOf(inputs);
    }
}
