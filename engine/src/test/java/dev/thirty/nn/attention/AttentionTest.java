package dev.thirty.nn.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.autograd.GradMode;
import dev.thirty.nn.Linear;
import dev.thirty.tensor.Layout;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import dev.thirty.testing.TensorGradCheck;
import dev.thirty.testing.TensorGradCheck.Input;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import dev.thirty.testkit.Tolerance;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Scaled dot-product attention, its masks, the fused causal op, multi-head attention, positions. */
class AttentionTest {

    private static float[] random(long seed, int n) {
        return Seeds.uniform(Seeds.generator(seed), n, -1, 1);
    }

    @Test
    void scaledDotProductAttentionGradientMatchesFiniteDifferences() {
        int b = 2;
        int t = 3;
        int d = 4;
        // The second sequence's last key is padding; the causal mask stacks on top.
        AttentionMask mask = AttentionMask.paddingAndCausal(new int[] {5, 6, 7, 5, 6, 0}, b, t, 0);
        TensorGradCheck.check("sdpa", x -> ScaledDotProductAttention.attend(x[0], x[1], x[2], mask),
                Seeds.generator(1), Input.of(random(2, b * t * d), b, 1, t, d),
                Input.of(random(3, b * t * d), b, 1, t, d), Input.of(random(4, b * t * d), b, 1, t, d));
    }

