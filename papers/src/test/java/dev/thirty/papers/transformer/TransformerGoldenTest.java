package dev.thirty.papers.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thirty.nn.attention.AttentionMask;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.nn.functional.Reduction;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Golden;
import dev.thirty.testkit.Tolerance;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tiny encoder-decoder of {@code transformer_golden.py} (N 2, dModel 16, 2 heads, dFf 32,
 * shared embeddings, label smoothing 0.1, a padded source and two padded targets) against
 * PyTorch 1.13, with sinusoidal and with learned positions: logits, loss, and the gradient of
 * every parameter, by state-dict names. The forward and backward pass is the training step's.
 */
class TransformerGoldenTest {

    /** float32 on both sides, different summation orders through 2 + 2 post-norm layers. */
    private static final Tolerance TOL = Tolerance.of(2e-5, 1e-4);

    private final Golden golden = Golden.load(TransformerGoldenTest.class, "transformer.json");

    @ParameterizedTest
    @EnumSource(TransformerConfig.Positions.class)
    void logitsLossAndEveryGradientMatchPyTorch(TransformerConfig.Positions positions) {
        String prefix = positions.name().toLowerCase(Locale.ROOT) + ".";
        Transformer model = new Transformer(new TransformerConfig(13, 2, 16, 32, 2, 0f, 8,
                TransformerConfig.Embeddings.SHARED, positions), Rng.seeded(1));
        Map<String, Parameter> params = model.namedParameters();
        long goldenParams = golden.entries().keySet().stream().filter(k -> k.startsWith(prefix + "grad.")).count();
        assertEquals(goldenParams, params.size(), "parameters named as the state dict: " + params.keySet());
        params.forEach((name, p) -> {
            Golden.Entry e = golden.get(name);
            assertEquals(p.size(), e.data().length, name);
            System.arraycopy(e.data(), 0, p.data(), 0, p.size());
        });
        int[] src = golden.ints("src");
        int[] tgtIn = golden.ints("tgt_in");
        int b = golden.get("src").shape()[0];
        int s = golden.get("src").shape()[1];
        int t = golden.get("tgt_in").shape()[1];

        AttentionMask srcMask = AttentionMask.padding(src, b, s, 0);
        AttentionMask tgtMask = AttentionMask.paddingAndCausal(tgtIn, b, t, 0);
        Tensor memory = model.encode(src, b, s, srcMask);                           // (B, S, C)
        Tensor logits = model.decode(memory, srcMask, tgtIn, b, t, tgtMask);        // (B, T, V)
        FloatAssert.assertClose("logits", golden.get(prefix + "logits").data(), logits.toArray(),
                logits.shape().dims(), TOL);
        Tensor loss = CrossEntropy.crossEntropy(logits, golden.ints("tgt_out"),
                new CrossEntropy.Options(Reduction.MEAN, 0, 0.1f));
        FloatAssert.assertClose("loss", golden.get(prefix + "loss").data(), new float[] {loss.item()}, TOL);
        loss.backward();
        params.forEach((name, p) -> FloatAssert.assertClose("gradient of " + name,
                golden.get(prefix + "grad." + name).data(), p.grad().toArray(), p.shape().dims(), TOL));
    }
}
