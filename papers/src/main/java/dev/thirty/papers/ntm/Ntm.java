package dev.thirty.papers.ntm;

import dev.thirty.nn.Linear;
import dev.thirty.nn.Module;
import dev.thirty.nn.functional.Softmax;
import dev.thirty.nn.recurrent.CellState;
import dev.thirty.nn.recurrent.LstmCell;
import dev.thirty.tensor.Layout;
import dev.thirty.tensor.Pointwise;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The Neural Turing Machine of §3 (Figure 1) with an LSTM controller, one step at a time:
 *
 * <pre>
 * controller   (h, c) = LSTM([x_t, r_{t−1}], (h, c)_{t−1})                       x_t (B, I), r (B, R·M)
 * each head    k, β̂, ĝ, ŝ, γ̂ [, ê, â] = W_head h + b_head
 *              β = softplus(β̂), g = σ(ĝ), s = softmax(ŝ), γ = 1 + softplus(γ̂)   [e = σ(ê), a = tanh(â)]
 *              w_t = sharpen(shift(interpolate(content(M_{t−1}, k, β), w_{t−1}, g), s), γ)   Eqs. (5)-(9)
 * read heads   r_t = Σ_i w_t(i) M_{t−1}(i)                                        Eq. (2)
 * write heads  M_t = M_{t−1} (1 − w_t e) + w_t a                                    Eqs. (3), (4)
 * output       y_t = W_out [h, r_t] + b_out   (logits; the loss applies the sigmoid)
 * </pre>
 *
 * The read heads read before the write heads write, within a step. The head activations are the
 * paper's (softplus for β, "oneplus" for γ, sigmoid for g and e, tanh for a); pytorch-ntm uses ReLU for
 * most of them instead.
 *
 * <p>The initial state is constant, not learned: memory 1e-6 everywhere, read vectors zero, every head's
 * weighting on row 0. Collier and Beel (2018) found constant memory the most stable start; with every row
 * equal, content addressing cannot tell rows apart, so the weightings start one-hot (a uniform start
 * would write the same vector to every row forever: nothing would break the symmetry).
 */
public final class Ntm extends Module {

    /** Shifts −1, 0, +1. */
    static final int SHIFTS = 3;
    /** The constant every memory cell starts at. */
    static final float MEMORY_INIT = 1e-6f;

    private final int inputs;
    private final int outputs;
    private final int rows;
    private final int width;
    private final int readHeads;
    private final int writeHeads;
    private final LstmCell lstm;
    private final Linear feedForward;
    private final List<Linear> heads = new ArrayList<>();
    private final Linear output;

    /** The machine's state between steps; {@code controller} is null for a feed-forward controller. */
    public record State(CellState controller, Tensor memory, Tensor reads, List<Tensor> weightings) {

        public State {
            weightings = List.copyOf(weightings);
        }
    }

    /** The controller network of §3: recurrent, or feed-forward with the memory as its only state. */
    public enum Controller {
        /** An LSTM cell: {@code (h, c)_t = LSTM([x_t, r_{t−1}], (h, c)_{t−1})}. */
        LSTM,
        /**
         * One tanh layer, {@code h_t = tanh(W [x_t, r_{t−1}] + b)}: the only memory is the NTM's, which the
         * paper notes makes the heads' behaviour easier to read. The paper does not give the activation.
         */
        FEED_FORWARD
    }

    /** One step's output logits {@code (B, O)} and the state after it. */
    public record Step(Tensor logits, State state) {
    }

    /**
     * @param inputs     input width I
     * @param outputs    output width O
     * @param hidden     the controller's LSTM width
     * @param rows       memory rows N
     * @param width      memory width M
     * @param readHeads  R
     * @param writeHeads W
     */
    public Ntm(int inputs, int outputs, int hidden, int rows, int width, int readHeads, int writeHeads,
            RandomGenerator rng) {
        this(Controller.LSTM, inputs, outputs, hidden, rows, width, readHeads, writeHeads, rng);
    }

