package dev.thirty.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dropout on {@code h_{t-1} -> h_t}: what it changes, what it leaves alone, and its gradient. */
class RecurrentDropoutCellTest {

    private static final int B = 3;
    private static final int T = 6;
    private static final int I = 4;
    private static final int H = 5;

    private static float[] hidden(RecurrentCell cell, Tensor x, CellState s0) {
        return GradMode.noGrad(() -> cell.run(x, s0).outputs().toArray());
    }

    @Test
    void evalModeAndZeroProbabilityAreTheWrappedCell() {
        Rng rng = Rng.seeded(1);
        LstmCell lstm = new LstmCell(I, H, LstmCell.Step.FUSED, rng);
        Tensor x = Tensor.uniform(rng, -1f, 1f, B, T, I);
        CellState s0 = new CellState(Tensor.uniform(rng, -1f, 1f, B, H), Tensor.uniform(rng, -1f, 1f, B, H));
        float[] plain = hidden(lstm, x, s0);

        RecurrentDropoutCell dropped = new RecurrentDropoutCell(lstm, 0.5f, Rng.seeded(2));
        dropped.eval();
        assertArrayEquals(plain, hidden(dropped, x, s0), "eval mode drops nothing");

        RecurrentDropoutCell none = new RecurrentDropoutCell(lstm, 0f, Rng.seeded(2));
        none.train();
        float[] stepwise = hidden(none, x, s0); // step by step, against the fused whole-sequence op
        for (int i = 0; i < plain.length; i++) {
            assertEquals(plain[i], stepwise[i], 1e-6, "element " + i);
        }
        assertEquals(lstm.parameters().size(), dropped.parameters().size());
        assertTrue(dropped.namedParameters().containsKey("cell.weight_hh"), dropped.namedParameters().keySet().toString());
    }

    /**
     * From a zero state the first step is untouched (dropping zeros changes nothing) and later ones are not;
     * the same generator seed gives the same masks.
     */
    @Test
    void trainingDropsOnlyTheRecurrentInputWithAFreshMaskEachStep() {
        Rng rng = Rng.seeded(3);
        LstmCell lstm = new LstmCell(I, H, LstmCell.Step.FUSED, rng);
        Tensor x = Tensor.uniform(rng, -1f, 1f, B, T, I);
        CellState zero = lstm.zeroState(B);
        RecurrentDropoutCell none = new RecurrentDropoutCell(lstm, 0f, Rng.seeded(9));
        none.train();
        float[] plain = hidden(none, x, zero); // step by step as the dropped runs, so rounding matches
        RecurrentDropoutCell a = new RecurrentDropoutCell(lstm, 0.5f, Rng.seeded(9));
        RecurrentDropoutCell b = new RecurrentDropoutCell(lstm, 0.5f, Rng.seeded(9));
        a.train();
        b.train();
        float[] da = hidden(a, x, zero);
        assertArrayEquals(da, hidden(b, x, zero), "same seed, same masks");
        for (int row = 0; row < B; row++) {
            int first = row * T * H;
            assertArrayEquals(Arrays.copyOfRange(plain, first, first + H), Arrays.copyOfRange(da, first, first + H),
                    "step 0 of row " + row + " reads a zero state");
            assertFalse(Arrays.equals(Arrays.copyOfRange(plain, first + H, first + T * H),
                    Arrays.copyOfRange(da, first + H, first + T * H)), "steps 1.. of row " + row + " are unchanged");
        }
    }

    /**
     * Backpropagation through the dropped recurrence matches finite differences with the masks held fixed
     * (every forward draws them from the same seed): inputs, initial state and every weight.
     */
    @Test
    void gradientMatchesFiniteDifferencesWithFixedMasks() {
        Rng rng = Rng.seeded(11);
        for (LstmCell.Step path : LstmCell.Step.values()) {
            LstmCell lstm = new LstmCell(I, H, path, rng);
            List<Parameter> params = lstm.parameters();
            List<float[]> inputs = new ArrayList<>();
            inputs.add(Seeds.uniform(rng, B * T * I, -1f, 1f));
            inputs.add(Seeds.uniform(rng, B * H, -0.8f, 0.8f));
            inputs.add(Seeds.uniform(rng, B * H, -0.8f, 0.8f));
            params.forEach(p -> inputs.add(p.toArray()));
            float[][] values = inputs.toArray(new float[0][]);
            GradCheck.Forward forward = v -> GradMode.noGrad(() -> run(lstm, v, false).out().toArray());
            GradCheck.Backward backward = (v, upstream) -> {
                lstm.zeroGrad();
                Run r = run(lstm, v, true);
                r.out().backward(Tensor.wrap(upstream, r.out().shape()));
                float[][] grads = new float[v.length][];
                for (int k = 0; k < 3; k++) {
                    grads[k] = r.leaves().get(k).grad().toArray();
                }
                for (int p = 0; p < params.size(); p++) {
                    grads[3 + p] = params.get(p).grad().toArray();
                }
                return grads;
            };
            GradCheck.check(path + " LSTM with recurrent dropout", values, forward, backward,
                    new GradCheck.Settings(1e-2, GradCheck.Settings.DEFAULT.tolerance(), 24), Rng.seeded(5));
        }
    }

    private record Run(Tensor out, List<Tensor> leaves) {
    }

    private static Run run(LstmCell lstm, float[][] v, boolean track) {
        List<Parameter> params = lstm.parameters();
        for (int p = 0; p < params.size(); p++) {
            System.arraycopy(v[3 + p], 0, params.get(p).data(), 0, v[3 + p].length);
        }
        List<Tensor> leaves = new ArrayList<>();
        leaves.add(Tensor.wrap(v[0].clone(), Shape.of(B, T, I)));
        leaves.add(Tensor.wrap(v[1].clone(), Shape.of(B, H)));
        leaves.add(Tensor.wrap(v[2].clone(), Shape.of(B, H)));
        if (track) {
            leaves.replaceAll(Tensor::requiringGrad);
        }
        RecurrentDropoutCell cell = new RecurrentDropoutCell(lstm, 0.4f, Rng.seeded(21)); // the same masks every time
        cell.train();
        RecurrentCell.Sequence s = cell.run(leaves.get(0), new CellState(leaves.get(1), leaves.get(2)));
        Tensor out = Layout.concat(0, List.of(s.outputs().reshape(-1), s.last().c().reshape(-1)));
        return new Run(out, leaves);
    }
}
