package dev.thirty.papers.gpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.optim.AdamW;
import dev.thirty.optim.GradClip;
import dev.thirty.optim.ParamGroup;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The GPT's training step (embedding, fused causal attention, layer norm, exact GELU, tied head,
 * cross-entropy, clipping, AdamW) run through a {@link StepArena} that poisons every array it takes
 * back: the losses and every final weight must equal, bit for bit, the same steps without an arena.
 * An op that kept a value from one step into the next, or that took an array "to overwrite" and
 * then left part of it unwritten, would show here as NaN or as a different number.
 */
class GptStepArenaTest {

    @Test
    void trainingStepsThroughAPoisonedArenaMatchPlainStepsBitForBit() {
        List<float[]> plain = train(null);
        List<float[]> arena = train(StepArena.poisoning());
        for (int i = 0; i < plain.size(); i++) {
            assertArrayEquals(plain.get(i), arena.get(i), i == 0 ? "losses" : "weight " + i);
        }
    }

    private static List<float[]> train(StepArena arena) {
        int b = 3;
        int t = 8;
        Gpt model = new Gpt(new GptConfig(11, t, 2, 2, 16, 0f, Gelu.EXACT), Rng.seeded(3));
        Map<String, Parameter> params = model.namedParameters();
        AdamW adamw = new AdamW(ParamGroup.decayMatricesOnly(params, new AdamW.Config(0.9, 0.99, 1e-8, 0.1)), 3e-3);
        SplittableRandom rng = new SplittableRandom(9);
        int steps = 5;
        float[] losses = new float[steps];
        for (int step = 0; step < steps; step++) {
            int[] inputs = rng.ints(b * t, 0, 11).toArray();
            int[] targets = rng.ints(b * t, 0, 11).toArray();
            StepArena.Scope scope = arena == null ? null : arena.open();
            try {
                adamw.zeroGrad();
                Tensor loss = CrossEntropy.crossEntropy(model.forward(inputs, b, t), targets);
                loss.backward();
                GradClip.clipGlobalNorm(model.parameters(), 1.0);
                adamw.step();
                losses[step] = loss.item();
            } finally {
                if (scope != null) {
                    scope.close();
                }
            }
            assertTrue(Float.isFinite(losses[step]), "loss at step " + step);
        }
        List<float[]> out = new ArrayList<>();
        out.add(losses);
        params.values().forEach(p -> out.add(p.toArray()));
        return out;
    }
}
