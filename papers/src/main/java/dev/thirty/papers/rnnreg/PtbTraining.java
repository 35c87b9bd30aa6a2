package dev.thirty.papers.rnnreg;

import dev.thirty.autograd.GradMode;
import dev.thirty.data.ContiguousBatches;
import dev.thirty.experiment.RunContext;
import dev.thirty.io.Checkpoint;
import dev.thirty.io.CheckpointException;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.nn.recurrent.CellState;
import dev.thirty.optim.GradClip;
import dev.thirty.optim.Sgd;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Training one PTB model as §4.1 of the paper and Zaremba's {@code main.lua} do it.
 *
 * <ul>
 *   <li>The training text is cut into {@code batch} parallel streams ({@link ContiguousBatches}); each step trains
 *       on the next chunk of {@code steps} words from the state the previous chunk ended in, detached, so
 *       gradients stop at the chunk boundary. The state is zeroed when an epoch starts over.</li>
 *   <li>The objective is the cross-entropy averaged over the batch and summed over the steps (the reference's
 *       {@code derr = 1} at every step); its gradient is rescaled to global norm {@code clip} when larger, then
 *       plain SGD takes a step at the epoch's learning rate ({@link PtbConfig#learningRate}).</li>
 *   <li>After each epoch the validation text is run as one stream ({@code evalBatch} 1) with the state carried
 *       through all of it, dropout off; the test text the same way at the end. Perplexity is
 *       {@code exp(mean nats per word)}.</li>
 * </ul>
 *
 * <p>Metrics: {@code train/loss} every 10 steps, and per epoch {@code train/ppl}, {@code val/ppl} and {@code lr};
 * {@code test/ppl} at the end. An ablation arm names its splits after itself ({@code val-none/ppl}), so the
 * report draws every arm's curves in one plot per quantity, and counts its steps on from the arms before it
 * ({@code offset}). A resumed run continues exactly: the chunk is a function of the step, and the carried
 * state, the dropout generator and the epoch's partial loss are in the checkpoint ({@link PtbRunState}).
 */
final class PtbTraining {

    /**
     * A finished (or interrupted) training run.
     *
     * @param history per finished epoch, training and validation perplexity
     * @param test    test perplexity (NaN when interrupted)
     * @param steps   the step reached, counted from the job's start (an ablation's first arm)
     */
    record Result(List<double[]> history, double test, long steps, boolean interrupted, PtbModel model) {

        /** The last epoch's validation perplexity. */
        double valid() {
            return history.isEmpty() ? Double.NaN : history.getLast()[1];
        }
    }

    private final PtbConfig c;
    private final PtbCorpus corpus;
    private final RunContext ctx;
    private final String arm;
    private final long seed;
    private final long offset;
    private final long progressTotal;
    private final UnaryOperator<Checkpoint> decorate;

    /**
     * @param arm           an ablation arm's name, added to every split ({@code ""} for a single run)
     * @param offset        steps done before this run (an ablation's earlier arms): metrics, checkpoints and the
     *                      progress bar count on from it
     * @param progressTotal steps of the whole job, for the progress bar (0: this run's)
     * @param decorate       adds to every checkpoint what the caller needs to resume (the identity for one run)
     */
    PtbTraining(PtbConfig c, PtbCorpus corpus, RunContext ctx, String arm, long seed, long offset, long progressTotal,
                UnaryOperator<Checkpoint> decorate) {
        this.c = c;
        this.corpus = corpus;
        this.ctx = ctx;
        this.arm = arm;
        this.seed = seed;
        this.offset = offset;
        this.progressTotal = progressTotal;
        this.decorate = decorate;
    }

    /** Training steps of {@code c} on {@code corpus}: chunks per epoch times epochs. */
    static long totalSteps(PtbConfig c, PtbCorpus corpus) {
        return (long) corpus.trainChunks(c).size() * c.epochs();
    }

