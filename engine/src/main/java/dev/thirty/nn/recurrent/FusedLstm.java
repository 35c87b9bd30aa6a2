package dev.thirty.nn.recurrent;

import dev.thirty.kernels.ElementwiseKernels;
import dev.thirty.kernels.Gemm;
import dev.thirty.kernels.Kernels;
import dev.thirty.kernels.LstmKernels;
import dev.thirty.kernels.Transpose;
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
 * The pointwise passes run row by row through the active backend's {@link LstmKernels}.
 * {@link FusedLstmLayer} does the same for a whole sequence at once; this op serves single steps.
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
        LstmKernels lstm = LstmKernels.of(Kernels.active().backend());
        for (int b = 0; b < batch; b++) {
            lstm.forward(hidden, gates, b * width, cPrev, b * hidden, out, cOff + b * hidden, tanhC, b * hidden, out,
                    b * hidden);
        }
        Tensor both = Tensor.derived("lstm_step", Shape.of(2, batch, hidden), out, (grad, grads) -> {
            float[] dz = new float[batch * width];
            float[] dc = new float[batch * hidden];
            System.arraycopy(grad, cOff, dc, 0, batch * hidden);
            for (int b = 0; b < batch; b++) {
                lstm.backward(hidden, gates, b * width, tanhC, b * hidden, cPrev, b * hidden, grad, b * hidden, dc,
                        b * hidden, dz, b * width);
            }
            if (grads[2] != null) {
                ew.add(grads[2], 0, dc, 0, grads[2], 0, dc.length);
            }
            if (grads[0] != null) {
                ew.add(grads[0], 0, dz, 0, grads[0], 0, dz.length);
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
                    ew.add(grads[4], 0, dz, b * width, grads[4], 0, width);
                }
            }
        }, projected, h, c, weightHh, biasHh);
        Tensor hNext = both.slice(0, 0, 1).reshape(batch, hidden); // (1, B, H) -> (B, H)
        Tensor cNext = both.slice(0, 1, 2).reshape(batch, hidden); // (1, B, H) -> (B, H)
        return new CellState(hNext, cNext);
    }
}
