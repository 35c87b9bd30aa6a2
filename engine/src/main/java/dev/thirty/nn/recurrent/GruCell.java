package dev.thirty.nn.recurrent;

import dev.thirty.tensor.Layout;
import dev.thirty.tensor.Tensor;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The gated recurrent unit (Cho et al., 2014), the variant at the end of Olah's essay that merges
 * the cell and hidden states and the forget and input gates into one update gate:
 *
 * <pre>
 * r_t = sigmoid(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)             reset gate
 * z_t = sigmoid(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)             update gate
 * n_t = tanh   (W_in x_t + b_in + r_t * (W_hn h_{t-1} + b_hn))     candidate
 * h_t = (1 - z_t) * n_t + z_t * h_{t-1}
 * </pre>
 *
 * Shapes: {@code x_t (B, I)}, {@code h (B, H)}. Weights as PyTorch's {@code nn.GRU}: blocks in the
 * order {@code r, z, n}, {@code weight_ih (3H, I)}, {@code weight_hh (3H, H)}.
 *
 * <p>Deviation from the essay: the essay (after Cho et al.) applies the reset gate before the
 * recurrent product, {@code W [r_t * h_{t-1}, x_t]}; PyTorch and cuDNN apply it after,
 * {@code r_t * (W_hn h_{t-1} + b_hn)}. We follow PyTorch so its weights load unchanged.
 */
public final class GruCell extends GateWeights {

    public GruCell(int input, int hidden, RandomGenerator rng) {
        super(input, hidden, 3, rng);
    }

    @Override
    public CellState zeroState(int batch) {
        return CellState.hiddenOnly(Tensor.zeros(batch, hiddenSize()));
    }

    @Override
    public CellState step(Tensor projected, CellState previous) {
        Tensor h = previous.h();
        List<Tensor> xi = Layout.chunk(projected, 1, 3); // (B, 3H) -> 3 x (B, H)
        List<Tensor> hh = Layout.chunk(projectHidden(h), 1, 3); // (B, 3H) -> 3 x (B, H)
        Tensor r = xi.get(0).add(hh.get(0)).sigmoid();
        Tensor z = xi.get(1).add(hh.get(1)).sigmoid();
        Tensor n = xi.get(2).add(r.mul(hh.get(2))).tanh();
        Tensor next = n.sub(z.mul(n)).add(z.mul(h)); // (1 - z) * n + z * h
        return CellState.hiddenOnly(next);
    }
}
