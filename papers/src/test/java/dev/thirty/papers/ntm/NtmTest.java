package dev.thirty.papers.ntm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NtmTest {

    private static final int B = 2;
    private static final int IN = 3;
    private static final int OUT = 2;
    private static final int HIDDEN = 6;
    private static final int ROWS = 5;
    private static final int WIDTH = 3;

    private static Ntm small(long seed) {
        return new Ntm(IN, OUT, HIDDEN, ROWS, WIDTH, 1, 1, Rng.seeded(seed));
    }

    @Test
    void parameterCountOfTheCopyTasksMachine() {
        // 8 bits + delimiter in, 8 bits out, LSTM 100, memory 128 x 20, one read and one write head
        Ntm ntm = new Ntm(9, 8, 100, 128, 20, 1, 1, Rng.seeded(1));
        long lstm = 4L * 100 * (9 + 20) + 4L * 100 * 100 + 2 * 4 * 100;
        long read = (100 + 1) * (20 + 6);
        long write = (100 + 1) * (3 * 20 + 6);
        long out = (100 + 20 + 1) * 8;
        assertEquals(lstm + read + write + out, ntm.parameterCount());
        assertEquals(62_660, ntm.parameterCount());
        assertTrue(ntm.unregistered().isEmpty(), ntm.unregistered().toString());
    }

    @Test
    void aStepKeepsWeightingsNormalisedAndWritesMemory() {
        Ntm ntm = small(2);
        Ntm.State s = ntm.initialState(B);
        for (int t = 0; t < 4; t++) {
            Ntm.Step step = ntm.step(Tensor.randn(Rng.seeded(t), B, IN), s);
            s = step.state();
            assertEquals(Shape.of(B, OUT), step.logits().shape());
            for (Tensor w : s.weightings()) {
                float[] v = w.toArray();
                for (int b = 0; b < B; b++) {
                    float sum = 0;
                    for (int i = 0; i < ROWS; i++) {
                        assertTrue(v[b * ROWS + i] >= 0);
                        sum += v[b * ROWS + i];
                    }
                    assertEquals(1f, sum, 1e-5f);
                }
            }
        }
        float moved = 0;
        for (float m : s.memory().toArray()) {
            moved = Math.max(moved, Math.abs(m - Ntm.MEMORY_INIT));
        }
        assertTrue(moved > 1e-3f, "the write head changed the memory");
        var e = assertThrows(IllegalArgumentException.class, () -> small(1).step(Tensor.zeros(B, IN + 1),
                small(1).initialState(B)));
        assertTrue(e.getMessage().contains("input must be (batch, 3)"), e.getMessage());
    }

    /** The logits of {@code steps} steps from the initial state, with the memory to start from given too. */
    private static Tensor unrolled(Ntm ntm, Tensor xs, Tensor memory, int steps) {
        Ntm.State init = ntm.initialState(B);
        Ntm.State s = new Ntm.State(init.controller(), memory, init.reads(), init.weightings());
        List<Tensor> outs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            Ntm.Step step = ntm.step(xs.slice(0, t * B, (t + 1) * B), s);
            outs.add(step.logits());
            s = step.state();
        }
        outs.add(s.memory().reshape(B, ROWS * WIDTH));
        return dev.thirty.tensor.Layout.concat(1, outs);
    }

    private static void gradCheck(String name, Ntm ntm, int steps, long seed) {
        Rng rng = Rng.seeded(seed);
        float[] xs = Tensor.randn(rng, steps * B, IN).toArray();
        float[] memory = Tensor.uniform(rng, -0.5f, 0.5f, B, ROWS, WIDTH).toArray();
        GradChecks.check(name, x -> unrolled(ntm, x[0], x[1], steps), new float[][] {xs, memory},
                new int[] {steps * B, IN}, new int[] {B, ROWS, WIDTH});
    }

    @Test
    void oneFullStepHasTheGradientOfItsEquations() {
        gradCheck("ntm step", small(3), 1, 10);
    }

    @Test
    void aShortUnrolledSequenceHasTheGradientOfItsEquations() {
        gradCheck("ntm 4 steps", small(4), 4, 11);
    }

    @Test
    void theFeedForwardControllerHasTheGradientOfItsEquationsAndNoControllerState() {
        Ntm ff = new Ntm(Ntm.Controller.FEED_FORWARD, IN, OUT, HIDDEN, ROWS, WIDTH, 2, 1, Rng.seeded(6));
        assertEquals(null, ff.initialState(B).controller());
        gradCheck("feed-forward ntm 3 steps", ff, 3, 13);
        // the copy machine with a feed-forward controller of 100: one layer in place of the LSTM
        Ntm copy = new Ntm(Ntm.Controller.FEED_FORWARD, 9, 8, 100, 128, 20, 1, 1, Rng.seeded(1));
        long controller = 100L * (9 + 20) + 100;
        long heads = (100 + 1) * (20 + 6) + (100 + 1) * (3 * 20 + 6);
        assertEquals(controller + heads + (100 + 20 + 1) * 8, copy.parameterCount());
        assertTrue(copy.namedParameters().containsKey("controller.weight"), copy.namedParameters().keySet().toString());
    }

    /** Head biases that put β near 0, g near 0 or 1, s near one-hot and γ near 1: the edges of their ranges. */
    @Test
    void theAddressingPiecesNearTheirEdgesStillHaveTheirGradients() {
        Ntm ntm = small(5);
        for (String head : new String[] {"read0", "write0"}) {
            Parameter bias = ntm.namedParameters().get(head + ".bias");
            float[] v = bias.data();
            v[WIDTH] = -6f;                       // β = softplus(-6) = 0.0025
            v[WIDTH + 1] = head.startsWith("read") ? 6f : -6f;   // g = 0.9975 / 0.0025
            v[WIDTH + 2] = 5f;                    // s: most weight on shift −1
            v[WIDTH + 5] = -6f;                   // γ = 1.0025
        }
        gradCheck("ntm at the edges", ntm, 3, 12);
    }
}
