package dev.thirty.papers.ntm;

import dev.thirty.autograd.GradMode;
import dev.thirty.optim.GradClip;
import dev.thirty.optim.RmsProp;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;
import java.util.List;

/**
 * One training step of {@code thirty run ntm} on one episode, for the run loop and for benchmarks:
 * each model's summed binary cross-entropy, one backward pass, the elementwise clamp and an RMSprop
 * step, inside a step arena.
 */
public final class NtmTrainer {

    private final NtmExperiment.TaskModel model;
    private final RmsProp opt;
    private final double clip;
    private final StepArena arena = new StepArena();

    /** What one step cost each model: bits and wrong bits, in the order of the models. */
    public record Costs(double[] bits, int[] wrongBits) {
    }

    /** A trainer of the models {@code c} names, initialised from {@code seed}. */
    public NtmTrainer(NtmConfig c, long seed) {
        this(NtmExperiment.of(c, seed), c);
    }

    NtmTrainer(NtmExperiment.TaskModel model, NtmConfig c) {
        this.model = model;
        this.opt = new RmsProp(model.module().parameters(),
                RmsProp.Config.defaults().withAlpha(c.alpha()).withMomentum(c.momentum()), c.lr());
        this.clip = c.clip();
    }

    RmsProp optimizer() {
        return opt;
    }

    /** The task the models learn. */
    public Task task() {
        return model.task();
    }

    /** Trains on {@code e}. */
    public Costs step(Episode e) {
        List<NtmExperiment.Member> members = model.members();
        double[] bits = new double[members.size()];
        int[] wrong = new int[members.size()];
        try (StepArena.Scope s = arena.open()) {
            opt.zeroGrad();
            Tensor loss = null;
            for (int i = 0; i < members.size(); i++) {
                NtmExperiment.Outcome o = members.get(i).episode().apply(e);
                loss = loss == null ? o.loss() : loss.add(o.loss());
                bits[i] = o.loss().item() / NtmExperiment.LN2;
                wrong[i] = o.wrongBits();
            }
            loss.backward();
            GradClip.clipValues(model.module().parameters(), clip);
            opt.step();
        }
        return new Costs(bits, wrong);
    }

    /** The models' forward passes on {@code e} alone, without gradients: the bits of the first model. */
    public double forward(Episode e) {
        try (StepArena.Scope s = arena.open()) {
            return GradMode.noGrad(() -> model.members().get(0).episode().apply(e).loss().item() / NtmExperiment.LN2);
        }
    }
}
