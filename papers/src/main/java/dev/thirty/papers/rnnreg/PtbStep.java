package dev.thirty.papers.rnnreg;

import dev.thirty.data.ContiguousBatches;
import dev.thirty.nn.Linear;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.nn.recurrent.CellState;
import dev.thirty.optim.Sgd;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.util.List;

/**
 * One training step of a PTB model on fixed random word ids, through the same {@link PtbTraining#gradients} as a
 * run (forward, the loss summed over the steps, backward, global-norm clipping), then SGD, the state carried on: what
 * {@code thirty bench ptb-lstm} times. {@link #decoderStep} times the 10k-way softmax layer alone on the same
 * shapes, to say where a step's time goes.
 */
public final class PtbStep {

    private final PtbConfig c;
    private final PtbModel model;
    private final Sgd sgd;
    private final ContiguousBatches.Chunk chunk;
    private final int[] targets;
    private final Linear decoder;
    private final float[] top;
    private List<CellState> state;

    /** A model of {@code c} over {@code vocab} words, with ids and targets drawn from {@code seed}. */
    public PtbStep(PtbConfig c, int vocab, long seed) {
        this.c = c;
        Rng rng = Rng.seeded(seed);
        this.model = new PtbModel(c, vocab, rng, Rng.seeded(seed + 1));
        this.sgd = new Sgd(model.parameters(), Sgd.Config.defaults(), c.lr());
        int[] ids = rng.ints((long) c.batch() * c.seqLength(), 0, vocab).toArray();
        this.targets = rng.ints((long) c.batch() * c.seqLength(), 0, vocab).toArray();
        this.chunk = new ContiguousBatches.Chunk(ids, targets, c.batch(), c.seqLength());
        this.state = model.zeroState(c.batch());
        this.decoder = new Linear(c.hidden(), vocab, rng);
        this.top = Tensor.uniform(rng, -1f, 1f, c.batch() * c.seqLength(), c.hidden()).toArray();
        model.train();
    }

    /** Words one step trains on: batch times steps. */
    public int wordsPerStep() {
        return c.batch() * c.seqLength();
    }

    /** One training step; returns its loss (nats per word). */
    public float step() {
        PtbTraining.Gradients g = PtbTraining.gradients(model, sgd, c.clip(), chunk, state);
        sgd.step();
        state = PtbTraining.detach(g.states());
        return g.loss();
    }

    /** The decoder's share of a step alone: {@code (B*T, H) -> (B*T, V)}, the cross-entropy and their backward. */
    public float decoderStep() {
        decoder.zeroGrad();
        Tensor x = Tensor.wrap(top, Shape.of(c.batch() * c.seqLength(), c.hidden())).requiringGrad(); // (B*T, H)
        Tensor loss = CrossEntropy.crossEntropy(decoder.forward(x), targets); // (B*T, H) -> (B*T, V)
        loss.mul(c.seqLength()).backward();
        return loss.item();
    }
}