    /** The machine with the given controller; {@code hidden} is the controller's width. */
    public Ntm(Controller kind, int inputs, int outputs, int hidden, int rows, int width, int readHeads,
               int writeHeads, RandomGenerator rng) {
        if (inputs < 1 || outputs < 1 || hidden < 1 || rows < 2 || width < 1 || readHeads < 1 || writeHeads < 1) {
            throw new IllegalArgumentException("ntm: sizes must be positive (and at least 2 memory rows), got inputs "
                    + inputs + ", outputs " + outputs + ", hidden " + hidden + ", rows " + rows + ", width " + width
                    + ", heads " + readHeads + " read / " + writeHeads + " write");
        }
        this.inputs = inputs;
        this.outputs = outputs;
        this.rows = rows;
        this.width = width;
        this.readHeads = readHeads;
        this.writeHeads = writeHeads;
        int in = inputs + readHeads * width;
        this.lstm = kind == Controller.LSTM
                ? child("controller", new LstmCell(in, hidden, LstmCell.Step.FUSED, rng)) : null;
        this.feedForward = kind == Controller.FEED_FORWARD ? child("controller", new Linear(in, hidden, rng)) : null;
        for (int i = 0; i < readHeads + writeHeads; i++) {
            boolean write = i >= readHeads;
            heads.add(child((write ? "write" : "read") + (write ? i - readHeads : i),
                    new Linear(hidden, headWidth(write), rng)));
        }
        this.output = child("output", new Linear(hidden + readHeads * width, outputs, rng));
    }

    /** What a head emits: k (M), β, g, s (3), γ, and for a write head e (M) and a (M). */
    int headWidth(boolean write) {
        return width + 3 + SHIFTS + (write ? 2 * width : 0);
    }

    /** The constant initial state for a batch of {@code batch} sequences. */
    public State initialState(int batch) {
        float[] w = new float[batch * rows];
        for (int b = 0; b < batch; b++) {
            w[b * rows] = 1f;
        }
        List<Tensor> weightings = new ArrayList<>();
        for (int i = 0; i < readHeads + writeHeads; i++) {
            weightings.add(Tensor.of(w, batch, rows));
        }
        return new State(lstm == null ? null : lstm.zeroState(batch), Tensor.full(MEMORY_INIT, batch, rows, width),
                Tensor.zeros(batch, readHeads * width), weightings);
    }

    /** One time step on {@code x} {@code (B, I)}. */
    public Step step(Tensor x, State s) {
        if (x.rank() != 2 || x.dim(1) != inputs) {
            throw new IllegalArgumentException("ntm: input must be (batch, " + inputs + "), got " + x.shape());
        }
        Tensor in = Layout.concat(1, x, s.reads());
        CellState c = lstm == null ? null : lstm.forward(in, s.controller());
        Tensor h = lstm == null ? feedForward.forward(in).tanh() : c.h();
        Tensor memory = s.memory();
        List<Tensor> weightings = new ArrayList<>();
        List<Tensor> reads = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            boolean write = i >= readHeads;
            Tensor p = heads.get(i).forward(h);
            Tensor key = p.slice(1, 0, width);
            Tensor beta = softplus(p.slice(1, width, width + 1));
            Tensor gate = p.slice(1, width + 1, width + 2).sigmoid();
            Tensor shift = Softmax.softmax(p.slice(1, width + 2, width + 2 + SHIFTS), 1);
            Tensor gamma = softplus(p.slice(1, width + 2 + SHIFTS, width + 3 + SHIFTS)).add(1f);
            Tensor w = Addressing.address(memory, key, beta, gate, shift, gamma, s.weightings().get(i));
            weightings.add(w);
            if (write) {
                int at = width + 3 + SHIFTS;
                Tensor erase = p.slice(1, at, at + width).sigmoid();
                Tensor add = p.slice(1, at + width, at + 2 * width).tanh();
                memory = Addressing.write(memory, w, erase, add);
            } else {
                reads.add(Addressing.read(memory, w));
            }
        }
        Tensor r = reads.size() == 1 ? reads.get(0) : Layout.concat(1, reads);
        Tensor logits = output.forward(Layout.concat(1, h, r));
        return new Step(logits, new State(c, memory, r, weightings));
    }

    /** {@code log(1 + e^x)}, as {@code max(x, 0) + log(1 + e^−|x|)} so that large inputs do not overflow. */
    static Tensor softplus(Tensor x) {
        return x.relu().add(Pointwise.abs(x).neg().exp().add(1f).log());
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }
}
