package dev.thirty.nn.recurrent;

import dev.thirty.kernels.ComputePool;
import dev.thirty.kernels.ElementwiseKernels;
import dev.thirty.kernels.Gemm;
import dev.thirty.kernels.Kernels;
import dev.thirty.kernels.LstmKernels;
import dev.thirty.kernels.Transpose;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.util.Arrays;

/**
 * A whole LSTM layer over a sequence ({@link LstmCell}'s equations at every step) as one op with
 * a hand-written backward, organised as cuDNN organises it: the input half of every gate for all
 * {@code T} steps in one large product, and per step only the recurrent product and the
 * pointwise gate pass ({@link LstmKernels}).
 *
 * <pre>
 * forward:  Z = X W_ih^T + (b_ih + b_hh)                 (B*T, I) -> (B*T, 4H), one GEMM
 *           for t = 0 .. T-1:
 *             Z_t += h_{t-1} W_hh^T                      (B, H) -> (B, 4H)
 *             i, f, g, o, C_t, h_t = gates(Z_t, C_{t-1}) pointwise
 * backward: for t = T-1 .. 0:
 *             dh_t = dOut_t + dZ_{t+1} W_hh              (the second term from the step after)
 *             dZ_t, dC_{t-1} = gates'(dh_t, dC_t)        pointwise
 *           dX = dZ W_ih        dW_ih = dZ^T X           (B*T, 4H) x ..., one GEMM each
 *           dW_hh = dZ^T [h_{-1}, .., h_{T-2}]           one GEMM over all B*T rows
 *           db_ih = db_hh = sum over rows of dZ
 * </pre>
 *
 * <p>When the input rows are one-hot (characters, as char-rnn feeds them), {@code X W_ih^T} is a
 * gather of columns of {@code W_ih} and {@code dW_ih} a sum of rows of {@code dZ} per column,
 * instead of two products that would mostly multiply zeros; the results are the same sums.
 *
 * <p>Buffers are batch-major, {@code (B, T, .)}, as the input and output; the per-step products
 * address the rows of step {@code t} with a leading dimension of {@code T} rows. The pointwise
 * passes split the {@code B} rows across the compute pool (each row is independent, so the
 * result does not depend on the thread count). The op's result is one {@code (B*T + 2B, H)}
 * block: the outputs {@code (B, T, H)}, then {@code h_T} and {@code C_T}; {@link #forward} hands
 * them out as slices.
 */
public final class FusedLstmLayer {

    private FusedLstmLayer() {
    }

    /**
     * @param x        {@code (B, T, I)}
     * @param initial  {@code h_{-1}, C_{-1} (B, H)}
     * @param weightIh {@code (4H, I)}
     * @param weightHh {@code (4H, H)}
     * @param biasIh   {@code (4H)}
     * @param biasHh   {@code (4H)}
     * @return the hidden states {@code (B, T, H)} and the state after the last step
     */
    public static RecurrentCell.Sequence forward(Tensor x, CellState initial, Tensor weightIh, Tensor weightHh,
                                                 Tensor biasIh, Tensor biasHh) {
        int hidden = weightHh.dim(1);
        int width = 4 * hidden;
        if (x.rank() != 3 || x.dim(1) < 1 || !initial.hasCell()
                || !initial.h().shape().equals(Shape.of(x.dim(0), hidden))
                || !weightIh.shape().equals(Shape.of(width, x.dim(2)))
                || !weightHh.shape().equals(Shape.of(width, hidden))) {
            throw new IllegalArgumentException("FusedLstmLayer: need x (B, T>=1, I), h and C (B, H), W_ih (4H, I),"
                    + " W_hh (4H, H), got x " + x.shape() + ", h " + initial.h().shape() + ", C "
                    + (initial.hasCell() ? initial.c().shape() : "none") + ", W_ih " + weightIh.shape() + ", W_hh "
                    + weightHh.shape());
        }
        Pass p = new Pass(x.dim(0), x.dim(1), x.dim(2), hidden);
        float[] out = p.forward(x.data(), initial.h().data(), initial.c().data(), weightIh.data(), weightHh.data(),
                biasIh.data(), biasHh.data());
        Tensor h0 = initial.h();
        Tensor c0 = initial.c();
        Tensor all = Tensor.derived("lstm_layer", Shape.of(p.rows + 2 * p.batch, hidden), out,
                (grad, grads) -> p.backward(grad, grads, x.data(), h0.data(), c0.data(), weightIh.data(),
                        weightHh.data()), x, h0, c0, weightIh, weightHh, biasIh, biasHh);
        Tensor outputs = all.slice(0, 0, p.rows).reshape(p.batch, p.steps, hidden); // (B*T, H) -> (B, T, H)
        Tensor hLast = all.slice(0, p.rows, p.rows + p.batch); // (B, H)
        Tensor cLast = all.slice(0, p.rows + p.batch, p.rows + 2 * p.batch); // (B, H)
        return new RecurrentCell.Sequence(outputs, new CellState(hLast, cLast));
    }

