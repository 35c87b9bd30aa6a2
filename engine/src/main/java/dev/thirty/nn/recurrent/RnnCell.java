package dev.thirty.nn.recurrent;

import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * The vanilla recurrent cell (Elman, 1990; the "repeating module with a single tanh layer" of
 * Olah's essay):
 *
 * <pre>
 * h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)
 * </pre>
 *
 * Shapes: {@code x_t (B, I)}, {@code h (B, H)}; weights as PyTorch's {@code nn.RNN} with
 * {@code nonlinearity='tanh'}: {@code weight_ih (H, I)}, {@code weight_hh (H, H)}.
 */
public final class RnnCell extends GateWeights {

    public RnnCell(int input, int hidden, RandomGenerator rng) {
        super(input, hidden, 1, rng);
    }

    @Override
    public CellState zeroState(int batch) {
        return CellState.hiddenOnly(Tensor.zeros(batch, hiddenSize()));
    }

    @Override
    public CellState step(Tensor projected, CellState previous) {
        return CellState.hiddenOnly(projected.add(projectHidden(previous.h())).tanh());
    }
}
