package dev.thirty.nn.recurrent;

import dev.thirty.tensor.Tensor;

/**
 * The state a recurrent cell carries from one time step to the next: the hidden state
 * {@code h (B, H)} and, for the LSTM family, the cell state {@code c (B, H)}. Cells without a
 * separate memory (vanilla RNN, GRU) carry {@code c == null}.
 *
 * @param h the hidden state, also the cell's output, {@code (B, H)}
 * @param c the LSTM cell state {@code (B, H)}, or null for cells that have none
 */
public record CellState(Tensor h, Tensor c) {

    public CellState {
        if (h == null) {
            throw new IllegalArgumentException("a cell state needs a hidden state h");
        }
        if (c != null && !c.shape().equals(h.shape())) {
            throw new IllegalArgumentException("cell state c " + c.shape() + " and hidden state h " + h.shape()
                    + " must have the same shape");
        }
    }

    /** A state with a hidden state only (vanilla RNN, GRU). */
    public static CellState hiddenOnly(Tensor h) {
        return new CellState(h, null);
    }

    /** Whether this state has an LSTM cell state. */
    public boolean hasCell() {
        return c != null;
    }

    /**
     * The same values cut from the graph: truncated BPTT carries the state into the next chunk
     * but stops gradients at the chunk boundary.
     */
    public CellState detach() {
        return new CellState(h.detach(), c == null ? null : c.detach());
    }
}
