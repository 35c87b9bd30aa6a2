package dev.thirty.nn.recurrent;

import dev.thirty.nn.Dropout;
import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * A cell with dropout on its recurrent connection, {@code h_{t-1} -> h_t}: each step reads
 * {@code dropout(h_{t-1})} in place of {@code h_{t-1}}, with a fresh mask every step, while the
 * outputs passed up the stack and the carried state stay undropped.
 *
 * <p>This is the "naive" recurrent dropout Zaremba, Sutskever and Vinyals (2014, §3) argue
 * against: a mask on every step of the recurrence corrupts the memory over long spans. It exists
 * for their ablation; regularise with dropout between layers ({@link RecurrentStack}) instead.
 *
 * <p>Parameters are the wrapped cell's, under {@code cell.}. The cell state {@code C} is never
 * dropped; in eval mode this is the wrapped cell.
 */
public final class RecurrentDropoutCell extends RecurrentCell {

    private final RecurrentCell cell;
    private final Dropout dropout;

    /**
     * @param cell the cell whose recurrent input is dropped
     * @param p    probability of dropping each value of {@code h_{t-1}}, in [0, 1)
     * @param rng  draws the masks
     */
    public RecurrentDropoutCell(RecurrentCell cell, float p, RandomGenerator rng) {
        this.cell = child("cell", cell);
        this.dropout = child("dropout", new Dropout(p, rng));
    }

    /** The wrapped cell. */
    public RecurrentCell cell() {
        return cell;
    }

    @Override
    public int inputSize() {
        return cell.inputSize();
    }

    @Override
    public int hiddenSize() {
        return cell.hiddenSize();
    }

    @Override
    public boolean initForgetBias(float value) {
        return cell.initForgetBias(value);
    }

    @Override
    public CellState zeroState(int batch) {
        return cell.zeroState(batch);
    }

    @Override
    public Tensor projectInput(Tensor x) {
        return cell.projectInput(x);
    }

    @Override
    public CellState step(Tensor projected, CellState previous) {
        // dropout is the identity in eval mode, so this is the wrapped cell's step there
        return cell.step(projected, new CellState(dropout.forward(previous.h()), previous.c()));
    }

    /** Step by step ({@link RecurrentCell#run}) while training, even when the wrapped cell has a fused op. */
    @Override
    public Sequence run(Tensor x, CellState initial) {
        return isTraining() ? super.run(x, initial) : cell.run(x, initial);
    }
}
