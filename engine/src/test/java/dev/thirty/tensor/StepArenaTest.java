package dev.thirty.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.nn.functional.LayerNorm;
import dev.thirty.optim.AdamW;
import dev.thirty.optim.GradClip;
import dev.thirty.testkit.Seeds;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link StepArena}: arrays come back to the next step, cleared when asked, never outside a scope;
 * tensors of a closed step refuse to be read; and training through an arena gives the same bits as
 * training without one, even when every returned array is poisoned with NaN.
 */
class StepArenaTest {

    @Test
    void theNextStepGetsThePreviousStepsArraysBackInOrderClearedWhenAsked() {
        StepArena arena = new StepArena();
        float[] first;
        float[] second;
        try (StepArena.Scope s = arena.open()) {
            first = StepArena.toOverwrite(5);
            second = StepArena.zeroed(5);
            assertNotSame(first, second);
            Arrays.fill(first, 3f);
            Arrays.fill(second, 4f);
        }
        try (StepArena.Scope s = arena.open()) {
            float[] a = StepArena.zeroed(5);
            float[] b = StepArena.toOverwrite(5);
            assertSame(first, a, "arrays come back in the order the last step took them");
            assertSame(second, b);
            assertArrayEquals(new float[5], a, "zeroed clears a reused array");
            assertArrayEquals(new float[] {4, 4, 4, 4, 4}, b, "toOverwrite leaves it as it was");
            assertNotSame(a, StepArena.zeroed(5), "a third array of that size is new: only two were returned");
        }
    }

    @Test
    void outsideAScopeEveryArrayIsNewAndZero() {
        float[] lent = oneStepsArray(new StepArena(), 4);
        float[] outside = StepArena.toOverwrite(4);
        assertNotSame(lent, outside);
        assertArrayEquals(new float[4], outside);
    }

    @Test
    void sizesTheLastStepDidNotAskForAreDropped() {
        StepArena arena = new StepArena();
        float[] six = oneStepsArray(arena, 6);
        try (StepArena.Scope s = arena.open()) {
            StepArena.zeroed(7);  // this step asks for another size only
        }
        try (StepArena.Scope s = arena.open()) {
            assertNotSame(six, StepArena.zeroed(6), "kept only what the last step lent");
        }
    }

    @Test
    void aTensorOfAClosedStepRefusesToBeRead() {
        StepArena arena = new StepArena();
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 3);
        Tensor y;
        Tensor view;
        Tensor one;
        try (StepArena.Scope s = arena.open()) {
            y = x.mul(2f);
            view = y.reshape(1, 3);
            one = y.reshape(3, 1).slice(0, 1, 2).reshape();
            assertArrayEquals(new float[] {2, 4, 6}, y.toArray());
            assertEquals(4f, one.item());
        }
        for (Runnable read : List.<Runnable>of(y::data, y::toArray, () -> y.get(0), view::data, one::item,
                y::detach, y::requiringGrad)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, read::run);
            assertTrue(e.getMessage().contains("used after the scope closed"), e.getMessage());
        }
        assertArrayEquals(new float[] {1, 2, 3}, x.toArray(), "tensors made outside the scope stay readable");
    }

    @Test
    void scopesDoNotNestAndCloseOnTheThreadThatOpenedThem() throws Exception {
        StepArena arena = new StepArena();
        StepArena other = new StepArena();
        try (StepArena.Scope s = arena.open()) {
            IllegalStateException nested = assertThrows(IllegalStateException.class, other::open);
            assertTrue(nested.getMessage().contains("already open"), nested.getMessage());
            Throwable elsewhere = CompletableFuture.supplyAsync(() -> {
                try {
                    s.close();
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            }).get();
            assertTrue(elsewhere != null && elsewhere.getMessage().contains("thread that opened it"),
                    String.valueOf(elsewhere));
            assertTrue(!s.isClosed());
        }
        try (StepArena.Scope s = other.open()) {
            assertTrue(!s.isClosed(), "the first scope's close freed the thread");
        }
    }

    /** Runs one step on {@code arena} that takes an array of {@code n} and writes 1 into it; returns the array. */
    private static float[] oneStepsArray(StepArena arena, int n) {
        try (StepArena.Scope s = arena.open()) {
            float[] a = StepArena.toOverwrite(n);
            a[0] = 1f;
            return a;
        }
    }

    @Test
    void aPoisoningArenaFillsReturnedArraysWithNaN() {
        float[] lent = oneStepsArray(StepArena.poisoning(), 3);
        assertTrue(Float.isNaN(lent[0]) && Float.isNaN(lent[2]));
    }

    /**
     * Steps of a small network (matmul, bias add, layer norm, tanh, cross-entropy, AdamW with
     * clipping) through a poisoning arena: any value computed in one step and still read in a later
     * one would be NaN there. Every activation and weight is 8 x 8, so an array that wrongly outlives
     * its step is lent again within the next. Losses and final weights must equal, bit for bit, the
     * same steps without an arena.
     */
    @Test
    void trainingThroughAPoisonedArenaGivesTheSameBitsAsWithout() {
        float[][] plain = train(null);
        float[][] arena = train(StepArena.poisoning());
        assertEquals(plain.length, arena.length);
        for (int i = 0; i < plain.length; i++) {
            assertArrayEquals(plain[i], arena[i], "row " + i + " (losses, then each weight)");
        }
    }

    private static float[][] train(StepArena arena) {
        RandomGenerator rng = Seeds.generator(5);
        Parameter w1 = Parameter.of(Tensor.normal(rng, 0f, 0.3f, 8, 8));
        Parameter b1 = Parameter.of(Tensor.zeros(8));
        Parameter gamma = Parameter.of(Tensor.ones(8));
        Parameter w2 = Parameter.of(Tensor.normal(rng, 0f, 0.3f, 8, 8));
        List<Parameter> params = List.of(w1, b1, gamma, w2);
        AdamW opt = new AdamW(params, new AdamW.Config(0.9, 0.99, 1e-8, 0.1), 1e-2);
        Tensor x = Tensor.normal(rng, 0f, 1f, 8, 8);
        int[] labels = {0, 1, 2, 3, 4, 5, 6, 7};
        int steps = 6;
        float[] losses = new float[steps];
        for (int step = 0; step < steps; step++) {
            StepArena.Scope scope = arena == null ? null : arena.open();
            try {
                opt.zeroGrad();
                Tensor h = LayerNorm.layerNorm(x.matmul(w1).add(b1), gamma, null, 1e-5f).tanh();
                Tensor loss = CrossEntropy.crossEntropy(h.matmul(w2), labels);
                loss.backward();
                GradClip.clipGlobalNorm(params, 0.5);
                opt.step();
                losses[step] = loss.item();
            } finally {
                if (scope != null) {
                    scope.close();
                }
            }
        }
        float[][] out = new float[1 + params.size()][];
        out[0] = losses;
        for (int i = 0; i < params.size(); i++) {
            out[1 + i] = params.get(i).toArray();
            assertTrue(Float.isFinite(out[1 + i][0]));
        }
        return out;
    }

    @Test
    void lentArraysAreTheOnesTheStepsOpsComputeInto() {
        StepArena arena = new StepArena();
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        float[] first;
        try (StepArena.Scope s = arena.open()) {
            first = x.matmul(x).data();
        }
        try (StepArena.Scope s = arena.open()) {
            Tensor y = x.matmul(x);
            assertSame(first, y.data(), "the product reuses last step's product array");
            assertArrayEquals(new float[] {7, 10, 15, 22}, y.toArray());
        }
    }
}
