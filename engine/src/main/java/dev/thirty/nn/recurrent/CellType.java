package dev.thirty.nn.recurrent;

import java.util.random.RandomGenerator;

/** The recurrent cells of Olah's essay, by name (as {@code --set cell=lstm} spells them). */
public enum CellType {
    /** {@link RnnCell}. */
    RNN,
    /** {@link LstmCell}, stepped by the fused op {@link FusedLstm}. */
    LSTM,
    /** {@link GruCell}. */
    GRU,
    /** {@link PeepholeLstmCell}. */
    PEEPHOLE,
    /** {@link CoupledLstmCell}. */
    COUPLED;

    /** A new cell of this type, initialised from {@code rng}. */
    public RecurrentCell create(int input, int hidden, RandomGenerator rng) {
        return switch (this) {
            case RNN -> new RnnCell(input, hidden, rng);
            case LSTM -> new LstmCell(input, hidden, LstmCell.Step.FUSED, rng);
            case GRU -> new GruCell(input, hidden, rng);
            case PEEPHOLE -> new PeepholeLstmCell(input, hidden, rng);
            case COUPLED -> new CoupledLstmCell(input, hidden, rng);
        };
    }
}
