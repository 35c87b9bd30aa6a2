package dev.thirty.papers.gpt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Golden;
import dev.thirty.testkit.Tolerance;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tiny GPT of {@code gpt_golden.py} (nanoGPT's model, bias=False, tied head) against PyTorch
 * 1.13: logits, loss, and the gradient of every parameter, by nanoGPT's names; with nanoGPT's exact
 * GELU, and again with the tanh approximation on the same weights and batch. The two forms' logits
 * differ by up to 9e-4 there, 45 times the absolute tolerance, so each check also tells the forms
 * apart.
 */
class GptGoldenTest {

    /** float32 on both sides, different summation orders through 2 blocks: a few ulps of 1e-1 values. */
    private static final Tolerance TOL = Tolerance.of(2e-5, 1e-4);

    private final Golden golden = Golden.load(GptGoldenTest.class, "gpt.json");

    @Test
    void logitsLossAndEveryGradientMatchPyTorchWithExactGelu() {
        assertMatchesPyTorch(Gelu.EXACT, "");
    }

    @Test
    void logitsLossAndEveryGradientMatchPyTorchWithTanhGelu() {
        assertMatchesPyTorch(Gelu.TANH, "tanh.");
    }

    /** {@code prefix} names the fixture's entries for this GELU form; weights and batch are shared. */
    private void assertMatchesPyTorch(Gelu gelu, String prefix) {
        int b = 3;
        int t = 8;
        Gpt model = new Gpt(new GptConfig(11, t, 2, 2, 16, 0f, gelu), Rng.seeded(1));
        Map<String, Parameter> params = model.namedParameters();
        long goldenParams = golden.entries().keySet().stream().filter(k -> k.startsWith("grad.")).count();
        assertEquals(goldenParams, params.size(), "parameters named as in nanoGPT: " + params.keySet());
        params.forEach((name, p) -> {
            Golden.Entry e = golden.get(name);
            System.arraycopy(e.data(), 0, p.data(), 0, p.size());
        });
        Tensor logits = model.forward(golden.ints("ids"), b, t);
        FloatAssert.assertClose(gelu + " logits", golden.get(prefix + "logits").data(), logits.toArray(),
                logits.shape().dims(), TOL);
        Tensor loss = CrossEntropy.crossEntropy(logits, golden.ints("targets"));
        FloatAssert.assertClose(gelu + " loss", golden.get(prefix + "loss").data(), new float[] {loss.item()}, TOL);
        loss.backward();
        params.forEach((name, p) -> FloatAssert.assertClose(gelu + " gradient of " + name,
                golden.get(prefix + "grad." + name).data(), p.grad().toArray(), p.shape().dims(), TOL));
    }
}
