package dev.thirty.nn.recurrent;

import dev.thirty.kernels.ElementwiseKernels;
import dev.thirty.kernels.Gemm;
import dev.thirty.kernels.Kernels;
import dev.thirty.kernels.Transpose;
import dev.thirty.kernels.UnaryOp;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;

/**
 * One LSTM step ({@link LstmCell}'s equations) as a single op with a hand-written backward: one
 * GEMM for the recurrent half of all four gates, then one pass over {@code (B, H)} computing the
 * gates, {@code C_t} and {@code h_t}. The composed version records about fifteen graph nodes per
 * step; this records three (the step and the two slices handing out {@code h_t} and {@code C_t}).
 *
 * <p>Forward, gate blocks {@code i, f, g, o} of {@code z = x' + h W_hh^T + b_hh}, where
 * {@code x' = W_ih x + b_ih} was projected for the whole sequence beforehand. Backward, with
 * {@code dh, dC} arriving from the next step and the layer above:
 * <pre>
 * dC~  = dC + dh * o * (1 - tanh(C_t)^2)
 * dz_i = dC~ * g * i (1 - i)        dz_f = dC~ * C_{t-1} * f (1 - f)
 * dz_g = dC~ * i * (1 - g^2)        dz_o = dh * tanh(C_t) * o (1 - o)
 * dx'  = dz;  dC_{t-1} = dC~ * f;  dh_{t-1} = dz W_hh;  dW_hh = dz^T h_{t-1};  db_hh = sum_b dz
 * </pre>
 * The forward gate pass runs row by row through the active backend's elementwise kernels (SIMD
 * sigmoid and tanh on contiguous gate blocks, conformance-tested against the scalar ones); the
 * backward pass is one scalar loop.
 */
public final class FusedLstm {

    private FusedLstm() {
    }

    /**
     * @param projected {@code (B, 4H)}, the input half {@code W_ih x_t + b_ih}
     * @param previous  {@code h, C (B, H)}
     * @param weightHh  {@code (4H, H)}
     * @param biasHh    {@code (4H)}
     */
    public static CellState step(Tensor projected, CellState previous, Tensor weightHh, Tensor biasHh) {
        Tensor h = previous.h();
        Tensor c = previous.c();
        int batch = h.dim(0);
        int hidden = h.dim(1);
        int width = 4 * hidden;
        if (!projected.shape().equals(Shape.of(batch, width)) || !weightHh.shape().equals(Shape.of(width, hidden))) {
            throw new IllegalArgumentException("FusedLstm: need projected (B, 4H), h (B, H), W_hh (4H, H), got "
                    + projected.shape() + ", " + h.shape() + ", " + weightHh.shape());
        }
        Gemm gemm = Kernels.active().gemm();
        ElementwiseKernels ew = Kernels.active().elementwise();
        float[] gates = new float[batch * width]; // z, then the activations i, f, g, o in place
        float[] x = projected.data();
        for (int b = 0; b < batch; b++) {
            ew.add(x, b * width, biasHh.data(), 0, gates, b * width, width);
        }
        gemm.sgemm(Transpose.N, Transpose.T, batch, width, hidden, 1f, h.data(), 0, hidden, weightHh.data(), 0,
                hidden, 1f, gates, 0, width);
        float[] out = new float[2 * batch * hidden]; // (2, B, H): h_t then C_t
        float[] tanhC = new float[batch * hidden];
        float[] cPrev = c.data();
        int cOff = batch * hidden;
        for (int b = 0; b < batch; b++) {
            int r = b * width;
            int e = b * hidden;
            ew.unary(UnaryOp.SIGMOID, gates, r, gates, r, 2 * hidden); // i and f, adjacent blocks
            ew.unary(UnaryOp.TANH, gates, r + 2 * hidden, gates, r + 2 * hidden, hidden); // g
            ew.unary(UnaryOp.SIGMOID, gates, r + 3 * hidden, gates, r + 3 * hidden, hidden); // o
            ew.mul(gates, r + hidden, cPrev, e, out, cOff + e, hidden); // C_t = f * C_{t-1}
            ew.mulAccumulate(gates, r, gates, r + 2 * hidden, out, cOff + e, hidden); //     + i * g
            ew.unary(UnaryOp.TANH, out, cOff + e, tanhC, e, hidden);
            ew.mul(gates, r + 3 * hidden, tanhC, e, out, e, hidden); // h_t = o * tanh(C_t)
        }
        Tensor both = Tensor.derived("lstm_step", Shape.of(2, batch, hidden), out, (grad, grads) -> {
            float[] dz = gateGradients(grad, gates, tanhC, cPrev, batch, hidden, grads[2]);
            if (grads[0] != null) {
                for (int k = 0; k < dz.length; k++) {
                    grads[0][k] += dz[k];
                }
            }
            if (grads[1] != null) {
                gemm.sgemm(Transpose.N, Transpose.N, batch, hidden, width, 1f, dz, 0, width, weightHh.data(), 0,
                        hidden, 1f, grads[1], 0, hidden);
            }
            if (grads[3] != null) {
                gemm.sgemm(Transpose.T, Transpose.N, width, hidden, batch, 1f, dz, 0, width, h.data(), 0, hidden,
                        1f, grads[3], 0, hidden);
            }
            if (grads[4] != null) {
                for (int b = 0; b < batch; b++) {
                    for (int j = 0; j < width; j++) {
                        grads[4][j] += dz[b * width + j];
                    }
                }
            }
        }, projected, h, c, weightHh, biasHh);
        Tensor hNext = both.slice(0, 0, 1).reshape(batch, hidden); // (1, B, H) -> (B, H)
        Tensor cNext = both.slice(0, 1, 2).reshape(batch, hidden); // (1, B, H) -> (B, H)
        return new CellState(hNext, cNext);
    }

    /** {@code dz (B, 4H)} from {@code grad = [dh; dC] (2, B, H)}; accumulates {@code dC_{t-1}} when wanted. */
    private static float[] gateGradients(float[] grad, float[] act, float[] tanhC, float[] cPrev, int batch,
                                         int hidden, float[] dcPrev) {
        int width = 4 * hidden;
        int cOff = batch * hidden;
        float[] dz = new float[batch * width];
        for (int b = 0; b < batch; b++) {
            int r = b * width;
            for (int j = 0; j < hidden; j++) {
                int e = b * hidden + j;
                float i = act[r + j];
                float f = act[r + hidden + j];
                float g = act[r + 2 * hidden + j];
                float o = act[r + 3 * hidden + j];
                float t = tanhC[e];
                float dh = grad[e];
                float dc = grad[cOff + e] + dh * o * (1 - t * t);
                dz[r + j] = dc * g * i * (1 - i);
                dz[r + hidden + j] = dc * cPrev[e] * f * (1 - f);
                dz[r + 2 * hidden + j] = dc * i * (1 - g * g);
                dz[r + 3 * hidden + j] = dh * t * o * (1 - o);
                if (dcPrev != null) {
                    dcPrev[e] += dc * f;
                }
            }
        }
        return dz;
    }
}
