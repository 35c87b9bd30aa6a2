package dev.thirty.papers.lstm;

import dev.thirty.nn.Linear;
import dev.thirty.nn.Module;
import dev.thirty.nn.recurrent.CellType;
import dev.thirty.nn.recurrent.GruCell;
import dev.thirty.nn.recurrent.LstmCell;
import dev.thirty.nn.recurrent.RecurrentStack;
import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * One recurrent layer read out at the last step: {@code x (B, T, V) -> h_T (B, H) -> logits (B, K)}
 * through a linear head, {@code logits = W h_T + b}.
 *
 * <p>Deviation from PyTorch's initialisation: the gates that keep memory start biased to keep it,
 * by the "chrono" initialisation of Tallec and Ollivier (2018, "Can recurrent neural networks warp
 * time?"): each unit's forget-gate bias is {@code log(u)}, {@code u ~ U(1, T - 1)} for sequences of
 * length {@code T}, and its input-gate bias {@code -log(u)}; the GRU's update gate {@code z} (which
 * keeps {@code h} as it nears 1) gets {@code log(u)}. With PyTorch's default (biases near 0, gates
 * near 0.5) memory halves every step and a gated cell starts out as blind to the gap as a vanilla
 * RNN, which has no gate to initialise.
  */
final class RecallModel extends Module {

    private final RecurrentStack rnn;
    private final Linear head;

    RecallModel(CellType cell, int inputs, int hidden, int symbols, int length, RandomGenerator rng) {
        this.rnn = child("rnn", new RecurrentStack(cell, inputs, hidden, 1, 0f, rng, rng));
        this.head = child("head", new Linear(hidden, symbols, rng));
        if (rnn.layer(0) instanceof LstmCell lstm) {
            chrono(lstm.biasIh().data(), lstm.biasHh().data(), hidden, 1, 0, length, rng); // blocks i, f, g, o
        } else if (rnn.layer(0) instanceof GruCell gru) {
            chrono(gru.biasIh().data(), gru.biasHh().data(), hidden, 1, -1, length, rng); // blocks r, z, n
        }
    }

    /** Sets block {@code keep} of the summed bias to {@code log(u)} and block {@code write} (if any) to minus it. */
    private static void chrono(float[] biasIh, float[] biasHh, int hidden, int keep, int write, int length,
                               RandomGenerator rng) {
        for (int j = 0; j < hidden; j++) {
            float b = (float) Math.log(1 + rng.nextDouble() * Math.max(0, length - 2));
            biasIh[keep * hidden + j] = 0;
            biasHh[keep * hidden + j] = b;
            if (write >= 0) {
                biasIh[write * hidden + j] = 0;
                biasHh[write * hidden + j] = -b;
            }
        }
    }

    Tensor forward(Tensor x) {
        Tensor last = rnn.forward(x, rnn.zeroState(x.dim(0))).states().get(0).h(); // (B, T, V) -> (B, H)
        return head.forward(last); // (B, H) -> (B, K)
    }

    /** Parameters of the recurrent layer alone (the budget the cells are matched on). */
    long recurrentParameters() {
        return rnn.parameterCount();
    }

    /** Gate blocks per cell type: the recurrent layer has {@code G (H I + H H + 2 H)} parameters. */
    static int gates(CellType cell) {
        return switch (cell) {
            case RNN -> 1;
            case GRU -> 3;
            case LSTM, PEEPHOLE -> 4;
            case COUPLED -> 3;
        };
    }

    /** The hidden width whose recurrent layer comes closest to {@code budget} parameters. */
    static int hiddenForBudget(CellType cell, int input, long budget) {
        int g = gates(cell);
        int best = 1;
        for (int h = 1; (long) g * h * (input + h + 2) <= 2 * budget; h++) {
            long here = (long) g * h * (input + h + 2);
            long bestCount = (long) g * best * (input + best + 2);
            if (Math.abs(here - budget) < Math.abs(bestCount - budget)) {
                best = h;
            }
        }
        return best;
    }
}
