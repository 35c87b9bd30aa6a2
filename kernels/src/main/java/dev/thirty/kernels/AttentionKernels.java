package dev.thirty.kernels;

/**
 * Causal scaled dot-product attention of one head, forward and backward: Vaswani et al.,
 * "Attention Is All You Need" (2017), §3.2.1 Eq. (1) with the decoder's mask of §3.2.3, for a
 * head whose queries, keys and values are read in place (see {@link CausalHead}):
 *
 * <pre>
 * S = scale * Q K^T              (t, t), entries j &gt; i never used
 * P = softmax over j &lt;= i of S   (t, t), zero above the diagonal
 * O = P V                        (t, d)
 * backward: dV = P^T dO,  dP = dO V^T,  dS = P * (dP - rowsum(dP * P)),
 *           dQ = scale * dS K,  dK = scale * dS^T Q
 * </pre>
 *
 * Only the lower triangle is ever computed: a position's keys past the query are neither
 * multiplied nor summed, so a head costs about half of the dense products.
 */
public interface AttentionKernels {

    /**
     * Writes {@code P} ({@code t x t}, row-major at {@code pOff}, zero above the diagonal) and
     * {@code O} ({@code t} rows of {@code d} at {@code oOff}, row stride {@code ldo}).
     */
    void causalForward(CausalHead head, float[] probs, int pOff, float[] out, int oOff, int ldo);

    /**
     * Adds {@code dQ}, {@code dK} and {@code dV} into {@code gqkv}, at the head's own offsets and
     * row stride, given {@code P} from {@link #causalForward} and {@code dO} ({@code t} rows of
     * {@code d} at {@code gOff}, row stride {@code ldg}).
     */
    void causalBackward(CausalHead head, float[] probs, int pOff, float[] g, int gOff, int ldg,
                        float[] gqkv);
}
