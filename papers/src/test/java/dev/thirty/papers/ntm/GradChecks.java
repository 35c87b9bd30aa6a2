package dev.thirty.papers.ntm;

import dev.thirty.autograd.GradMode;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.GradCheck;
import java.util.function.Function;

/** The testkit's finite-difference check applied to tensor functions of tensors. */
final class GradChecks {

    private GradChecks() {
    }

    /** Finite differences of {@code op} against its backward pass, on inputs of the given shapes. */
    static void check(String name, Function<Tensor[], Tensor> op, float[][] values, int[]... shapes) {
        GradCheck.Forward f = x -> GradMode.noGrad(() -> op.apply(tensors(x, shapes, false)).toArray());
        GradCheck.Backward b = (x, upstream) -> {
            Tensor[] leaves = tensors(x, shapes, true);
            Tensor out = op.apply(leaves);
            out.backward(Tensor.wrap(upstream, out.shape()));
            float[][] grads = new float[leaves.length][];
            for (int i = 0; i < leaves.length; i++) {
                grads[i] = leaves[i].grad() == null ? new float[leaves[i].size()] : leaves[i].grad().toArray();
            }
            return grads;
        };
        GradCheck.check(name, values, f, b, GradCheck.Settings.DEFAULT, Rng.seeded(name.hashCode()));
    }

    private static Tensor[] tensors(float[][] x, int[][] shapes, boolean track) {
        Tensor[] out = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            Tensor v = Tensor.wrap(x[i].clone(), Shape.of(shapes[i]));
            out[i] = track ? v.requiringGrad() : v;
        }
        return out;
    }
}