    /** One forward pass and what its backward keeps: activations, cell states and tanh of them. */
    private static final class Pass {

        final int batch;
        final int steps;
        final int input;
        final int hidden;
        final int width;
        final int rows;
        final Gemm gemm = Kernels.active().gemm();
        final ElementwiseKernels ew = Kernels.active().elementwise();
        final LstmKernels gates = LstmKernels.of(Kernels.active().backend());
        final ComputePool pool = ComputePool.current();
        float[] act;   // (B, T, 4H): Z, then i, f, g, o in place
        float[] cell;  // (B, T, H): C_t
        float[] tanhC; // (B, T, H)
        float[] out;   // (B*T + 2B, H): h_t, then h_T, C_T
        int[] hot;     // (B*T): the column of each one-hot input row, or null

        Pass(int batch, int steps, int input, int hidden) {
            this.batch = batch;
            this.steps = steps;
            this.input = input;
            this.hidden = hidden;
            this.width = 4 * hidden;
            this.rows = batch * steps;
        }

        float[] forward(float[] x, float[] h0, float[] c0, float[] wIh, float[] wHh, float[] bIh, float[] bHh) {
            act = new float[rows * width];
            cell = new float[rows * hidden];
            tanhC = new float[rows * hidden];
            out = new float[(rows + 2 * batch) * hidden];
            float[] bias = new float[width];
            ew.add(bIh, 0, bHh, 0, bias, 0, width);
            hot = oneHotColumns(x);
            if (hot != null) { // row r of X W_ih^T is column hot[r] of W_ih
                float[] wT = new float[input * width]; // (4H, I) -> (I, 4H)
                for (int g = 0; g < width; g++) {
                    for (int i = 0; i < input; i++) {
                        wT[i * width + g] = wIh[g * input + i];
                    }
                }
                for (int r = 0; r < rows; r++) {
                    ew.add(bias, 0, wT, hot[r] * width, act, r * width, width);
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(bias, 0, act, r * width, width);
                }
                gemm.sgemm(Transpose.N, Transpose.T, rows, width, input, 1f, x, 0, input, wIh, 0, input, 1f, act, 0,
                        width); // (B*T, I) -> (B*T, 4H)
            }
            for (int t = 0; t < steps; t++) {
                float[] hPrev = t == 0 ? h0 : out;
                gemm.sgemm(Transpose.N, Transpose.T, batch, width, hidden, 1f, hPrev, t == 0 ? 0 : (t - 1) * hidden,
                        t == 0 ? hidden : steps * hidden, wHh, 0, hidden, 1f, act, t * width, steps * width);
                int step = t;
                pool.parallelFor(batch, b -> {
                    int row = b * steps + step;
                    gates.forward(hidden, act, row * width, step == 0 ? c0 : cell, step == 0 ? b * hidden
                            : (row - 1) * hidden, cell, row * hidden, tanhC, row * hidden, out, row * hidden);
                });
            }
            for (int b = 0; b < batch; b++) {
                int last = (b * steps + steps - 1) * hidden;
                System.arraycopy(out, last, out, (rows + b) * hidden, hidden);
                System.arraycopy(cell, last, out, (rows + batch + b) * hidden, hidden);
            }
            return out;
        }

