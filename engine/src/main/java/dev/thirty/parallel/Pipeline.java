package dev.thirty.parallel;

import dev.thirty.kernels.ComputePool;
import dev.thirty.nn.Sequential;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GPipe (Huang et al., 2019): a sequential model cut into K stages of consecutive layers, each
 * mini-batch cut into M micro-batches, the stages working on different micro-batches at once.
 *
 * <p>One {@link #step} runs the schedule of the paper's Figure 2 (torchgpipe's clock cycles). Every
 * stage has a thread of its own and a {@link ComputePool} of {@link Builder#threadsPerStage} threads
 * for its kernels. Stage k runs the forward pass of micro-batch 0, 1, ..., M−1 as each arrives from
 * stage k−1, handing its output on to stage k+1; then the backward passes in reverse order, each as
 * its output gradient arrives from stage k+1, handing the gradient of its input back to stage k−1.
 * The last stage computes each micro-batch's loss and starts that micro-batch's backward itself.
 * Stages share no mutable tensor: an activation or gradient crosses a stage boundary as a copy,
 * through a bounded queue. Each parameter belongs to one stage, so its gradient is only ever added
 * to by that stage's thread, micro-batch after micro-batch in the order above; no step's result
 * depends on timing. {@link #stepSequentially} runs the same boxes one after another on the calling
 * thread, and gives the same gradients to the bit.
 *
 * <p>Gradients accumulate over the micro-batches (added to whatever the parameters held, so the
 * caller zeroes them before and runs its optimizer once after: one synchronous update per
 * mini-batch). Each micro-batch's loss is the mean over its rows, weighted by its share of the
 * mini-batch, so the sum is the mini-batch's mean loss and the gradient is the undivided batch's up
 * to float rounding. The rows are split as evenly as possible (sizes differ by at most one), unlike
 * {@code torch.chunk}, which can give fewer or very uneven chunks.
 *
 * <p>Re-materialisation (§2.3; {@link Checkpointing}): a checkpointed micro-batch's forward runs
 * without recording the graph, keeping only the stage's input; when its backward comes, the stage
 * first recomputes that forward (before the gradient has even arrived, as the paper notes it can),
 * then back-propagates through it. Dropout must draw the same masks twice: the pipeline saves each
 * stage's {@link Rng} states before a checkpointed forward and restores them for the recomputation
 * (torchgpipe's {@code save_rng_states}), then leaves them where the plain forward passes left them.
 *
 * <p>What it refuses, with a message naming the layer: a parameter shared by two stages; a
 * generator shared by dropout layers of two stages (their threads would race on it); a generator
 * that is not an {@link Rng} when micro-batches are recomputed; and layers with running statistics
 * (batch norm) when M &gt; 1 or anything is recomputed, since their statistics would be those of
 * micro-batches, updated once per micro-batch and again by every recomputation. torchgpipe's
 * deferred batch norm is not built. Stages do not use a {@link dev.thirty.tensor.StepArena}: an arena
 * keeps every array until the step ends, which would undo what re-materialisation frees.
 *
 * <p>When a stage throws, the others stop at their next hand-off, the step's gradients are zeroed,
 * the generators are put back as before the step, and a {@link PipelineException} names the stage,
 * the micro-batch and the phase.
 */
public final class Pipeline implements AutoCloseable {

    /** The loss of one micro-batch. */
    @FunctionalInterface
    public interface MicroBatchLoss {

        /**
         * The mean loss over rows {@code [from, to)} of the mini-batch, as a one-element tensor, from
         * the last stage's output for those rows ({@code output} has {@code to - from} rows).
         */
        Tensor loss(Tensor output, int from, int to);
    }

    /**
     * What one step did.
     *
     * @param loss the mini-batch's loss: the micro-batches' losses weighted by their share of the rows
     * @param microBatchLosses each micro-batch's mean loss
     * @param timeline every stage's forward, recompute and backward boxes, in nanoseconds from the step's start
     * @param peakActivationBytes the most bytes of activation tensors held at once by all stages together:
     *     the tensors of every recorded graph (stage inputs included, parameters not) plus the
     *     boundary inputs kept for recomputation
     * @param stagePeakBytes the same, stage by stage
     */
    public record StepResult(double loss, float[] microBatchLosses, Timeline timeline, long peakActivationBytes,
            long[] stagePeakBytes) {
    }

    private final Sequential model;
    private final int[] balance;
    private final int microBatches;
    private final Checkpointing checkpointing;
    private final int threadsPerStage;
    private final PipelineStage[] stages;
    private final List<Rng> allGenerators;
    private ExecutorService executor;
    private boolean closed;

    private Pipeline(Builder b) {
        this.model = b.model;
        this.balance = b.balance.clone();
        this.microBatches = b.microBatches;
        this.checkpointing = b.checkpointing;
        this.threadsPerStage = b.threadsPerStage;
        Balance.check(balance, model.size());
        this.stages = new PipelineStage[balance.length];
        int first = 0;
        for (int k = 0; k < stages.length; k++) {
            stages[k] = new PipelineStage(model, k, stages.length, first, first + balance[k], microBatches,
                    checkpointing, threadsPerStage);
            first += balance[k];
        }
        PipelineChecks.parameters(model, stages);
        PipelineChecks.generators(model, stages, checkpointing);
        PipelineChecks.runningStatistics(model, microBatches, checkpointing);
        List<Rng> all = new ArrayList<>();
        for (PipelineStage s : stages) {
            all.addAll(s.generators);
        }
        this.allGenerators = List.copyOf(all);
    }

    /** A pipeline over {@code model}; set its balance, then build. */
    public static Builder builder(Sequential model) {
        return new Builder(model);
    }

    /** The settings of a pipeline. */
    public static final class Builder {

        private final Sequential model;
        private int[] balance;
        private int microBatches = 1;
        private Checkpointing checkpointing = Checkpointing.EXCEPT_LAST;
        private int threadsPerStage = 1;

        private Builder(Sequential model) {
            if (model == null || model.size() == 0) {
                throw new IllegalArgumentException("pipeline: the model must be a non-empty Sequential");
            }
            this.model = model;
        }

        /** Layers per stage, in order ({@link Balance}); required. */
        public Builder balance(int... layersPerStage) {
            this.balance = layersPerStage.clone();
            return this;
        }

        /** M, the number of micro-batches each mini-batch is split into (default 1). */
        public Builder microBatches(int m) {
            if (m < 1) {
                throw new IllegalArgumentException("pipeline: micro-batches must be at least 1, got " + m);
            }
            this.microBatches = m;
            return this;
        }

        /** Which micro-batches are re-materialised (default {@link Checkpointing#EXCEPT_LAST}, as torchgpipe). */
        public Builder checkpointing(Checkpointing c) {
            if (c == null) {
                throw new IllegalArgumentException("pipeline: checkpointing must be given");
            }
            this.checkpointing = c;
            return this;
        }

        /** Threads of each stage's compute pool (default 1). */
        public Builder threadsPerStage(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("pipeline: threads per stage must be at least 1, got " + threads);
            }
            this.threadsPerStage = threads;
            return this;
        }

        /**
         * @throws IllegalArgumentException when the balance is missing or does not fit the model, or the
         *     model has something pipelining cannot handle (see {@link Pipeline})
         */
        public Pipeline build() {
            if (balance == null) {
                throw new IllegalArgumentException("pipeline: give a balance (layers per stage), e.g. from Balance.byTime");
            }
            return new Pipeline(this);
        }
    }

    public int stages() {
        return stages.length;
    }

    public int microBatches() {
        return microBatches;
    }

    public Checkpointing checkpointing() {
        return checkpointing;
    }

    public int threadsPerStage() {
        return threadsPerStage;
    }

    /** Layers per stage. */
    public int[] balance() {
        return balance.clone();
    }

    /** The names of stage {@code k}'s layers, in order. */
    public List<String> stageLayers(int k) {
        return Collections.unmodifiableList(model.names().subList(stages[k].from, stages[k].to));
    }

    /** The model this pipeline runs. */
    public Sequential model() {
        return model;
    }

    /** Runs one pipelined step, stages on their own threads; see the class comment. */
    public StepResult step(Tensor input, MicroBatchLoss loss) {
        return run(input, loss, true);
    }

    /**
     * The same step with the same boxes in a fixed order on the calling thread (all forwards, then
     * all backwards, micro-batch by micro-batch), each stage's kernels still in that stage's pool:
     * the reference the threaded schedule must match bit for bit.
     */
    public StepResult stepSequentially(Tensor input, MicroBatchLoss loss) {
        return run(input, loss, false);
    }

    // ---- one step ------------------------------------------------------------------------------

    private StepResult run(Tensor input, MicroBatchLoss lossFn, boolean threaded) {
        if (closed) {
            throw new IllegalStateException("pipeline: used after close()");
        }
        if (input == null || lossFn == null) {
            throw new IllegalArgumentException("pipeline: step needs an input and a loss");
        }
        if (input.rank() < 1 || input.dim(0) < microBatches) {
            throw new IllegalArgumentException("pipeline: a mini-batch of shape " + input.shape() + " cannot be split into "
                    + microBatches + " micro-batches along its first axis");
        }
        for (PipelineStage s : stages) {
            s.clear();
        }
        long[][] before = Generators.states(allGenerators);
        StepState st = new StepState(input, lossFn, microBatches);
        try {
            if (threaded) {
                StageThreads.run(stages, st, microBatches, executor());
            } else {
                runInOrder(st);
            }
        } catch (PipelineException e) {
            model.zeroGrad();
            Generators.restore(allGenerators, before);
            throw e;
        } finally {
            for (PipelineStage s : stages) {
                s.release();
            }
        }
        double total = 0;
        for (int m = 0; m < microBatches; m++) {
            total += (double) st.weight(m) * st.losses[m];
        }
        List<Timeline.Event> events = new ArrayList<>();
        long[] stagePeaks = new long[stages.length];
        for (PipelineStage s : stages) {
            events.addAll(s.events);
            stagePeaks[s.index] = s.peak;
        }
        return new StepResult(total, st.losses.clone(), new Timeline(stages.length, microBatches, events),
                st.peak.get(), stagePeaks);
    }

    private void runInOrder(StepState st) {
        float[][] handed = new float[microBatches][];
        int[][] shapes = new int[microBatches][];
        for (int m = 0; m < microBatches; m++) {
            for (PipelineStage s : stages) {
                int mb = m;
                float[] data = handed[m];
                int[] shape = shapes[m];
                PipelineStage.Message out = s.pool.call(() -> s.forwardBox(st, mb, data, shape));
                if (out != null) {
                    handed[m] = out.data();
                    shapes[m] = out.shape();
                }
            }
        }
        for (PipelineStage s : stages) {
            s.afterForwards();
        }
        for (int m = microBatches - 1; m >= 0; m--) {
            float[] grad = null;
            for (int k = stages.length - 1; k >= 0; k--) {
                PipelineStage s = stages[k];
                int mb = m;
                float[] g = grad;
                PipelineStage.Message back = s.pool.call(() -> s.backwardBox(st, mb, g));
                grad = back == null ? null : back.data();
            }
        }
        for (PipelineStage s : stages) {
            s.afterBackwards();
        }
    }

    private synchronized ExecutorService executor() {
        if (executor == null) {
            AtomicInteger n = new AtomicInteger();
            executor = Executors.newFixedThreadPool(stages.length, r -> {
                Thread t = new Thread(r, "thirty-pipeline-" + n.getAndIncrement());
                t.setDaemon(true);
                return t;
            });
        }
        return executor;
    }

    /** Stops the stage threads and pools. */
    @Override
    public synchronized void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
        }
        for (PipelineStage s : stages) {
            s.pool.close();
        }
    }

    /**
     * Bytes of the distinct storage arrays of every tensor in the graph below {@code root},
     * parameters excepted: the activations a recorded forward keeps alive for its backward.
     */
    public static long activationBytes(Tensor root) {
        Map<float[], Boolean> seen = new IdentityHashMap<>();
        Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        ArrayDeque<Tensor> todo = new ArrayDeque<>();
        todo.push(root);
        long sum = 0;
        while (!todo.isEmpty()) {
            Tensor t = todo.pop();
            if (visited.put(t, Boolean.TRUE) != null) {
                continue;
            }
            if (!(t instanceof Parameter) && seen.put(t.data(), Boolean.TRUE) == null) {
                sum += 4L * t.size();
            }
            if (t.node() != null) {
                for (Tensor in : t.node().inputs()) {
                    todo.push(in);
                }
            }
        }
        return sum;
    }
}
