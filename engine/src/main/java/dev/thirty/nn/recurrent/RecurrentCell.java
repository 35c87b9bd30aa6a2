package dev.thirty.nn.recurrent;

import dev.thirty.nn.Module;
import dev.thirty.tensor.Tensor;

/**
 * One recurrent cell: maps an input {@code x_t (B, I)} and the previous state to the next state.
 *
 * <p>Every cell here computes its gates as {@code W_ih x_t + b_ih + W_hh h_{t-1} + b_hh}. The input
 * half does not depend on the previous step, so a layer can project a whole sequence in one
 * product ({@link #projectInput}, {@code (..., I) -> (..., G*H)}) and run only the recurrent half
 * step by step ({@link #step}). {@link #forward} does both for a single step.
 */
public abstract class RecurrentCell extends Module {

    public abstract int inputSize();

    public abstract int hiddenSize();

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
}
