package dev.thirty.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thirty.data.Shuffle;
import dev.thirty.nn.Layer;
import dev.thirty.nn.Module;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.optim.LearningRateSchedule;
import dev.thirty.optim.Optimizer;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The training loop of the classifiers here (LeNet-5, cuda-convnet's CIFAR-10 nets, AlexNet, the MNIST
 * MLP): epochs of minibatches in a seeded order, softmax cross-entropy, one optimizer step each, from a
 * resumed checkpoint's step to the last. It logs the loss and learning rate, stops on a non-finite loss
 * with a message naming the step, saves checkpoints on the run's schedule and honours a stop request at
 * one.
 *
 * <p>Reproducibility: epoch {@code e}'s order is {@code Shuffle.permutation} seeded by
 * {@code orderSeed + e}, and a {@link Batches} makes step {@code s}'s batch from that order and {@code s}
 * alone, so a resumed run replays exactly the batches of an uninterrupted one.
 *
 * @param name      the experiment's name, for messages
 * @param examples  training examples, at least one batch
 * @param batch     examples per step
 * @param steps     steps in all
 * @param orderSeed epoch {@code e} is shuffled by {@code Rng.seeded(orderSeed + e)}
 * @param rate      the learning rate of each step
 * @param logEvery  steps between logged losses (the last step is always logged)
 * @param advice    what to try after a non-finite loss, e.g. {@code "try a smaller lr (now 0.1)"}
 */
public record ClassifierTraining(String name, int examples, int batch, long steps, long orderSeed,
                                 LearningRateSchedule rate, int logEvery, String advice) {

    /** One minibatch: inputs and their class labels. */
    public record Batch(Tensor inputs, int[] labels) {
    }

    /**
     * Makes step {@code step}'s minibatch of the examples {@code order[from .. to - 1]}, inside the step's
     * arena scope; any randomness it uses must be a pure function of {@code step}.
     */
    @FunctionalInterface
    public interface Batches {
        Batch take(int[] order, int from, int to, long step);
    }

    /**
     * One minibatch's forward and backward passes: accumulates the gradients of the loss into the
     * parameters (zeroed before) and returns the loss. By default the model's forward and softmax
     * cross-entropy; a pipeline computes it micro-batch by micro-batch across its stages instead.
     */
    @FunctionalInterface
    public interface Gradients {
        float lossAndGradients(Batch batch);
    }

    /** Runs after each step's logging and before its checkpoint: an evaluation at an epoch's end, say. */
    @FunctionalInterface
    public interface AfterStep {
        void after(long done) throws IOException;
    }

    public ClassifierTraining {
        checkSizes(name, examples, batch);
        if (logEvery < 1 || steps < 0 || rate == null) {
            throw new IllegalArgumentException(name + ": need logEvery >= 1, steps >= 0 and a rate");
        }
    }

    /**
     * A run of {@code epochs} passes of {@code examples / batch} steps, its learning rate made by
     * {@code rate} for that many steps per epoch (after the sizes are checked, so a too-small data set
     * is reported as such, not as a schedule with milestones at step 0).
     */
    public static ClassifierTraining ofEpochs(String name, int examples, int batch, int epochs, long orderSeed,
                                              LongFunction<LearningRateSchedule> rate, int logEvery, String advice) {
        checkSizes(name, examples, batch);
        long perEpoch = examples / batch;
        return new ClassifierTraining(name, examples, batch, perEpoch * epochs, orderSeed, rate.apply(perEpoch),
                logEvery, advice);
    }

    private static void checkSizes(String name, int examples, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException(name + ": batch must be positive, got " + batch);
        }
        if (examples < batch) {
            throw new IllegalArgumentException(name + ": " + examples + " training examples is less than one batch"
                    + " of " + batch);
        }
    }

    /** Full batches in one pass over the examples (the remainder is left out of that epoch). */
    public int stepsPerEpoch() {
        return examples / batch;
    }

    /**
     * Trains {@code model} from the resumed checkpoint's step (or 0) to {@code steps}, saving {@code config}
     * with each checkpoint. Empty when every step is done; else the result of a run stopped at a checkpoint.
     */
    public <M extends Module & Layer> Optional<RunResult> run(M model, Optimizer optimizer, Object config,
                                                              RunContext ctx, Batches batches, AfterStep after)
            throws IOException {
        return run(model, optimizer, config, ctx, batches, b -> {
            Tensor loss = CrossEntropy.crossEntropy(model.forward(b.inputs()), b.labels());
            loss.backward();
            return loss.item();
        }, after);
    }

    /**
     * As {@link #run(Module, Optimizer, Object, RunContext, Batches, AfterStep)}, with each step's loss and
     * gradients computed by {@code gradients}.
     */
    public Optional<RunResult> run(Module model, Optimizer optimizer, Object config, RunContext ctx, Batches batches,
                                   Gradients gradients, AfterStep after) throws IOException {
        long start = 0;
        if (ctx.resumeFrom().isPresent()) {
            TrainingState.restore(ctx.resumeFrom().get(), model, optimizer);
            start = ctx.resumeFrom().get().step();
        }
        int perEpoch = stepsPerEpoch();
        int[] order = null;
        long orderEpoch = -1;
        StepArena arena = new StepArena();  // each step reuses the arrays of the one before
        model.train();
        for (long step = start; step < steps; step++) {
            long epoch = step / perEpoch;
            if (epoch != orderEpoch) {
                order = Shuffle.permutation(examples, Rng.seeded(orderSeed + epoch));
                orderEpoch = epoch;
            }
            int from = (int) (step % perEpoch) * batch;
            double lr = rate.at(step);
            optimizer.setLearningRate(lr);
            float l;
            try (StepArena.Scope s = arena.open()) {
                Batch b = batches.take(order, from, from + batch, step);
                optimizer.zeroGrad();
                l = gradients.lossAndGradients(b);
                optimizer.step();
            }
            long done = step + 1;
            if (!Float.isFinite(l)) {
                throw new IllegalStateException(name + ": the training loss became " + l + " at step " + done
                        + " (epoch " + (epoch + 1) + "); the weights before this step are in the last checkpoint; "
                        + advice);
            }
            ctx.progress(done, steps, l);
            if (done % logEvery == 0 || done == steps) {
                ctx.log(done, "train/loss", l);
                ctx.log(done, "lr", lr);
            }
            after.after(done);
            if (done < steps && ctx.checkpointDue(done)) {
                save(done, model, optimizer, config, ctx);
                if (ctx.stopRequested()) {
                    return Optional.of(RunResult.interrupted(done));
                }
            }
        }
        return Optional.empty();
    }

    /** The checkpoint of a finished run: the weights and optimizer after the last step, and {@code config}. */
    public void saveFinal(Module model, Optimizer optimizer, Object config, RunContext ctx) throws IOException {
        save(steps, model, optimizer, config, ctx);
    }

    private static void save(long step, Module model, Optimizer optimizer, Object config, RunContext ctx)
            throws IOException {
        ctx.saveCheckpoint(TrainingState.capture(step, model, optimizer, Map.of(),
                new ObjectMapper().valueToTree(config)));
    }
}