    /**
     * Trains from scratch, or from {@code resume} when it is not null.
     *
     * @throws IllegalStateException when the loss or the gradient norm stops being finite (the last checkpoint
     *                               on disk is untouched: nothing of a diverged step is saved)
     */
    Result run(Checkpoint resume) throws IOException {
        ContiguousBatches chunks = corpus.trainChunks(c);
        int perEpoch = chunks.size();
        long total = (long) perEpoch * c.epochs();
        long barTotal = progressTotal > 0 ? progressTotal : total;
        Rng masks = resume != null ? Rng.restore(resume.rngStates().get(PtbRunState.DROPOUT_RNG))
                : Rng.seeded(seed + 1);
        PtbModel model = new PtbModel(c, corpus.vocab().size(), Rng.seeded(seed), masks);
        Sgd sgd = new Sgd(model.parameters(), Sgd.Config.defaults(), c.lr());
        List<CellState> carry = model.zeroState(c.batch());
        List<double[]> history = new ArrayList<>();
        double epochLoss = 0;
        long epochSteps = 0;
        long start = 0;
        if (resume != null) {
            PtbRunState.Resumed r = PtbRunState.restore(resume, model, sgd, corpus.vocab());
            carry = r.carry();
            history.addAll(r.history());
            epochLoss = r.epochLoss();
            epochSteps = r.epochSteps();
            start = resume.step() - offset;
            if (start < 0 || start > total) {
                throw new CheckpointException("ptb-lstm: the checkpoint is at step " + resume.step() + ", outside"
                        + " this run's steps " + offset + ".." + (offset + total));
            }
        }
        for (long step = start; step < total; step++) {
            int epoch = (int) (step / perEpoch);
            int index = (int) (step % perEpoch);
            if (index == 0) {
                carry = model.zeroState(c.batch());
            }
            ContiguousBatches.Chunk ch = chunks.get(index);
            model.train();
            double lr = c.learningRate(epoch);
            sgd.setLearningRate(lr);
            Gradients g = gradients(model, sgd, c.clip(), ch, carry);
            float l = g.loss();
            double norm = g.norm();
            long done = step + 1;
            if (!Float.isFinite(l) || !Double.isFinite(norm)) {
                throw new IllegalStateException(String.format(Locale.ROOT, "ptb-lstm: at step %d (epoch %d) the"
                        + " training loss is %s and the gradient norm %s; stopped with the last checkpoint kept; start"
                        + " again with a smaller --set lr= (now %.4g) or --set clip= (now %.4g)", offset + done,
                        epoch + 1, l, norm, lr, c.clip()));
            }
            sgd.step();
            carry = detach(g.states());
            epochLoss += l;
            epochSteps++;
            ctx.progress(offset + done, barTotal, l);
            if (done % 10 == 0 || done == total) {
                ctx.log(offset + done, metric("train", "loss"), l);
            }
            if (index == perEpoch - 1) {
                double trainPpl = Math.exp(epochLoss / epochSteps);
                double valid = perplexity(model, PtbCorpus.evalChunks(corpus.valid(), c));
                history.add(new double[] {trainPpl, valid});
                ctx.log(offset + done, metric("train", "ppl"), trainPpl);
                ctx.log(offset + done, metric("val", "ppl"), valid);
                ctx.log(offset + done, "lr", lr);
                ctx.say(String.format(Locale.ROOT, "%sepoch %d/%d: lr %.4g, train perplexity %.2f, validation %.2f",
                        arm.isEmpty() ? "" : arm + ": ", epoch + 1, c.epochs(), lr, trainPpl, valid));
                epochLoss = 0;
                epochSteps = 0;
            }
            if (done < total && ctx.checkpointDue(offset + done)) {
                ctx.saveCheckpoint(decorate.apply(PtbRunState.capture(offset + done, model, sgd, carry, masks,
                        corpus.vocab(), history, epochLoss, epochSteps, c)));
                if (ctx.stopRequested()) {
                    return new Result(history, Double.NaN, offset + done, true, model);
                }
            }
        }
        double test = perplexity(model, PtbCorpus.evalChunks(corpus.test(), c));
        ctx.log(offset + total, metric("test", "ppl"), test);
        ctx.say(String.format(Locale.ROOT, "%stest perplexity %.2f", arm.isEmpty() ? "" : arm + ": ", test));
        ctx.saveCheckpoint(decorate.apply(PtbRunState.capture(offset + total, model, sgd, carry, masks, corpus.vocab(),
                history, 0, 0, c)));
        return new Result(history, test, offset + total, false, model);
    }

    /** {@code split/quantity}, the split carrying the arm's name in an ablation ({@code val-none/ppl}). */
    String metric(String split, String quantity) {
        return split + (arm.isEmpty() ? "" : "-" + arm) + "/" + quantity;
    }

    /**
     * A step's gradients, before the update.
     *
     * @param loss   mean nats per word
     * @param norm   the global gradient norm before clipping
     * @param states each layer's final state, still attached
     */
    record Gradients(float loss, double norm, List<CellState> states) {
    }

    /**
     * The work of a step up to the update, shared with {@link PtbStep}: forward from {@code carry}, the
     * cross-entropy averaged over the batch and summed over the steps, backward, and global-norm clipping at
     * {@code clip}. The caller takes the SGD step once it has checked the loss.
     */
    static Gradients gradients(PtbModel model, Sgd sgd, double clip, ContiguousBatches.Chunk ch,
                               List<CellState> carry) {
        sgd.zeroGrad();
        PtbModel.Output out = model.forward(ch.inputs(), ch.batch(), ch.steps(), carry);
        Tensor loss = CrossEntropy.crossEntropy(out.logits(), ch.targets()); // (B*T, V) -> nats per word
        loss.mul(ch.steps()).backward(); // summed over the steps, averaged over the batch
        double norm = GradClip.clipGlobalNorm(model.parameters(), clip);
        return new Gradients(loss.item(), norm, out.states());
    }

    static List<CellState> detach(List<CellState> states) {
        List<CellState> out = new ArrayList<>(states.size());
        states.forEach(s -> out.add(s.detach()));
        return out;
    }

    /** {@code exp} of the mean loss per word over all of {@code chunks}, state carried across them, dropout off. */
    static double perplexity(PtbModel model, ContiguousBatches chunks) {
        return GradMode.noGrad(() -> {
            model.eval();
            List<CellState> state = model.zeroState(chunks.getFirst().batch());
            double sum = 0;
            long words = 0;
            for (ContiguousBatches.Chunk ch : chunks) {
                PtbModel.Output o = model.forward(ch.inputs(), ch.batch(), ch.steps(), state);
                sum += (double) CrossEntropy.crossEntropy(o.logits(), ch.targets()).item() * ch.inputs().length;
                words += ch.inputs().length;
                state = o.states();
            }
            return Math.exp(sum / words);
        });
    }

    /** Tensors to add to a checkpoint, for {@link #decorate}. */
    static UnaryOperator<Checkpoint> adding(Map<String, Tensor> extra) {
        return ck -> {
            Map<String, Tensor> t = new LinkedHashMap<>(ck.tensors());
            t.putAll(extra);
            return new Checkpoint(ck.step(), t, ck.rngStates(), ck.optimizerScalars(), ck.config());
        };
    }
}
