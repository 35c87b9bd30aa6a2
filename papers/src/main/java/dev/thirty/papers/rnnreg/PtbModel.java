package dev.thirty.papers.rnnreg;

import dev.thirty.nn.Dropout;
import dev.thirty.nn.Embedding;
import dev.thirty.nn.Init;
import dev.thirty.nn.Linear;
import dev.thirty.nn.Module;
import dev.thirty.nn.recurrent.CellState;
import dev.thirty.nn.recurrent.CellType;
import dev.thirty.nn.recurrent.RecurrentCell;
import dev.thirty.nn.recurrent.RecurrentDropoutCell;
import dev.thirty.nn.recurrent.RecurrentStack;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The word-level LSTM language model of Zaremba, Sutskever and Vinyals (2014), Figure 2: dropout
 * only on the non-recurrent connections, the dashed arrows of the figure.
 *
 * <pre>
 * x_t   = E[w_t]                          (B, T) -> (B, T, H)     embedding
 * h^1_t = LSTM_1(dropout(x_t), h^1_{t-1})                         the recurrence h_{t-1} -> h_t is never dropped
 * h^2_t = LSTM_2(dropout(h^1_t), h^2_{t-1})
 * y_t   = W dropout(h^L_t) + b            (B*T, H) -> (B*T, V)    logits of the next word
 * </pre>
 *
 * <p>With {@link PtbConfig#recurrentDropout} &gt; 0 every layer also drops {@code h_{t-1}} before its
 * recurrent product ({@link RecurrentDropoutCell}), the variant the paper's ablation compares against.
 *
 * <p>Parameters: {@code encoder.weight (V, H)}, {@code rnn.<layer>.weight_ih (4H, H)}, {@code weight_hh},
 * {@code bias_ih}, {@code bias_hh} (PyTorch's {@code nn.LSTM} gate order i, f, g, o; under
 * {@code rnn.<layer>.cell.} in the recurrent-dropout variant), {@code decoder.weight (V, H)},
 * {@code decoder.bias (V)}. Every one starts uniform in {@code [-initScale, initScale]}, as Zaremba's
 * {@code main.lua} initialises all of them; there is no forget-gate bias.
 */
final class PtbModel extends Module {

    /** Logits {@code (B*T, V)} and each layer's final state. */
    record Output(Tensor logits, List<CellState> states) {
    }

    private final int vocab;
    private final Embedding encoder;
    private final Dropout dropout;
    private final RecurrentStack rnn;
    private final Linear decoder;

    /**
     * @param vocab V, the number of words
     * @param init  draws the initial weights
     * @param masks draws every dropout mask
     */
    PtbModel(PtbConfig c, int vocab, RandomGenerator init, RandomGenerator masks) {
        this.vocab = vocab;
        this.encoder = child("encoder", new Embedding(vocab, c.hidden(), init));
        this.dropout = child("dropout", new Dropout((float) c.dropout(), masks));
        List<RecurrentCell> cells = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            RecurrentCell cell = CellType.LSTM.create(c.hidden(), c.hidden(), init);
            cells.add(c.recurrentDropout() > 0 ? new RecurrentDropoutCell(cell, (float) c.recurrentDropout(), masks)
                    : cell);
        }
        this.rnn = child("rnn", RecurrentStack.ofCells(cells, (float) c.dropout(), masks));
        this.decoder = child("decoder", new Linear(c.hidden(), vocab, init));
        float scale = (float) c.initScale();
        for (Parameter p : parameters()) {
            Init.uniform(p, -scale, scale, init);
        }
    }

    int vocab() {
        return vocab;
    }

    int depth() {
        return rnn.depth();
    }

    List<CellState> zeroState(int batch) {
        return rnn.zeroState(batch);
    }

    /** Runs the word ids {@code (B, T)} (row-major) from {@code states}, one per layer. */
    Output forward(int[] ids, int batch, int steps, List<CellState> states) {
        Tensor x = dropout.forward(encoder.forward(ids, batch, steps)); // (B, T) -> (B, T, H)
        RecurrentStack.Output o = rnn.forward(x, states); // (B, T, H) -> (B, T, H)
        Tensor top = dropout.forward(o.outputs()).reshape(batch * steps, -1); // (B, T, H) -> (B*T, H)
        return new Output(decoder.forward(top), o.states()); // (B*T, H) -> (B*T, V)
    }
}
