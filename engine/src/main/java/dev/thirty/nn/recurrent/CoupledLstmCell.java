package dev.thirty.nn.recurrent;

import dev.thirty.tensor.Layout;
import dev.thirty.tensor.Tensor;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The LSTM with coupled forget and input gates, the second variant in Olah's essay: new values
 * are written only where old ones are forgotten, {@code i_t = 1 - f_t}.
 *
 * <pre>
 * f_t = sigmoid(W_f [x_t, h_{t-1}] + b_f)
 * g_t = tanh   (W_g [x_t, h_{t-1}] + b_g)
 * o_t = sigmoid(W_o [x_t, h_{t-1}] + b_o)
 * C_t = f_t * C_{t-1} + (1 - f_t) * g_t
 * h_t = o_t * tanh(C_t)
 * </pre>
 *
 * Shapes: {@code x_t (B, I)}, {@code h, C (B, H)}; three gate blocks in the order {@code f, g, o}:
 * {@code weight_ih (3H, I)}, {@code weight_hh (3H, H)}.
 */
public final class CoupledLstmCell extends GateWeights {

    public CoupledLstmCell(int input, int hidden, RandomGenerator rng) {
        super(input, hidden, 3, rng);
    }

    @Override
    int forgetBlock() {
        return 0;
    }

    @Override
    public CellState step(Tensor projected, CellState previous) {
        Tensor z = projected.add(projectHidden(previous.h()));
        List<Tensor> gate = Layout.chunk(z, 1, 3); // (B, 3H) -> 3 x (B, H)
        Tensor f = gate.get(0).sigmoid();
        Tensor g = gate.get(1).tanh();
        Tensor o = gate.get(2).sigmoid();
        Tensor c = g.add(f.mul(previous.c().sub(g))); // f * C + (1 - f) * g
        return new CellState(o.mul(c.tanh()), c);
    }
}
