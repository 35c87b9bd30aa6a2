package dev.thirty.nn.recurrent;

import dev.thirty.nn.Dropout;
import dev.thirty.nn.Module;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A stack of recurrent layers run over whole sequences, as PyTorch's {@code nn.LSTM(num_layers=L,
 * batch_first=True)}: layer {@code l} reads the hidden states of layer {@code l - 1}, with dropout
 * between layers (not after the last), as Zaremba et al. (2014) regularise deep LSTMs.
 *
 * <p>Shapes: input {@code (B, T, I)}, output {@code (B, T, H)} (the last layer's hidden states),
 * one {@link CellState} {@code (B, H)} per layer in and out. Parameters are named
 * {@code <layer>.weight_ih} etc.
 *
 * <p>Each layer runs the whole sequence ({@link RecurrentCell#run}): the input half of every gate in
 * one product, then the recurrence step by step; backpropagation through time is autograd running
 * back through the unrolled steps, or one fused op's backward ({@link FusedLstmLayer}).
 */
public final class RecurrentStack extends Module {

    /** The stack's output: the last layer's hidden states and every layer's final state. */
    public record Output(Tensor outputs, List<CellState> states) {
    }

    private final List<RecurrentCell> layers = new ArrayList<>();
    private final Dropout dropout;

    /**
     * @param type    the cell of every layer
     * @param input   I, the width of the inputs
     * @param hidden  H, the width of every layer
     * @param depth   L, the number of layers
     * @param dropout probability of dropping a hidden value between layers, in [0, 1)
     * @param init    initialises the weights
     * @param masks   draws the dropout masks (kept separate so a resumed run can restore its state)
     */
    public RecurrentStack(CellType type, int input, int hidden, int depth, float dropout, RandomGenerator init,
                          RandomGenerator masks) {
        if (depth < 1) {
            throw new IllegalArgumentException("RecurrentStack: need at least one layer, got " + depth);
        }
        for (int l = 0; l < depth; l++) {
            layers.add(child(Integer.toString(l), type.create(l == 0 ? input : hidden, hidden, init)));
        }
        this.dropout = child("dropout", new Dropout(dropout, masks));
    }

    private RecurrentStack(List<? extends RecurrentCell> cells, float dropout, RandomGenerator masks) {
        for (int l = 0; l < cells.size(); l++) {
            layers.add(child(Integer.toString(l), cells.get(l)));
        }
        this.dropout = child("dropout", new Dropout(dropout, masks));
    }

    /** A stack of the given cells (each layer's input width must be the previous one's hidden width). */
    public static RecurrentStack ofCells(List<? extends RecurrentCell> cells, float dropout, RandomGenerator masks) {
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("RecurrentStack: need at least one layer");
        }
        for (int l = 1; l < cells.size(); l++) {
            if (cells.get(l).inputSize() != cells.get(l - 1).hiddenSize()) {
                throw new IllegalArgumentException("RecurrentStack: layer " + l + " reads " + cells.get(l).inputSize()
                        + " values but layer " + (l - 1) + " gives " + cells.get(l - 1).hiddenSize());
            }
        }
        return new RecurrentStack(cells, dropout, masks);
    }

    public int depth() {
        return layers.size();
    }

    /** Layer {@code l}'s cell. */
    public RecurrentCell layer(int l) {
        return layers.get(l);
    }

    /** The all-zero state of every layer for {@code batch} sequences. */
    public List<CellState> zeroState(int batch) {
        List<CellState> s = new ArrayList<>();
        for (RecurrentCell cell : layers) {
            s.add(cell.zeroState(batch));
        }
        return s;
    }

    /** Runs {@code x (B, T, I)} from {@code states} (one per layer). */
    public Output forward(Tensor x, List<CellState> states) {
        if (x.rank() != 3 || states.size() != layers.size()) {
            throw new IllegalArgumentException("RecurrentStack: need input (B, T, I) and " + layers.size()
                    + " states, got " + x.shape() + " and " + states.size());
        }
        List<CellState> finals = new ArrayList<>();
        Tensor sequence = x;
        for (int l = 0; l < layers.size(); l++) {
            RecurrentCell.Sequence run = layers.get(l).run(sequence, states.get(l)); // (B, T, I) -> (B, T, H)
            finals.add(run.last());
            sequence = run.outputs();
            if (l < layers.size() - 1) {
                sequence = dropout.forward(sequence);
            }
        }
        return new Output(sequence, finals);
    }
}
