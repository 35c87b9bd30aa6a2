package dev.thirty.papers.ntm;

import dev.thirty.nn.functional.Softmax;
import dev.thirty.tensor.KeepDim;
import dev.thirty.tensor.Layout;
import dev.thirty.tensor.Reductions;
import dev.thirty.tensor.Tensor;

/**
 * The addressing mechanism of §3.3, for a batch of B heads over a memory of N rows of width M, each
 * step a composition of the engine's differentiable primitives, written as the equations:
 *
 * <pre>
 * content       w_c(i) = exp(β K(k, M(i))) / Σ_j exp(β K(k, M(j))),  K(u, v) = u·v / (|u| |v|)   (5), (6)
 * interpolation w_g    = g w_c + (1 − g) w_prev                                                  (7)
 * shift         w~(i)  = Σ_j w_g(j) s(i − j)    (indices mod N, shifts −1, 0, +1)                 (8)
 * sharpening    w(i)   = w~(i)^γ / Σ_j w~(j)^γ                                                    (9)
 * </pre>
 *
 * Shapes: memory {@code (B, N, M)}, key {@code (B, M)}, weightings {@code (B, N)}, β, g and γ
 * {@code (B, 1)}, the shift weighting {@code (B, 3)} over shifts −1, 0, +1 in that order.
 */
public final class Addressing {

    /** Keeps cosine similarity finite for a zero key or row (the paper leaves it undefined there). */
    static final float NORM_EPS = 1e-8f;
    /** Keeps {@code log} finite in the sharpening for a weight that has underflowed to 0. */
    static final float SHARPEN_EPS = 1e-16f;

    private Addressing() {
    }

    /** Eq. (6): cosine similarity {@code K(k, M(i))} of the key with every row, {@code (B, N)}. */
    public static Tensor similarity(Tensor memory, Tensor key) {
        Tensor k = Layout.unsqueeze(key, 1);                                         // (B, 1, M)
        Tensor dot = Reductions.sum(memory.mul(k), 2, KeepDim.NO);                    // (B, N)
        Tensor rowNorm = Reductions.sum(memory.square(), 2, KeepDim.NO).sqrt();       // (B, N)
        Tensor keyNorm = Reductions.sum(key.square(), 1, KeepDim.YES).sqrt();         // (B, 1)
        return dot.div(rowNorm.mul(keyNorm).add(NORM_EPS));
    }

    /** Eq. (5): the content weighting, a softmax over the rows of {@code β K(k, M(i))}, {@code (B, N)}. */
    public static Tensor content(Tensor memory, Tensor key, Tensor beta) {
        return Softmax.softmax(similarity(memory, key).mul(beta), 1);
    }

    /** Eq. (7): {@code g w_c + (1 − g) w_prev}. */
    public static Tensor interpolate(Tensor content, Tensor previous, Tensor gate) {
        return content.mul(gate).add(previous.mul(Tensor.scalar(1f).sub(gate)));
    }

    /**
     * Eq. (8), the circular convolution with shifts −1, 0, +1: a shift of +1 moves weight from row
     * {@code i − 1} to row {@code i}, so {@code w~(i) = s(+1) w(i−1) + s(0) w(i) + s(−1) w(i+1)}.
     */
    public static Tensor shift(Tensor w, Tensor s) {
        int n = w.dim(1);
        Tensor fromLeft = Layout.concat(1, w.slice(1, n - 1, n), w.slice(1, 0, n - 1));   // w(i − 1)
        Tensor fromRight = Layout.concat(1, w.slice(1, 1, n), w.slice(1, 0, 1));          // w(i + 1)
        return fromRight.mul(s.slice(1, 0, 1)).add(w.mul(s.slice(1, 1, 2))).add(fromLeft.mul(s.slice(1, 2, 3)));
    }

    /** Eq. (9): {@code w~^γ / Σ w~^γ}, with {@code w~^γ = exp(γ log w~)}. */
    public static Tensor sharpen(Tensor w, Tensor gamma) {
        Tensor powered = w.add(SHARPEN_EPS).log().mul(gamma).exp();
        return powered.div(Reductions.sum(powered, 1, KeepDim.YES));
    }

    /** The whole of Figure 2: content, interpolation, shift and sharpening. */
    public static Tensor address(Tensor memory, Tensor key, Tensor beta, Tensor gate, Tensor shift, Tensor gamma,
            Tensor previous) {
        return sharpen(shift(interpolate(content(memory, key, beta), previous, gate), shift), gamma);
    }

    /** Eq. (2): the read vector {@code r = Σ_i w(i) M(i)}, {@code (B, M)}. */
    public static Tensor read(Tensor memory, Tensor w) {
        return Reductions.sum(memory.mul(Layout.unsqueeze(w, 2)), 1, KeepDim.NO);
    }

    /**
     * Eqs. (3) and (4): erase then add, {@code M(i) (1 − w(i) e) + w(i) a}; the erase vector {@code e}
     * and add vector {@code a} are {@code (B, M)}.
     */
    public static Tensor write(Tensor memory, Tensor w, Tensor erase, Tensor add) {
        Tensor wi = Layout.unsqueeze(w, 2);                                           // (B, N, 1)
        Tensor kept = Tensor.scalar(1f).sub(wi.mul(Layout.unsqueeze(erase, 1)));      // (B, N, M)
        return memory.mul(kept).add(wi.mul(Layout.unsqueeze(add, 1)));
    }
}
