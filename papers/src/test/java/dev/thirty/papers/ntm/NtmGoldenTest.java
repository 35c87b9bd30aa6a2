package dev.thirty.papers.ntm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thirty.nn.functional.BinaryCrossEntropy;
import dev.thirty.nn.functional.Reduction;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Golden;
import dev.thirty.testkit.Tolerance;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The NTM against the small PyTorch NTM of {@code ntm_golden.py}, written there from the paper's
 * equations independently of this code: over a copy episode of length 3 and batch 2, every step's
 * logits and memory, the loss, and the gradient of every parameter and of the initial memory.
 */
class NtmGoldenTest {

    private static final Tolerance TOL = Tolerance.of(2e-5, 2e-4);
    private static final int B = 2;
    private static final int L = 3;
    private static final int N = 6;
    private static final int M = 4;

    private final Golden golden = Golden.load(NtmGoldenTest.class, "ntm.json");

    @Test
    void stepsLossAndEveryGradientMatchPyTorch() {
        Ntm ntm = new Ntm(9, 8, 10, N, M, 1, 1, Rng.seeded(1));
        Map<String, Parameter> params = ntm.namedParameters();
        long goldenParams = golden.entries().keySet().stream()
                .filter(k -> k.startsWith("grad.") && !k.equals("grad.memory0")).count();
        assertEquals(goldenParams, params.size(), "parameters named as in the PyTorch NTM: " + params.keySet());
        params.forEach((name, p) -> System.arraycopy(golden.get(name).data(), 0, p.data(), 0, p.size()));
        Parameter memory0 = Parameter.zeros(B, N, M);
        System.arraycopy(golden.get("memory0").data(), 0, memory0.data(), 0, memory0.size());

        Episode e = CopyTask.episode(L, B, golden.get("bits").data());
        assertEquals(Arrays.toString(golden.get("x").data()), Arrays.toString(e.inputs()), "the same episode");
        Ntm.State init = ntm.initialState(B);
        Ntm.State s = new Ntm.State(init.controller(), memory0, init.reads(), init.weightings());
        float[] wantLogits = golden.get("logits").data();
        float[] wantMemory = golden.get("memory").data();
        Tensor loss = null;
        for (int t = 0; t < e.steps(); t++) {
            Ntm.Step step = ntm.step(e.input(t), s);
            s = step.state();
            FloatAssert.assertClose("logits at step " + t, Arrays.copyOfRange(wantLogits, t * B * 8, (t + 1) * B * 8),
                    step.logits().toArray(), new int[] {B, 8}, TOL);
            FloatAssert.assertClose("memory after step " + t,
                    Arrays.copyOfRange(wantMemory, t * B * N * M, (t + 1) * B * N * M), s.memory().toArray(),
                    new int[] {B, N, M}, TOL);
            if (t > L) {
                Tensor l = BinaryCrossEntropy.withLogits(step.logits(), e.target(t - L - 1), Reduction.SUM);
                loss = loss == null ? l : loss.add(l);
            }
        }
        FloatAssert.assertClose("loss", golden.get("loss").data(), new float[] {loss.item()}, TOL);
        loss.backward();
        params.forEach((name, p) -> FloatAssert.assertClose("gradient of " + name, golden.get("grad." + name).data(),
                p.grad().toArray(), p.shape().dims(), TOL));
        FloatAssert.assertClose("gradient of the initial memory", golden.get("grad.memory0").data(),
                memory0.grad().toArray(), new int[] {B, N, M}, TOL);
    }
}
