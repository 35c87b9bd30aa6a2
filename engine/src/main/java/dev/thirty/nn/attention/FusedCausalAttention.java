package dev.thirty.nn.attention;

import dev.thirty.kernels.ComputePool;
import dev.thirty.kernels.Gemm;
import dev.thirty.kernels.Kernels;
import dev.thirty.kernels.RowKernels;
import dev.thirty.kernels.Transpose;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;

/**
 * Causal multi-head self-attention as one fused node with a hand-written backward: §3.2.1 Eq. (1)
 * for each of the {@code H} heads of §3.2.2, with the decoder's causal mask (§3.2.3) built in.
 *
 * <p>Input: the packed projections {@code qkv (B, T, 3C)}, laid out {@code [Q | K | V]} along the
 * last axis, head h owning columns {@code h*d .. (h+1)*d} of each part ({@code d = C / H}), as
 * nanoGPT's {@code c_attn} produces them. Output: {@code (B, T, C)}, the heads side by side. The
 * GEMMs read each head in place through its row stride, so no permute is ever copied. Per (b, h):
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
        float[] probs = new float[p.b * heads * p.t * p.t];
        float[] out = new float[p.b * p.t * p.c];
        Gemm gemm = Kernels.active().gemm();
        RowKernels rows = Kernels.active().rows();
        ComputePool.current().parallelFor(p.b * heads, bh -> {
            int pOff = bh * p.t * p.t;
            gemm.sgemm(Transpose.N, Transpose.T, p.t, p.t, p.d, p.scale, x, p.q(bh), 3 * p.c,
                    x, p.k(bh), 3 * p.c, 0f, probs, pOff, p.t);
            for (int i = 0; i < p.t; i++) {
                int row = pOff + i * p.t;
                rows.softmax(probs, row, probs, row, 1, i + 1);
                java.util.Arrays.fill(probs, row + i + 1, row + p.t, 0f);
            }
            gemm.sgemm(Transpose.N, Transpose.N, p.t, p.d, p.t, 1f, probs, pOff, p.t,
                    x, p.v(bh), 3 * p.c, 0f, out, p.o(bh), p.c);
        });
        return Tensor.derived("causalAttention", Shape.of(p.b, p.t, p.c), out, (g, grads) -> {
            if (grads[0] != null) {
                backward(p, x, probs, g, grads[0]);
            }
        }, qkv);
    }

    private static void backward(Dims p, float[] x, float[] probs, float[] g, float[] gx) {
        Gemm gemm = Kernels.active().gemm();
        RowKernels rows = Kernels.active().rows();
        int ld = 3 * p.c;
        ComputePool.current().parallelFor(p.b * p.h, bh -> {
            int pOff = bh * p.t * p.t;
            float[] dP = new float[p.t * p.t];
            float[] dS = new float[p.t * p.t];
            // dV = P^T dO
            gemm.sgemm(Transpose.T, Transpose.N, p.t, p.d, p.t, 1f, probs, pOff, p.t, g, p.o(bh), p.c,
                    1f, gx, p.v(bh), ld);
            // dP = dO V^T
            gemm.sgemm(Transpose.N, Transpose.T, p.t, p.t, p.d, 1f, g, p.o(bh), p.c, x, p.v(bh), ld,
                    0f, dP, 0, p.t);
            // dS = P * (dP - rowsum(dP * P)); P is zero above the diagonal, so dS is too.
            rows.softmaxBackward(probs, pOff, dP, 0, dS, 0, p.t, p.t);
            // dQ = dS K / sqrt(d);  dK = dS^T Q / sqrt(d)
            gemm.sgemm(Transpose.N, Transpose.N, p.t, p.d, p.t, p.scale, dS, 0, p.t, x, p.k(bh), ld,
                    1f, gx, p.q(bh), ld);
            gemm.sgemm(Transpose.T, Transpose.N, p.t, p.d, p.t, p.scale, dS, 0, p.t, x, p.q(bh), ld,
                    1f, gx, p.k(bh), ld);
        });
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

        int o(int bh) {
            return (bh / h) * t * c + (bh % h) * d;
        }
    }
}
