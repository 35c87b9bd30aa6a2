package dev.thirty.nn.recurrent;

import dev.thirty.kernels.Transpose;
import dev.thirty.nn.Init;
import dev.thirty.tensor.LinearAlgebra;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Tensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The shared weights of a cell with {@code G} gates of width {@code H}, stored as PyTorch's
 * {@code nn.RNN/LSTM/GRU} store them so weights carry over: {@code weight_ih (G*H, I)},
 * {@code weight_hh (G*H, H)}, {@code bias_ih (G*H)}, {@code bias_hh (G*H)}, gate blocks stacked
 * row-wise in the order each cell documents. Initialised as PyTorch does:
 * every value {@code U(-1/sqrt(H), 1/sqrt(H))}.
 */
abstract class GateWeights extends RecurrentCell {

    private final int input;
    private final int hidden;
    private final int gates;
    final Parameter weightIh;
    final Parameter weightHh;
    final Parameter biasIh;
    final Parameter biasHh;

    GateWeights(int input, int hidden, int gates, RandomGenerator rng) {
        if (input < 1 || hidden < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": sizes must be positive, got input="
                    + input + ", hidden=" + hidden);
        }
        this.input = input;
        this.hidden = hidden;
        this.gates = gates;
        float bound = (float) (1 / Math.sqrt(hidden));
        this.weightIh = parameter("weight_ih", Parameter.zeros(gates * hidden, input));
        this.weightHh = parameter("weight_hh", Parameter.zeros(gates * hidden, hidden));
        this.biasIh = parameter("bias_ih", Parameter.zeros(gates * hidden));
        this.biasHh = parameter("bias_hh", Parameter.zeros(gates * hidden));
        for (Parameter p : new Parameter[] {weightIh, weightHh, biasIh, biasHh}) {
            Init.uniform(p, -bound, bound, rng);
        }
    }

    @Override
    public final int inputSize() {
        return input;
    }

    @Override
    public final int hiddenSize() {
        return hidden;
    }

    /** Number of gate blocks G. */
    public final int gates() {
        return gates;
    }

    @Override
    public final Tensor projectInput(Tensor x) {
        Tensor y = LinearAlgebra.matmul(x, Transpose.N, weightIh, Transpose.T); // (..., I) -> (..., G*H)
        return y.add(biasIh);
    }

    /** The recurrent half, {@code W_hh h + b_hh}: {@code (B, H) -> (B, G*H)}. */
    final Tensor projectHidden(Tensor h) {
        return LinearAlgebra.matmul(h, Transpose.N, weightHh, Transpose.T).add(biasHh);
    }

    /** The forget gate's block among the {@code G}, or -1 when the cell has none. */
    int forgetBlock() {
        return -1;
    }

    @Override
    public final boolean initForgetBias(float value) {
        int block = forgetBlock();
        if (block < 0) {
            return false;
        }
        Arrays.fill(biasIh.data(), block * hidden, (block + 1) * hidden, value);
        Arrays.fill(biasHh.data(), block * hidden, (block + 1) * hidden, 0f);
        return true;
    }

    @Override
    public CellState zeroState(int batch) {
        return new CellState(Tensor.zeros(batch, hidden), Tensor.zeros(batch, hidden));
    }

    public final Parameter weightIh() {
        return weightIh;
    }

    public final Parameter weightHh() {
        return weightHh;
    }

    public final Parameter biasIh() {
        return biasIh;
    }

    public final Parameter biasHh() {
        return biasHh;
    }
}
