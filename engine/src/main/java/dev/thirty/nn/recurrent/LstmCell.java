package dev.thirty.nn.recurrent;

import dev.thirty.tensor.Layout;
import dev.thirty.tensor.Tensor;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The long short-term memory cell (Hochreiter and Schmidhuber, 1997, with the forget gate of Gers,
 * Schmidhuber and Cummins, 2000), gate by gate as Olah's "Understanding LSTM Networks" walks it:
 *
 * <pre>
 * i_t  = sigmoid(W_i [x_t, h_{t-1}] + b_i)     input gate: which values to update
 * f_t  = sigmoid(W_f [x_t, h_{t-1}] + b_f)     forget gate: what to keep of C_{t-1}
 * g_t  = tanh   (W_g [x_t, h_{t-1}] + b_g)     candidate values (the essay's C~_t)
 * o_t  = sigmoid(W_o [x_t, h_{t-1}] + b_o)     output gate
 * C_t  = f_t * C_{t-1} + i_t * g_t
 * h_t  = o_t * tanh(C_t)
 * </pre>
 *
 * Shapes: {@code x_t (B, I)}, {@code h, C (B, H)}. Weights as PyTorch's {@code nn.LSTM}: four
 * blocks stacked in the order {@code i, f, g, o}, {@code weight_ih (4H, I)}, {@code weight_hh (4H, H)},
 * with both biases (their sum is the essay's {@code b}).
 *
 * <p>{@link Step#COMPOSED} is the composition from primitives that autograd differentiates through
 * time, the reference; {@link Step#FUSED} runs a whole sequence as one op ({@link FusedLstmLayer})
 * and single steps with {@link FusedLstm}, both with hand-written backward passes.
 */
public final class LstmCell extends GateWeights {

    /** How a step is computed: composed from primitives (the reference), or as one fused op. */
    public enum Step { COMPOSED, FUSED }

    private final Step path;

    public LstmCell(int input, int hidden, Step path, RandomGenerator rng) {
        super(input, hidden, 4, rng);
        this.path = path;
    }

    @Override
    int forgetBlock() {
        return 1;
    }

    @Override
    public CellState step(Tensor projected, CellState previous) {
        return path == Step.FUSED ? FusedLstm.step(projected, previous, weightHh, biasHh)
                : composedStep(projected, previous);
    }

    @Override
    public Sequence run(Tensor x, CellState initial) {
        return path == Step.FUSED ? FusedLstmLayer.forward(x, initial, weightIh, weightHh, biasIh, biasHh)
                : super.run(x, initial);
    }

    private CellState composedStep(Tensor projected, CellState previous) {
        Tensor z = projected.add(projectHidden(previous.h()));
        List<Tensor> gate = Layout.chunk(z, 1, 4); // (B, 4H) -> 4 x (B, H)
        Tensor i = gate.get(0).sigmoid();
        Tensor f = gate.get(1).sigmoid();
        Tensor g = gate.get(2).tanh();
        Tensor o = gate.get(3).sigmoid();
        Tensor c = f.mul(previous.c()).add(i.mul(g));
        Tensor h = o.mul(c.tanh());
        return new CellState(h, c);
    }
}
