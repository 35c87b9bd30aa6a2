package dev.thirty.nn.attention;

import dev.thirty.kernels.AttentionKernels;
import dev.thirty.kernels.CausalHead;
import dev.thirty.kernels.ComputePool;
import dev.thirty.kernels.Kernels;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;

/**
 * Causal multi-head self-attention as one fused node with a hand-written backward: §3.2.1 Eq. (1)
 * for each of the {@code H} heads of §3.2.2, with the decoder's causal mask (§3.2.3) built in.
 *
 * <p>Input: the packed projections {@code qkv (B, T, 3C)}, laid out {@code [Q | K | V]} along the
 * last axis, head h owning columns {@code h*d .. (h+1)*d} of each part ({@code d = C / H}), as
 * nanoGPT's {@code c_attn} produces them. Output: {@code (B, T, C)}, the heads side by side. The
 * {@link AttentionKernels} read each head in place through its row stride, so no permute is ever
 * copied, and compute only the lower triangle the mask leaves. Per (b, h):
 *
 * <pre>
 * S = Q K^T / sqrt(d)            (T, T), entries j &gt; i ignored
 * P = softmax over j &lt;= i of S   (T, T), zero above the diagonal; kept for backward
 * O = P V                        (T, d)
 * backward: dV = P^T dO,  dP = dO V^T,  dS = P * (dP - rowsum(dP * P)),
 *           dQ = dS K / sqrt(d),  dK = dS^T Q / sqrt(d)
 * </pre>
 *
 * The (b, h) pairs run in parallel on the compute pool; each writes only its own slices, so the
 * result does not depend on the thread count. Checked against {@link ScaledDotProductAttention}
 * with {@link AttentionMask#causal}, forward and backward.
 */
public final class FusedCausalAttention {

    private FusedCausalAttention() {
    }

    /** Causal self-attention of {@code heads} heads over packed {@code qkv (B, T, 3C)}: {@code (B, T, C)}. */
    public static Tensor attend(Tensor qkv, int heads) {
        Dims p = Dims.of(qkv, heads);
        float[] x = qkv.data();
        // the forward kernel writes all of P (zeros above the diagonal) and every row of O
        float[] probs = StepArena.toOverwrite(p.b * heads * p.t * p.t);
        float[] out = StepArena.toOverwrite(p.b * p.t * p.c);
        AttentionKernels kernels = Kernels.active().attention();
        ComputePool.current().parallelFor(p.b * heads, bh ->
                kernels.causalForward(p.head(x, bh), probs, bh * p.t * p.t, out, p.o(bh), p.c));
        return Tensor.derived("causalAttention", Shape.of(p.b, p.t, p.c), out, (g, grads) -> {
            if (grads[0] != null) {
                ComputePool.current().parallelFor(p.b * p.h, bh -> Kernels.active().attention().causalBackward(
                        p.head(x, bh), probs, bh * p.t * p.t, g, p.o(bh), p.c, grads[0]));
            }
        }, qkv);
    }

    /** The sizes of one call and the offsets of head (b, h)'s slices, fixed before any arithmetic. */
    private record Dims(int b, int t, int c, int h, int d, float scale) {

        static Dims of(Tensor qkv, int heads) {
            if (qkv.rank() != 3 || qkv.dim(2) % 3 != 0) {
                throw new IllegalArgumentException("causalAttention: qkv must be (B, T, 3C), got " + qkv.shape());
            }
            int c = qkv.dim(2) / 3;
            if (heads < 1 || c % heads != 0) {
                throw new IllegalArgumentException("causalAttention: width " + c + " is not divisible into "
                        + heads + " heads");
            }
            int d = c / heads;
            return new Dims(qkv.dim(0), qkv.dim(1), c, heads, d, (float) (1 / Math.sqrt(d)));
        }

        int q(int bh) {
            return (bh / h) * t * 3 * c + (bh % h) * d;
        }

        int k(int bh) {
            return q(bh) + c;
        }

        int v(int bh) {
            return q(bh) + 2 * c;
        }

        /** Head (b, h)'s queries, keys and values in {@code x}. */
        CausalHead head(float[] x, int bh) {
            return new CausalHead(t, d, scale, x, q(bh), k(bh), v(bh), 3 * c);
        }

        int o(int bh) {
            return (bh / h) * t * c + (bh % h) * d;
        }
    }
}
