package dev.thirty.testing;

import dev.thirty.autograd.GradMode;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.GradCheck;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Adapts {@link GradCheck} (which works on float arrays) to tensor operations: the forward pass
 * runs the op under no-grad on fresh input tensors; the analytic pass runs it on leaves that
 * require gradients and backpropagates the upstream weights.
 */
public final class TensorGradCheck {

    private TensorGradCheck() {
    }

    /** One input of the op under test: its values, its shape, and whether to check its gradient. */
    public record Input(float[] values, int[] shape, boolean differentiable) {
        public static Input of(float[] values, int... shape) {
            return new Input(values, shape, true);
        }

        public static Input constant(float[] values, int... shape) {
            return new Input(values, shape, false);
        }
    }

    public static void check(String name, Function<Tensor[], Tensor> op, RandomGenerator rng, Input... inputs) {
        check(name, op, GradCheck.Settings.DEFAULT, rng, inputs);
    }

    public static void check(String name, Function<Tensor[], Tensor> op, GradCheck.Settings settings,
                             RandomGenerator rng, Input... inputs) {
        float[][] values = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            values[i] = inputs[i].values();
        }
        GradCheck.Forward forward = x -> GradMode.noGrad(() -> op.apply(tensors(x, inputs, false)).toArray());
        GradCheck.Backward backward = (x, upstream) -> {
            Tensor[] leaves = tensors(x, inputs, true);
            Tensor out = op.apply(leaves);
            out.backward(Tensor.wrap(upstream, out.shape()));
            float[][] grads = new float[leaves.length][];
            for (int i = 0; i < leaves.length; i++) {
                if (inputs[i].differentiable()) {
                    Tensor g = leaves[i].grad();
                    grads[i] = g == null ? new float[leaves[i].size()] : g.toArray();
                }
            }
            return grads;
        };
        GradCheck.check(name, values, forward, backward, settings, rng);
    }

    private static Tensor[] tensors(float[][] x, Input[] inputs, boolean track) {
        Tensor[] t = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            Tensor v = Tensor.wrap(x[i].clone(), Shape.of(inputs[i].shape()));
            t[i] = track && inputs[i].differentiable() ? v.requiringGrad() : v;
        }
        return t;
    }
}
