package dev.thirty.nn.recurrent;

import dev.thirty.nn.Init;
import dev.thirty.tensor.Layout;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Tensor;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The LSTM with peephole connections (Gers and Schmidhuber, 2000), the first variant in Olah's
 * essay: the gates also look at the cell state.
 *
 * <pre>
 * i_t = sigmoid(W_i [x_t, h_{t-1}] + p_i * C_{t-1} + b_i)
 * f_t = sigmoid(W_f [x_t, h_{t-1}] + p_f * C_{t-1} + b_f)
 * g_t = tanh   (W_g [x_t, h_{t-1}] + b_g)
 * C_t = f_t * C_{t-1} + i_t * g_t
 * o_t = sigmoid(W_o [x_t, h_{t-1}] + p_o * C_t + b_o)      the output gate sees the new cell state
 * h_t = o_t * tanh(C_t)
 * </pre>
 *
 * Shapes: {@code x_t (B, I)}, {@code h, C (B, H)}; gate blocks {@code i, f, g, o} as in
 * {@link LstmCell}; peephole weights {@code peephole_i, peephole_f, peephole_o (H)}, initialised
 * like the other weights.
 *
 * <p>Deviation from the essay: its diagram writes the peepholes as full matrices over
 * {@code [C, h, x]}; we use the diagonal (elementwise) peepholes of Gers and Schmidhuber's paper,
 * as Graves (2013) and most implementations do.
 */
public final class PeepholeLstmCell extends GateWeights {

    private final Parameter peepholeI;
    private final Parameter peepholeF;
    private final Parameter peepholeO;

    public PeepholeLstmCell(int input, int hidden, RandomGenerator rng) {
        super(input, hidden, 4, rng);
        float bound = (float) (1 / Math.sqrt(hidden));
        this.peepholeI = parameter("peephole_i", Parameter.zeros(hidden));
        this.peepholeF = parameter("peephole_f", Parameter.zeros(hidden));
        this.peepholeO = parameter("peephole_o", Parameter.zeros(hidden));
        for (Parameter p : new Parameter[] {peepholeI, peepholeF, peepholeO}) {
            Init.uniform(p, -bound, bound, rng);
        }
    }

    @Override
    int forgetBlock() {
        return 1;
    }

    @Override
    public CellState step(Tensor projected, CellState previous) {
        Tensor z = projected.add(projectHidden(previous.h()));
        List<Tensor> gate = Layout.chunk(z, 1, 4); // (B, 4H) -> 4 x (B, H)
        Tensor cPrev = previous.c();
        Tensor i = gate.get(0).add(peepholeI.mul(cPrev)).sigmoid();
        Tensor f = gate.get(1).add(peepholeF.mul(cPrev)).sigmoid();
        Tensor g = gate.get(2).tanh();
        Tensor c = f.mul(cPrev).add(i.mul(g));
        Tensor o = gate.get(3).add(peepholeO.mul(c)).sigmoid();
        return new CellState(o.mul(c.tanh()), c);
    }
}
