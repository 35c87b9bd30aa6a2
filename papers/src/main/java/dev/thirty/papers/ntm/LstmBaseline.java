package dev.thirty.papers.ntm;

import dev.thirty.nn.Linear;
import dev.thirty.nn.Module;
import dev.thirty.nn.recurrent.CellType;
import dev.thirty.nn.recurrent.RecurrentStack;
import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * The paper's baseline (§4, Table 3): stacked LSTM layers reading the same inputs step by step, with a
 * linear output layer giving logits; here at a width chosen to match the NTM's parameter count rather
 * than the paper's 3 x 256.
 */
public final class LstmBaseline extends Module {

    private final RecurrentStack lstm;
    private final Linear output;
    private final int hidden;

    public LstmBaseline(int inputs, int outputs, int hidden, int layers, RandomGenerator rng) {
        this.hidden = hidden;
        this.lstm = child("lstm", new RecurrentStack(CellType.LSTM, inputs, hidden, layers, 0f, rng, rng));
        this.output = child("output", new Linear(hidden, outputs, rng));
    }

    /** Logits for every step of {@code x} {@code (B, T, I)}: {@code (B, T, O)}. */
    public Tensor forward(Tensor x) {
        Tensor h = lstm.forward(x, lstm.zeroState(x.dim(0))).outputs();                 // (B, T, H)
        Tensor logits = output.forward(h.reshape(x.dim(0) * x.dim(1), hidden));          // (B*T, O)
        return logits.reshape(x.dim(0), x.dim(1), logits.dim(1));
    }
}
