package dev.thirty.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.kernels.Backend;
import dev.thirty.kernels.Kernels;

import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused LSTM step ({@link FusedLstm}) and the fused whole-sequence layer
 * ({@link FusedLstmLayer}) against the composition of primitives they replace: two cells with the
 * same weights, unrolled over 15 steps from the same random state, must agree on every output,
 * final state, input gradient and weight gradient, under both kernel backends. Both compute in float32 with the same GEMM; the
 * tolerance 1e-5 (relative to magnitude 1) covers the different summation order of the biases and
 * of float versus double transcendentals, and is far below any gate mix-up.
 */
class FusedLstmMatchesCompositionTest {

    private static final int B = 3;
    private static final int T = 15;
    private static final int I = 5;
    private static final int H = 7;

    @Test
    void fusedStepMatchesComposedStepForwardAndBackward() {
        LstmCell composed = new LstmCell(I, H, LstmCell.Step.COMPOSED, Rng.seeded(5));
        LstmCell fused = new LstmCell(I, H, LstmCell.Step.FUSED, Rng.seeded(5));
        Rng rng = Rng.seeded(6);
        Tensor x = Tensor.uniform(rng, -1f, 1f, B, T, I);
        Tensor h0 = Tensor.uniform(rng, -1f, 1f, B, H);
        Tensor c0 = Tensor.uniform(rng, -1f, 1f, B, H);
        Tensor w = Tensor.uniform(rng, -1f, 1f, B, H);

        assertAgree("step", unroll(composed, x, h0, c0, w), unroll(fused, x, h0, c0, w), composed, fused);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void fusedLayerMatchesComposedStepsForwardAndBackward(Backend backend) {
        LstmCell composed = new LstmCell(I, H, LstmCell.Step.COMPOSED, Rng.seeded(5));
        LstmCell fused = new LstmCell(I, H, LstmCell.Step.FUSED, Rng.seeded(5));
        Rng rng = Rng.seeded(8);
        Tensor x = Tensor.uniform(rng, -1f, 1f, B, T, I);
        Tensor h0 = Tensor.uniform(rng, -1f, 1f, B, H);
        Tensor c0 = Tensor.uniform(rng, -1f, 1f, B, H);
        Tensor wOut = Tensor.uniform(rng, -1f, 1f, B, T, H);
        Tensor wLast = Tensor.uniform(rng, -1f, 1f, B, H);

        Kernels kernels = Kernels.of(backend);
        assertAgree(backend + " layer", kernels.call(() -> runSequence(composed, x, h0, c0, wOut, wLast)),
                kernels.call(() -> runSequence(fused, x, h0, c0, wOut, wLast)), composed, fused);
    }

    /** Every result and every parameter gradient of the two cells agree. */
    private static void assertAgree(String what, List<Tensor> a, List<Tensor> b, LstmCell composed, LstmCell fused) {
        for (int k = 0; k < a.size(); k++) {
            assertClose(what + " result " + k, a.get(k).toArray(), b.get(k).toArray());
        }
        List<Parameter> pa = composed.parameters();
        List<Parameter> pb = fused.parameters();
        for (int p = 0; p < pa.size(); p++) {
            assertClose(what + " grad of " + fused.namedParameters().keySet().toArray()[p],
                    pa.get(p).grad().toArray(), pb.get(p).grad().toArray());
        }
    }

    @Test
    void fusedLayerWithOneHotInputsMatchesComposedSteps() {
        LstmCell composed = new LstmCell(I, H, LstmCell.Step.COMPOSED, Rng.seeded(5));
        LstmCell fused = new LstmCell(I, H, LstmCell.Step.FUSED, Rng.seeded(5));
        Rng rng = Rng.seeded(10);
        float[] hot = new float[B * T * I];
        for (int r = 0; r < B * T; r++) {
            hot[r * I + rng.nextInt(I)] = 1f;
        }
        Tensor x = Tensor.of(hot, B, T, I);
        Tensor h0 = Tensor.uniform(rng, -1f, 1f, B, H);
        Tensor c0 = Tensor.uniform(rng, -1f, 1f, B, H);
        Tensor wOut = Tensor.uniform(rng, -1f, 1f, B, T, H);
        Tensor wLast = Tensor.uniform(rng, -1f, 1f, B, H);
        assertAgree("one-hot layer", runSequence(composed, x, h0, c0, wOut, wLast),
                runSequence(fused, x, h0, c0, wOut, wLast), composed, fused);
    }

    @Test
    void fusedLayerSkipsGradientsOfInputsThatNeedNone() {
        LstmCell fused = new LstmCell(I, H, LstmCell.Step.FUSED, Rng.seeded(5));
        Rng rng = Rng.seeded(9);
        Tensor x = Tensor.uniform(rng, -1f, 1f, B, T, I);
        CellState zero = fused.zeroState(B);
        RecurrentCell.Sequence run = fused.run(x, zero);
        run.outputs().sum().add(run.last().c().sum()).backward();
        assertNull(x.grad());
        assertTrue(fused.weightHh().grad().toArray().length == 4 * H * H);
    }

    @Test
    void fusedLayerNamesTheShapesItGotWhenTheyDoNotFit() {
        LstmCell fused = new LstmCell(I, H, LstmCell.Step.FUSED, Rng.seeded(5));
        Tensor x = Tensor.zeros(B, T, I + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fused.run(x, fused.zeroState(B)));
        assertTrue(e.getMessage().contains("x (" + B + ", " + T + ", " + (I + 1) + ")"), e.getMessage());
    }

    /** Outputs, final h and C, then the gradients of x, h0 and C0 of a weighted loss of all of them. */
    private static List<Tensor> runSequence(LstmCell cell, Tensor x, Tensor h0, Tensor c0, Tensor wOut,
                                            Tensor wLast) {
        Tensor xs = x.detach().requiringGrad();
        CellState first = new CellState(h0.detach().requiringGrad(), c0.detach().requiringGrad());
        RecurrentCell.Sequence run = cell.run(xs, first);
        run.outputs().mul(wOut).sum().add(run.last().h().mul(wLast).sum()).add(run.last().c().mul(wLast).sum())
                .backward();
        return List.of(run.outputs(), run.last().h(), run.last().c(), xs.grad(), first.h().grad(),
                first.c().grad());
    }

    /** Outputs at every step, the final h and C, then the gradients of x, h0 and C0 of a weighted loss. */
    private static List<Tensor> unroll(LstmCell cell, Tensor x, Tensor h0, Tensor c0, Tensor w) {
        Tensor xs = x.detach().requiringGrad();
        CellState s = new CellState(h0.detach().requiringGrad(), c0.detach().requiringGrad());
        CellState first = s;
        List<Tensor> out = new ArrayList<>();
        Tensor loss = Tensor.scalar(0f);
        for (int t = 0; t < T; t++) {
            s = cell.forward(xs.slice(1, t, t + 1).reshape(B, I), s); // (B, 1, I) -> (B, I)
            out.add(s.h());
            loss = loss.add(s.h().mul(w).sum());
        }
        loss = loss.add(s.c().mul(w).sum());
        loss.backward();
        out.add(s.c());
        out.add(xs.grad());
        out.add(first.h().grad());
        out.add(first.c().grad());
        return out;
    }

    private static void assertClose(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what);
        int worst = 0;
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > Math.abs(expected[worst] - actual[worst])) {
                worst = i;
            }
        }
        float diff = Math.abs(expected[worst] - actual[worst]);
        float allowed = 1e-5f * Math.max(1f, Math.abs(expected[worst]));
        assertEquals(true, diff <= allowed, what + ": largest difference " + diff + " at index " + worst
                + " (" + expected[worst] + " vs " + actual[worst] + ")");
    }
}
