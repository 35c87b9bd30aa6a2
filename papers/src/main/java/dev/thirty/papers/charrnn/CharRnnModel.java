package dev.thirty.papers.charrnn;

import dev.thirty.nn.Dropout;
import dev.thirty.nn.Init;
import dev.thirty.nn.Linear;
import dev.thirty.nn.Module;
import dev.thirty.nn.recurrent.CellState;
import dev.thirty.nn.recurrent.RecurrentStack;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * char-rnn's model (Karpathy, 2015): one-hot characters into a stack of recurrent layers, a linear
 * decoder from the top hidden state to the logits of the next character.
 *
 * <pre>
 * x_t = onehot(c_t)                  (B, T) -> (B, T, V)
 * h_t = stack(x_t, h_{t-1})          (B, T, V) -> (B, T, H)
 * y_t = W_dec dropout(h_t) + b_dec   (B*T, H) -> (B*T, V)
 * </pre>
 *
 * Parameters: {@code rnn.<layer>.weight_ih} etc. and {@code decoder.weight (V, H)}; initialised as
 * {@link CharRnnConfig.Init} says (by default char-rnn's: {@code U(-0.08, 0.08)}, forget bias 1).
 */
final class CharRnnModel extends Module {

    /** Logits {@code (B*T, V)} for every position, and each layer's final state. */
    record Output(Tensor logits, List<CellState> states) {
    }

    /** char-rnn's {@code train.lua} draws every parameter from {@code U(-0.08, 0.08)}. */
    static final float CHAR_RNN_INIT = 0.08f;

    private final int vocab;
    private final RecurrentStack rnn;
    private final Dropout dropout;
    private final Linear decoder;

    /**
     * @param vocab V, the number of characters
     * @param init  initialises the weights
     * @param masks draws dropout masks
     */
    CharRnnModel(CharRnnConfig c, int vocab, RandomGenerator init, RandomGenerator masks) {
        this.vocab = vocab;
        this.rnn = child("rnn", new RecurrentStack(c.cell(), vocab, c.hidden(), c.layers(), (float) c.dropout(),
                init, masks));
        this.dropout = child("dropout", new Dropout((float) c.dropout(), masks));
        this.decoder = child("decoder", new Linear(c.hidden(), vocab, init));
        if (c.init() == CharRnnConfig.Init.CHAR_RNN) {
            for (Parameter p : parameters()) {
                Init.uniform(p, -CHAR_RNN_INIT, CHAR_RNN_INIT, init);
            }
            for (int l = 0; l < rnn.depth(); l++) {
                rnn.layer(l).initForgetBias(1f);
            }
        }
    }

    List<CellState> zeroState(int batch) {
        return rnn.zeroState(batch);
    }

    int depth() {
        return rnn.depth();
    }

    /** Runs {@code ids (B, T)} (row-major) from {@code states}. */
    Output forward(int[] ids, int batch, int steps, List<CellState> states) {
        RecurrentStack.Output o = rnn.forward(oneHot(ids, batch, steps), states);
        Tensor top = o.outputs().reshape(batch * steps, -1); // (B, T, H) -> (B*T, H)
        return new Output(decoder.forward(dropout.forward(top)), o.states()); // (B*T, H) -> (B*T, V)
    }

    private Tensor oneHot(int[] ids, int batch, int steps) {
        float[] x = new float[batch * steps * vocab];
        for (int i = 0; i < ids.length; i++) {
            x[i * vocab + ids[i]] = 1f;
        }
        return Tensor.wrap(x, Shape.of(batch, steps, vocab));
    }
}