        /** Inputs in order: x, h0, c0, W_ih, W_hh, b_ih, b_hh. */
        void backward(float[] grad, float[][] grads, float[] x, float[] h0, float[] c0, float[] wIh, float[] wHh) {
            float[] dz = new float[rows * width];
            float[] dh = new float[batch * hidden];
            float[] dc = new float[batch * hidden];
            System.arraycopy(grad, (rows + batch) * hidden, dc, 0, batch * hidden);
            for (int b = 0; b < batch; b++) { // dh_{T-1} = dOut_{T-1} + the gradient of h_T
                ew.add(grad, (b * steps + steps - 1) * hidden, grad, (rows + b) * hidden, dh, b * hidden, hidden);
            }
            for (int t = steps - 1; t >= 0; t--) {
                int step = t;
                pool.parallelFor(batch, b -> {
                    int row = b * steps + step;
                    gates.backward(hidden, act, row * width, tanhC, row * hidden, step == 0 ? c0 : cell,
                            step == 0 ? b * hidden : (row - 1) * hidden, dh, b * hidden, dc, b * hidden, dz,
                            row * width);
                });
                if (t > 0) { // dh_{t-1} = dOut_{t-1} + dZ_t W_hh: (B, 4H) -> (B, H)
                    for (int b = 0; b < batch; b++) {
                        System.arraycopy(grad, (b * steps + t - 1) * hidden, dh, b * hidden, hidden);
                    }
                    gemm.sgemm(Transpose.N, Transpose.N, batch, hidden, width, 1f, dz, t * width, steps * width,
                            wHh, 0, hidden, 1f, dh, 0, hidden);
                } else if (grads[1] != null) { // dh_{-1} = dZ_0 W_hh
                    gemm.sgemm(Transpose.N, Transpose.N, batch, hidden, width, 1f, dz, 0, steps * width,
                            wHh, 0, hidden, 0f, dh, 0, hidden);
                }
            }
            accumulate(grads[1], dh);
            accumulate(grads[2], dc);
            if (grads[0] != null) { // (B*T, 4H) -> (B*T, I)
                gemm.sgemm(Transpose.N, Transpose.N, rows, input, width, 1f, dz, 0, width, wIh, 0, input, 1f,
                        grads[0], 0, input);
            }
            if (grads[3] != null && hot != null) { // column hot[r] of dW_ih gathers row r of dZ
                float[] sum = new float[input * width]; // (I, 4H)
                for (int r = 0; r < rows; r++) {
                    ew.add(sum, hot[r] * width, dz, r * width, sum, hot[r] * width, width);
                }
                for (int g = 0; g < width; g++) {
                    for (int i = 0; i < input; i++) {
                        grads[3][g * input + i] += sum[i * width + g];
                    }
                }
            } else if (grads[3] != null) { // (4H, B*T) x (B*T, I)
                gemm.sgemm(Transpose.T, Transpose.N, width, input, rows, 1f, dz, 0, width, x, 0, input, 1f,
                        grads[3], 0, input);
            }
            if (grads[4] != null) { // (4H, B*T) x (B*T, H), row (b, t) of the right factor is h_{t-1}
                gemm.sgemm(Transpose.T, Transpose.N, width, hidden, rows, 1f, dz, 0, width, previousHidden(h0), 0,
                        hidden, 1f, grads[4], 0, hidden);
            }
            if (grads[5] != null || grads[6] != null) {
                float[] ones = new float[rows];
                Arrays.fill(ones, 1f);
                float[] sum = new float[width]; // (1, B*T) x (B*T, 4H): the column sums of dZ
                gemm.sgemm(Transpose.N, Transpose.N, 1, width, rows, 1f, ones, 0, rows, dz, 0, width, 0f, sum, 0,
                        width);
                accumulate(grads[5], sum);
                accumulate(grads[6], sum);
            }
        }

        /**
         * For one-hot rows (exactly one 1, zeros elsewhere, as char-rnn feeds characters), each
         * row's column; otherwise null. The scan stops at the first row that is not one-hot.
         */
        private int[] oneHotColumns(float[] x) {
            int[] columns = new int[rows];
            for (int r = 0; r < rows; r++) {
                int found = -1;
                for (int i = 0; i < input; i++) {
                    float v = x[r * input + i];
                    if (v == 1f && found < 0) {
                        found = i;
                    } else if (v != 0f) {
                        return null;
                    }
                }
                if (found < 0) {
                    return null;
                }
                columns[r] = found;
            }
            return columns;
        }

        /** {@code (B, T, H)}: row {@code (b, t)} holds {@code h_{t-1}} of sequence b ({@code h_{-1}} the initial). */
        private float[] previousHidden(float[] h0) {
            float[] prev = new float[rows * hidden];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(h0, b * hidden, prev, b * steps * hidden, hidden);
                System.arraycopy(out, b * steps * hidden, prev, (b * steps + 1) * hidden, (steps - 1) * hidden);
            }
            return prev;
        }

        private void accumulate(float[] into, float[] values) {
            if (into != null) {
                ew.add(into, 0, values, 0, into, 0, values.length);
            }
        }
    }
}
