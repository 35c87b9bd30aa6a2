package dev.thirty.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.autograd.GradMode;
import dev.thirty.tensor.Layout;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.GradCheck;
import dev.thirty.testkit.Seeds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Backpropagation through time checked against finite differences, for every cell type: a
 * two-layer stack unrolled over 12 steps, differentiated with respect to the input sequence, the
 * initial states and every weight. The checked output is the whole hidden sequence plus every
 * final state, so gradients that flow only through the carried state are covered too.
 */
class RecurrentGradCheckTest {

    private static final int B = 2;
    private static final int T = 12;
    private static final int I = 3;
    private static final int H = 4;
    private static final int LAYERS = 2;
    /** Default tolerances; 24 random elements of each input and weight keep the test to about a second per cell. */
    private static final GradCheck.Settings PROBES = new GradCheck.Settings(1e-2, GradCheck.Settings.DEFAULT.tolerance(), 24);

    @ParameterizedTest
    @EnumSource(CellType.class)
    void backpropagationThroughTimeMatchesFiniteDifferences(CellType type) {
        Rng rng = Rng.seeded(7 + type.ordinal());
        RecurrentStack stack = new RecurrentStack(type, I, H, LAYERS, 0f, rng, rng);
        List<Parameter> params = stack.parameters();
        boolean cells = stack.zeroState(B).getFirst().hasCell();
        int states = LAYERS * (cells ? 2 : 1);

        List<float[]> inputs = new ArrayList<>();
        inputs.add(Seeds.uniform(rng, B * T * I, -1f, 1f));
        for (int s = 0; s < states; s++) {
            inputs.add(Seeds.uniform(rng, B * H, -0.8f, 0.8f));
        }
        params.forEach(p -> inputs.add(p.toArray()));
        float[][] values = inputs.toArray(new float[0][]);

        GradCheck.Forward forward = x -> GradMode.noGrad(() -> run(stack, x, cells, false).out().toArray());
        GradCheck.Backward backward = (x, upstream) -> {
            stack.zeroGrad();
            Run r = run(stack, x, cells, true);
            r.out().backward(Tensor.wrap(upstream, r.out().shape()));
            float[][] grads = new float[x.length][];
            for (int k = 0; k < r.leaves().size(); k++) {
                grads[k] = r.leaves().get(k).grad() == null ? new float[x[k].length] : r.leaves().get(k).grad().toArray();
            }
            for (int p = 0; p < params.size(); p++) {
                grads[r.leaves().size() + p] = params.get(p).grad().toArray();
            }
            return grads;
        };
        GradCheck.check(type + " over " + T + " steps", values, forward, backward, PROBES, Rng.seeded(99));
    }

    /** Every parameter of the stack receives a non-zero gradient from the last output step alone. */
    @ParameterizedTest
    @EnumSource(CellType.class)
    void gradientReachesEveryWeightThroughTheUnrolledSteps(CellType type) {
        Rng rng = Rng.seeded(3);
        RecurrentStack stack = new RecurrentStack(type, I, H, LAYERS, 0f, rng, rng);
        Tensor x = Tensor.uniform(rng, -1f, 1f, B, T, I);
        Tensor out = stack.forward(x, stack.zeroState(B)).outputs();
        out.slice(1, T - 1, T).sum().backward(); // (B, 1, H): only the last step
        for (var e : stack.namedParameters().entrySet()) {
            float[] g = e.getValue().grad().toArray();
            double norm = 0;
            for (float v : g) {
                norm += v * v;
            }
            assertTrue(norm > 0, type + ": no gradient reached " + e.getKey());
        }
        assertTrue(stack.unregistered().isEmpty(), stack.unregistered().toString());
        assertEquals(List.of(B, T, H), List.of(out.dim(0), out.dim(1), out.dim(2)));
    }

    private record Run(Tensor out, List<Tensor> leaves) {
    }

    /** Copies the weight values into the stack, runs it, and flattens outputs and final states into one vector. */
    private static Run run(RecurrentStack stack, float[][] x, boolean cells, boolean track) {
        List<Parameter> params = stack.parameters();
        int states = LAYERS * (cells ? 2 : 1);
        for (int p = 0; p < params.size(); p++) {
            System.arraycopy(x[1 + states + p], 0, params.get(p).data(), 0, x[1 + states + p].length);
        }
        List<Tensor> leaves = new ArrayList<>();
        for (int k = 0; k <= states; k++) {
            Tensor t = Tensor.wrap(x[k].clone(), k == 0 ? Shape.of(B, T, I) : Shape.of(B, H));
            leaves.add(track ? t.requiringGrad() : t);
        }
        List<CellState> initial = new ArrayList<>();
        for (int l = 0; l < LAYERS; l++) {
            initial.add(cells ? new CellState(leaves.get(1 + 2 * l), leaves.get(2 + 2 * l))
                    : CellState.hiddenOnly(leaves.get(1 + l)));
        }
        RecurrentStack.Output o = stack.forward(leaves.get(0), initial);
        List<Tensor> parts = new ArrayList<>();
        parts.add(o.outputs().reshape(-1)); // (B, T, H) -> (B*T*H)
        for (CellState s : o.states()) {
            parts.add(s.h().reshape(-1)); // (B, H) -> (B*H)
            if (cells) {
                parts.add(s.c().reshape(-1));
            }
        }
        return new Run(Layout.concat(0, parts), leaves);
    }
}
