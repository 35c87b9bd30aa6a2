package dev.thirty.nn.attention;

import dev.thirty.kernels.Transpose;
import dev.thirty.nn.functional.Softmax;
import dev.thirty.tensor.Indexing;
import dev.thirty.tensor.LinearAlgebra;
import dev.thirty.tensor.Tensor;

/**
 * §3.2.1 Scaled Dot-Product Attention, Eq. (1), composed from primitives (matmul, maskedFill,
 * softmax), so its gradient comes from theirs:
 *
 * <pre>Attention(Q, K, V) = softmax(Q K^T / sqrt(dK)) V</pre>
 *
 * Shapes: Q {@code (..., Tq, dK)}, K {@code (..., Tk, dK)}, V {@code (..., Tk, dV)}; the weights
 * are {@code (..., Tq, Tk)} and the result {@code (..., Tq, dV)}. A masked score is set to
 * {@code -1e9} before the softmax (as the Annotated Transformer does; unlike {@code -inf} a row
 * with every key masked gives uniform weights, not NaN). {@link FusedCausalAttention} is the fast
 * path for causal self-attention and is tested against this composition.
 */
public final class ScaledDotProductAttention {

    /** The score given to hidden positions. */
    public static final float MASKED_SCORE = -1e9f;

    private ScaledDotProductAttention() {
    }

    /** {@code softmax(Q K^T / sqrt(dK))} with masked scores hidden: {@code (..., Tq, Tk)}. */
    public static Tensor weights(Tensor q, Tensor k, AttentionMask mask) {
        float scale = (float) (1 / Math.sqrt(q.dim(-1)));
        Tensor scores = LinearAlgebra.matmul(q, Transpose.N, k, Transpose.T).mul(scale); // (..., Tq, Tk)
        if (mask != null) {
            scores = Indexing.maskedFill(scores, mask.masked(), mask.shape(), MASKED_SCORE);
        }
        return Softmax.softmax(scores, -1);
    }

    /** Eq. (1): {@code weights(Q, K) V}, {@code (..., Tq, dV)}; {@code mask} may be null (none). */
    public static Tensor attend(Tensor q, Tensor k, Tensor v, AttentionMask mask) {
        return weights(q, k, mask).matmul(v);
    }
}