    @Test
    void causalMaskGivesLaterKeysZeroWeight() {
        Tensor q = Tensor.of(random(5, 2 * 5 * 4), 2, 5, 4);
        Tensor k = Tensor.of(random(6, 2 * 5 * 4), 2, 5, 4);
        Tensor w = ScaledDotProductAttention.weights(q, k, AttentionMask.causal(5));
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 5; i++) {
                double rowSum = 0;
                for (int j = 0; j < 5; j++) {
                    rowSum += w.get(b, i, j);
                    if (j > i) {
                        assertEquals(0f, w.get(b, i, j), "weight of later key " + j + " for query " + i);
                    }
                }
                assertEquals(1.0, rowSum, 1e-6, "weights of query " + i + " sum to one");
            }
        }
    }

    @Test
    void paddingKeysGetZeroWeightAndDoNotChangeTheResult() {
        int t = 4;
        Tensor q = Tensor.of(random(7, t * 8), 1, 1, t, 8);
        Tensor k = Tensor.of(random(8, t * 8), 1, 1, t, 8);
        float[] vValues = random(9, t * 8);
        AttentionMask pad = AttentionMask.padding(new int[] {3, 4, 0, 0}, 1, t, 0);
        Tensor before = ScaledDotProductAttention.attend(q, k, Tensor.of(vValues, 1, 1, t, 8), pad);
        for (int i = 2 * 8; i < vValues.length; i++) {
            vValues[i] += 10f; // the values of the padded keys
        }
        Tensor after = ScaledDotProductAttention.attend(q, k, Tensor.of(vValues, 1, 1, t, 8), pad);
        FloatAssert.assertIdentical("output with padded values changed", before.toArray(), after.toArray());
    }

    /** The composition the fused op replaces: split, heads, masked softmax attention, heads back. */
    private static Tensor composedCausal(Tensor qkv, int heads) {
        int b = qkv.dim(0);
        int t = qkv.dim(1);
        int c = qkv.dim(2) / 3;
        List<Tensor> parts = Layout.split(qkv, 2, c, c, c);
        Function<Tensor, Tensor> split = x -> x.reshape(b, t, heads, -1).permute(0, 2, 1, 3); // -> (B, H, T, d)
        Tensor y = ScaledDotProductAttention.attend(split.apply(parts.get(0)), split.apply(parts.get(1)),
                split.apply(parts.get(2)), AttentionMask.causal(t));
        return y.permute(0, 2, 1, 3).reshape(b, t, c); // (B, H, T, d) -> (B, T, C)
    }

    private static float[][] outputAndGradient(Function<Tensor, Tensor> f, float[] qkv, int... shape) {
        Tensor leaf = Tensor.of(qkv, shape).requiringGrad();
        Tensor out = f.apply(leaf);
        out.backward(Tensor.of(random(99, out.size()), out.shape().dims()));
        return new float[][] {out.toArray(), leaf.grad().toArray()};
    }

    @Test
    void fusedCausalAttentionMatchesTheCompositionForwardAndBackward() {
        int b = 3;
        int t = 17; // not a multiple of any vector width
        int c = 24;
        int heads = 4;
        float[] qkv = Seeds.uniform(Seeds.generator(10), b * t * 3 * c, -2, 2);
        float[][] fused = outputAndGradient(x -> FusedCausalAttention.attend(x, heads), qkv, b, t, 3 * c);
        float[][] composed = outputAndGradient(x -> composedCausal(x, heads), qkv, b, t, 3 * c);
        FloatAssert.assertClose("forward", composed[0], fused[0], Tolerance.of(1e-5, 1e-5));
        FloatAssert.assertClose("gradient of qkv", composed[1], fused[1], new int[] {b, t, 3 * c},
                Tolerance.of(1e-5, 1e-4));
    }

    @Test
    void fusedCausalAttentionGradientMatchesFiniteDifferences() {
        TensorGradCheck.check("fused causal attention", x -> FusedCausalAttention.attend(x[0], 2),
                Seeds.generator(11), Input.of(random(12, 2 * 5 * 12), 2, 5, 12));
    }

    @Test
    void multiHeadAttentionGradientMatchesFiniteDifferences() {
        Rng rng = Rng.seeded(13);
        MultiHeadAttention mha = new MultiHeadAttention(8, 2, 0f, rng);
        assertTrue(mha.unregistered().isEmpty(), "every field registered");
        assertEquals(4 * (8 * 8 + 8), mha.parameterCount());
        AttentionMask mask = AttentionMask.padding(new int[] {1, 2, 0}, 1, 3, 0);
        TensorGradCheck.check("multi-head cross-attention", x -> mha.forward(x[0], x[1], x[1], mask),
                Seeds.generator(14), Input.of(random(15, 2 * 8), 1, 2, 8), Input.of(random(16, 3 * 8), 1, 3, 8));
    }

    @Test
    void multiHeadAttentionWithOneHeadIsTheProjectedEquationOne() {
        Rng rng = Rng.seeded(17);
        MultiHeadAttention mha = new MultiHeadAttention(6, 1, 0f, rng);
        Tensor x = Tensor.of(random(18, 4 * 6), 1, 4, 6);
        Linear[] p = mha.children().values().stream().filter(m -> m instanceof Linear).toArray(Linear[]::new);
        Tensor expected = GradMode.noGrad(() -> p[3].forward(ScaledDotProductAttention.attend(
                p[0].forward(x), p[1].forward(x), p[2].forward(x), null)));
        Tensor actual = GradMode.noGrad(() -> mha.forward(x, x, x, null));
        FloatAssert.assertClose("one head", expected.toArray(), actual.toArray(), Tolerance.of(1e-6, 1e-5));
    }

    @Test
    void sinusoidalEncodingFollowsSectionThreeFive() {
        float[] pe = SinusoidalPositionalEncoding.table(8, 50);
        for (int pos = 0; pos < 50; pos++) {
            for (int i = 0; i < 8; i += 2) {
                double angle = pos * Math.exp(-Math.log(10000) * i / 8);
                assertEquals(Math.sin(angle), pe[pos * 8 + i], 1e-5, "PE(" + pos + ", " + i + ")");
                assertEquals(Math.cos(angle), pe[pos * 8 + i + 1], 1e-5, "PE(" + pos + ", " + (i + 1) + ")");
            }
        }
        Tensor x = Tensor.zeros(2, 3, 8);
        Tensor y = new SinusoidalPositionalEncoding(8, 50).forward(x);
        assertEquals((float) Math.sin(2), y.get(1, 2, 0), 1e-6);
    }

    @Test
    void sinusoidalRowsPastThePrecomputedTableFollowTheSameFormula() {
        SinusoidalPositionalEncoding pe = new SinusoidalPositionalEncoding(8, 4);
        float[] longer = SinusoidalPositionalEncoding.table(8, 12);
        // rows 2..9 straddle the 4 computed ahead; rows 6..8 lie wholly past them
        FloatAssert.assertIdentical("rows 2..9", Arrays.copyOfRange(longer, 2 * 8, 10 * 8), pe.rows(2, 8).toArray());
        FloatAssert.assertIdentical("rows 6..8", Arrays.copyOfRange(longer, 6 * 8, 9 * 8), pe.rows(6, 3).toArray());
        Tensor y = pe.forward(Tensor.zeros(1, 12, 8));
        FloatAssert.assertIdentical("a sequence of 12", longer, y.toArray());
    }
}
