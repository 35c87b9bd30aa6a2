package dev.thirty.nn.recurrent;

import dev.thirty.nn.Module;
import dev.thirty.tensor.Layout;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * One recurrent cell: maps an input {@code x_t (B, I)} and the previous state to the next state.
 *
 * <p>Every cell here computes its gates as {@code W_ih x_t + b_ih + W_hh h_{t-1} + b_hh}. The input
 * half does not depend on the previous step, so a layer can project a whole sequence in one
 * product ({@link #projectInput}, {@code (..., I) -> (..., G*H)}) and run only the recurrent half
 * step by step ({@link #step}). {@link #forward} does both for a single step, {@link #run} for a
 * whole sequence.
 */
public abstract class RecurrentCell extends Module {

    /**
     * A sequence run through the cell.
     *
     * @param outputs the hidden state after every step, {@code (B, T, H)}
     * @param last    the state after the last step
     */
    public record Sequence(Tensor outputs, CellState last) {
    }

    public abstract int inputSize();

    public abstract int hiddenSize();

    /**
     * Starts the forget gate's bias at {@code value}, as Gers, Schmidhuber and Cummins (2000) and
     * char-rnn start LSTMs so that they remember from the first step: {@code bias_ih}'s forget
     * block is set to {@code value} and {@code bias_hh}'s to 0, so their sum is {@code value}.
     *
     * @return false, changing nothing, when the cell has no forget gate
     */
    public boolean initForgetBias(float value) {
        return false;
    }

    /** The all-zero initial state for a batch of {@code batch} sequences. */
    public abstract CellState zeroState(int batch);

    /** The input half of every gate pre-activation, {@code W_ih x + b_ih}: {@code (..., I) -> (..., G*H)}. */
    public abstract Tensor projectInput(Tensor x);

    /** One time step from a projected input {@code (B, G*H)} and the previous state. */
    public abstract CellState step(Tensor projected, CellState previous);

    /** One time step from a raw input {@code x_t (B, I)}. */
    public final CellState forward(Tensor x, CellState previous) {
        return step(projectInput(x), previous);
    }

    /**
     * Runs {@code x (B, T, I)} from {@code initial}: the input half for all steps in one product,
     * then {@link #step} for each step. A cell may override this with a fused whole-sequence op.
     */
    public Sequence run(Tensor x, CellState initial) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": need an input (B, T, I), got "
                    + x.shape());
        }
        int batch = x.dim(0);
        int steps = x.dim(1);
        Tensor projected = projectInput(x); // (B, T, I) -> (B, T, G*H)
        int width = projected.dim(2);
        CellState s = initial;
        List<Tensor> hs = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            Tensor xt = projected.slice(1, t, t + 1).reshape(batch, width); // (B, 1, G*H) -> (B, G*H)
            s = step(xt, s);
            hs.add(s.h());
        }
        return new Sequence(Layout.stack(1, hs), s); // T x (B, H) -> (B, T, H)
    }
}
