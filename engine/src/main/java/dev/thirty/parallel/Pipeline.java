package dev.thirty.parallel;

import dev.thirty.autograd.Backprop;
import dev.thirty.autograd.GradMode;
import dev.thirty.kernels.ComputePool;
import dev.thirty.nn.Layer;
import dev.thirty.nn.Module;
import dev.thirty.nn.Sequential;
import dev.thirty.nn.Stochastic;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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
    private final Stage[] stages;
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
        this.stages = new Stage[balance.length];
        int first = 0;
        for (int k = 0; k < stages.length; k++) {
            stages[k] = new Stage(k, first, first + balance[k]);
            first += balance[k];
        }
        checkParameters();
        this.allGenerators = checkGenerators();
        checkRunningStatistics();
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
        for (Stage s : stages) {
            s.clear();
        }
        long[][] before = states(allGenerators);
        StepState st = new StepState(input, lossFn);
        try {
            if (threaded) {
                runThreaded(st);
            } else {
                runInOrder(st);
            }
        } catch (PipelineException e) {
            model.zeroGrad();
            restore(allGenerators, before);
            throw e;
        } finally {
            for (Stage s : stages) {
                s.release();
            }
        }
        double total = 0;
        for (int m = 0; m < microBatches; m++) {
            total += (double) st.weight(m) * st.losses[m];
        }
        List<Timeline.Event> events = new ArrayList<>();
        long[] stagePeaks = new long[stages.length];
        for (Stage s : stages) {
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
            for (Stage s : stages) {
                int mb = m;
                float[] data = handed[m];
                int[] shape = shapes[m];
                Message out = s.pool.call(() -> s.forwardBox(st, mb, data, shape));
                if (out != null) {
                    handed[m] = out.data();
                    shapes[m] = out.shape();
                }
            }
        }
        for (Stage s : stages) {
            s.afterForwards();
        }
        for (int m = microBatches - 1; m >= 0; m--) {
            float[] grad = null;
            for (int k = stages.length - 1; k >= 0; k--) {
                Stage s = stages[k];
                int mb = m;
                float[] g = grad;
                Message back = s.pool.call(() -> s.backwardBox(st, mb, g));
                grad = back == null ? null : back.data();
            }
        }
        for (Stage s : stages) {
            s.afterBackwards();
        }
    }

    private void runThreaded(StepState st) {
        int k = stages.length;
        List<BlockingQueue<Message>> forward = new ArrayList<>();
        List<BlockingQueue<Message>> backward = new ArrayList<>();
        for (int i = 0; i + 1 < k; i++) {
            forward.add(new ArrayBlockingQueue<>(microBatches));
            backward.add(new ArrayBlockingQueue<>(microBatches));
        }
        CountDownLatch done = new CountDownLatch(k);
        AtomicReference<PipelineException> failure = new AtomicReference<>();
        Abort abort = new Abort(k);
        ExecutorService ex = executor();
        for (Stage s : stages) {
            ex.execute(() -> {
                try {
                    if (abort.enter(s.index)) {
                        s.pool.run(() -> s.runAll(st, s.index == 0 ? null : forward.get(s.index - 1),
                                s.index == k - 1 ? null : forward.get(s.index),
                                s.index == k - 1 ? null : backward.get(s.index),
                                s.index == 0 ? null : backward.get(s.index - 1)));
                    }
                } catch (StageFailure f) {
                    if (failure.compareAndSet(null, f.exception)) {
                        abort.stopAll();
                    }
                } catch (Throwable t) {
                    if (failure.compareAndSet(null, s.fail(-1, "setup", t))) {
                        abort.stopAll();
                    }
                } finally {
                    abort.leave(s.index);
                    done.countDown();
                }
            });
        }
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                failure.compareAndSet(null, new PipelineException("pipeline: the step was interrupted", e));
                abort.stopAll();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        PipelineException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    /**
     * Stopping a step: once {@link #stopAll} has run, stages that have not started do not, and those
     * running are interrupted, so the next hand-off they wait on throws. A stage clears its own
     * interrupt as it leaves, so its pool thread starts the next step clean.
     */
    private static final class Abort {
        private final Thread[] running;
        private boolean stopped;

        Abort(int stages) {
            running = new Thread[stages];
        }

        synchronized boolean enter(int stage) {
            if (stopped) {
                return false;
            }
            running[stage] = Thread.currentThread();
            return true;
        }

        synchronized void leave(int stage) {
            running[stage] = null;
            Thread.interrupted();
        }

        synchronized void stopAll() {
            stopped = true;
            for (Thread t : running) {
                if (t != null && t != Thread.currentThread()) {
                    t.interrupt();
                }
            }
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
        for (Stage s : stages) {
            s.pool.close();
        }
    }

    // ---- the step's shared facts ----------------------------------------------------------------

    /** An activation or gradient crossing a stage boundary: a copy, owned by its receiver. */
    private record Message(int microBatch, float[] data, int[] shape) {
    }

    private final class StepState {
        final Tensor input;
        final MicroBatchLoss lossFn;
        final int[] from = new int[microBatches + 1];
        final float[] losses = new float[microBatches];
        final long start = System.nanoTime();
        final AtomicLong live = new AtomicLong();
        final AtomicLong peak = new AtomicLong();

        StepState(Tensor input, MicroBatchLoss lossFn) {
            this.input = input;
            this.lossFn = lossFn;
            int n = input.dim(0);
            for (int m = 0; m <= microBatches; m++) {
                from[m] = (int) ((long) m * n / microBatches);
            }
        }

        float weight(int m) {
            return (float) (from[m + 1] - from[m]) / input.dim(0);
        }

        void hold(Stage s, long bytes) {
            long now = live.addAndGet(bytes);
            peak.accumulateAndGet(now, Math::max);
            s.live += bytes;
            s.peak = Math.max(s.peak, s.live);
        }

        void release(Stage s, long bytes) {
            live.addAndGet(-bytes);
            s.live -= bytes;
        }

        long now() {
            return System.nanoTime() - start;
        }
    }

    /** A stage's failure, already described, on its way out of the stage's loop. */
    private static final class StageFailure extends RuntimeException {
        final PipelineException exception;

        StageFailure(PipelineException exception) {
            super(exception.getMessage(), null, false, false);
            this.exception = exception;
        }
    }

    // ---- a stage ---------------------------------------------------------------------------------

    private final class Stage {
        final int index;
        final int from;
        final int to;
        final List<Layer> layers = new ArrayList<>();
        final List<Rng> generators = new ArrayList<>();
        final ComputePool pool;
        // per step
        final Tensor[] inputs = new Tensor[microBatches];
        final Tensor[] roots = new Tensor[microBatches];
        final long[] held = new long[microBatches];
        final long[][][] rngBefore = new long[microBatches][][];
        long[][] rngAfter;
        final List<Timeline.Event> events = new ArrayList<>();
        long live;
        long peak;

        Stage(int index, int from, int to) {
            this.index = index;
            this.from = from;
            this.to = to;
            for (int i = from; i < to; i++) {
                layers.add((Layer) model.get(i));
            }
            this.pool = ComputePool.ofThreads(threadsPerStage);
        }

        boolean last() {
            return index == stages.length - 1;
        }

        String describe() {
            List<String> names = model.names().subList(from, to);
            return names.size() == 1 ? "layer " + names.get(0)
                    : "layers " + names.get(0) + ".." + names.get(names.size() - 1);
        }

        PipelineException fail(int m, String phase, Throwable t) {
            return new PipelineException(index, describe(), m, phase, t);
        }

        /** Drops the step's tensors (the timeline and peaks stay until the next step). */
        void release() {
            Arrays.fill(inputs, null);
            Arrays.fill(roots, null);
        }

        void clear() {
            Arrays.fill(inputs, null);
            Arrays.fill(roots, null);
            Arrays.fill(held, 0);
            Arrays.fill(rngBefore, null);
            rngAfter = null;
            events.clear();
            live = 0;
            peak = 0;
        }

        Tensor apply(Tensor x) {
            Tensor h = x;
            for (Layer l : layers) {
                h = l.forward(h);
            }
            return h;
        }

        /** The whole step of this stage, talking to its neighbours through the queues. */
        void runAll(StepState st, BlockingQueue<Message> fromPrev, BlockingQueue<Message> toNext,
                BlockingQueue<Message> fromNext, BlockingQueue<Message> toPrev) {
            int m = 0;
            String phase = "forward";
            try {
                for (; m < microBatches; m++) {
                    Message in = fromPrev == null ? null : take(fromPrev, m);
                    Message out = forwardBox(st, m, in == null ? null : in.data(), in == null ? null : in.shape());
                    if (toNext != null) {
                        toNext.put(out);
                    }
                }
                afterForwards();
                for (m = microBatches - 1; m >= 0; m--) {
                    phase = "recompute";
                    recomputeBox(st, m);
                    phase = "backward";
                    Message grad = fromNext == null ? null : take(fromNext, m);
                    Message back = backwardOnly(st, m, grad == null ? null : grad.data());
                    if (toPrev != null) {
                        toPrev.put(back);
                    }
                }
                afterBackwards();
            } catch (StageFailure f) {
                throw f;
            } catch (Throwable t) {
                throw new StageFailure(fail(Math.max(0, Math.min(m, microBatches - 1)), phase, t));
            }
        }

        private Message take(BlockingQueue<Message> q, int m) throws InterruptedException {
            Message msg = q.take();
            if (msg.microBatch() != m) {
                throw new IllegalStateException("expected micro-batch " + m + " from the neighbouring stage, got "
                        + msg.microBatch());
            }
            return msg;
        }

        /** The forward of micro-batch {@code m}; returns what goes to the next stage (null at the last). */
        Message forwardBox(StepState st, int m, float[] data, int[] shape) {
            long t0 = st.now();
            try {
                Tensor x;
                if (index == 0) {
                    x = st.input.slice(0, st.from[m], st.from[m + 1]).detach();
                } else {
                    x = Tensor.wrap(data, Shape.of(shape)).requiringGrad();
                }
                inputs[m] = x;
                boolean again = checkpointing.checkpoints(m, microBatches);
                Message out;
                if (again) {
                    rngBefore[m] = states(generators);
                    Tensor y = GradMode.noGrad(() -> apply(x));
                    if (last()) {
                        st.losses[m] = lossValue(GradMode.noGrad(() -> st.lossFn.loss(y, st.from[m], st.from[m + 1])), m);
                        out = null;
                    } else {
                        out = new Message(m, y.toArray(), y.shape().dims());
                    }
                    held[m] = bytes(x);
                } else {
                    Tensor y = apply(x);
                    if (last()) {
                        Tensor loss = st.lossFn.loss(y, st.from[m], st.from[m + 1]);
                        st.losses[m] = lossValue(loss, m);
                        roots[m] = loss;
                        out = null;
                    } else {
                        roots[m] = y;
                        out = new Message(m, y.toArray(), y.shape().dims());
                    }
                    held[m] = activationBytes(roots[m]);
                }
                st.hold(this, held[m]);
                return out;
            } catch (StageFailure f) {
                throw f;
            } catch (RuntimeException | Error e) {
                throw new StageFailure(fail(m, "forward", e));
            } finally {
                events.add(new Timeline.Event(index, m, Timeline.Kind.FORWARD, t0, Math.max(t0, st.now())));
            }
        }

        private float lossValue(Tensor loss, int m) {
            if (loss == null || loss.size() != 1) {
                throw new StageFailure(fail(m, "loss", new IllegalArgumentException(
                        "the loss must be a one-element tensor, got " + (loss == null ? "null" : loss.shape()))));
            }
            return loss.item();
        }

        void afterForwards() {
            rngAfter = states(generators);
        }

        void afterBackwards() {
            restore(generators, rngAfter);
        }

        /** Recomputes a checkpointed micro-batch's forward with the graph recorded, before its gradient comes. */
        void recomputeBox(StepState st, int m) {
            if (!checkpointing.checkpoints(m, microBatches)) {
                return;
            }
            long t0 = st.now();
            try {
                restore(generators, rngBefore[m]);
                Tensor y = apply(inputs[m]);
                roots[m] = last() ? st.lossFn.loss(y, st.from[m], st.from[m + 1]) : y;
                long extra = activationBytes(roots[m]) - held[m];
                st.hold(this, extra);
                held[m] += extra;
            } catch (StageFailure f) {
                throw f;
            } catch (RuntimeException | Error e) {
                throw new StageFailure(fail(m, "recompute", e));
            } finally {
                events.add(new Timeline.Event(index, m, Timeline.Kind.RECOMPUTE, t0, Math.max(t0, st.now())));
            }
        }

        /** Recompute (if checkpointed) and backward of micro-batch {@code m}, for the in-order run. */
        Message backwardBox(StepState st, int m, float[] grad) {
            recomputeBox(st, m);
            return backwardOnly(st, m, grad);
        }

        /** The backward of micro-batch {@code m}; returns its input's gradient for the previous stage. */
        Message backwardOnly(StepState st, int m, float[] grad) {
            long t0 = st.now();
            try {
                Tensor root = roots[m];
                if (root.requiresGrad()) {
                    float[] seed = last() ? new float[] {st.weight(m)} : grad;
                    if (seed.length != root.size()) {
                        throw new IllegalStateException("the gradient from the next stage has " + seed.length
                                + " values for an output of shape " + root.shape());
                    }
                    Backprop.run(root, seed);
                }
                Message back = index == 0 ? null
                        : new Message(m, inputs[m].gradBuffer(), inputs[m].shape().dims());
                st.release(this, held[m]);
                held[m] = 0;
                roots[m] = null;
                inputs[m] = null;
                return back;
            } catch (StageFailure f) {
                throw f;
            } catch (RuntimeException | Error e) {
                throw new StageFailure(fail(m, "backward", e));
            } finally {
                events.add(new Timeline.Event(index, m, Timeline.Kind.BACKWARD, t0, Math.max(t0, st.now())));
            }
        }
    }

    // ---- checks made once ----------------------------------------------------------------------

    private void checkParameters() {
        Map<Parameter, String> owner = new IdentityHashMap<>();
        for (Stage s : stages) {
            for (int i = s.from; i < s.to; i++) {
                String layer = model.names().get(i);
                for (Parameter p : model.get(i).parameters()) {
                    String before = owner.putIfAbsent(p, "stage " + s.index + " (layer " + layer + ")");
                    if (before != null && !before.startsWith("stage " + s.index + " ")) {
                        throw new IllegalArgumentException("pipeline: a parameter of shape " + p.shape()
                                + " is shared by " + before + " and stage " + s.index + " (layer " + layer
                                + "); each parameter must live in one stage");
                    }
                }
            }
        }
    }

    private List<Rng> checkGenerators() {
        Map<Object, String> owner = new IdentityHashMap<>();
        List<Rng> all = new ArrayList<>();
        for (Stage s : stages) {
            for (int i = s.from; i < s.to; i++) {
                String layer = model.names().get(i);
                List<Stochastic> found = new ArrayList<>();
                model.get(i).apply(mod -> {
                    if (mod instanceof Stochastic st) {
                        found.add(st);
                    }
                });
                for (Stochastic st : found) {
                    Object g = st.generator();
                    String before = owner.putIfAbsent(g, "stage " + s.index + " (layer " + layer + ")");
                    if (before != null) {
                        if (!before.startsWith("stage " + s.index + " ")) {
                            throw new IllegalArgumentException("pipeline: layers of " + before + " and stage " + s.index
                                    + " (layer " + layer + ") draw from the same random generator, which their threads"
                                    + " would race on; give each stage's dropout a generator of its own (Rng.split())");
                        }
                        continue;
                    }
                    if (g instanceof Rng r) {
                        s.generators.add(r);
                        all.add(r);
                    } else if (checkpointing != Checkpointing.NEVER) {
                        throw new IllegalArgumentException("pipeline: layer " + layer + " draws from a "
                                + g.getClass().getSimpleName() + ", whose state cannot be saved, so a recomputed forward"
                                + " would draw different dropout masks; give it a dev.thirty.tensor.Rng or use"
                                + " checkpointing never");
                    }
                }
            }
        }
        return all;
    }

    private void checkRunningStatistics() {
        if (microBatches == 1 && checkpointing == Checkpointing.NEVER) {
            return;
        }
        for (int i = 0; i < model.size(); i++) {
            String layer = model.names().get(i);
            List<String> found = new ArrayList<>();
            model.get(i).apply(mod -> {
                if (!mod.namedBuffers().isEmpty() && found.isEmpty()) {
                    found.add(mod.getClass().getSimpleName() + " " + mod.namedBuffers().keySet());
                }
            });
            if (!found.isEmpty()) {
                throw new IllegalArgumentException("pipeline: layer " + layer + " (" + found.get(0)
                        + ") keeps running statistics across a batch; with " + microBatches + " micro-batches and"
                        + " checkpointing " + checkpointing.key() + " they would be those of micro-batches, updated"
                        + " once per micro-batch and again by each recomputation. Pipelined training refuses it"
                        + " (deferred batch norm is not built); use 1 micro-batch with checkpointing never");
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static long[][] states(List<Rng> gens) {
        long[][] out = new long[gens.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = gens.get(i).state();
        }
        return out;
    }

    private static void restore(List<Rng> gens, long[][] states) {
        if (states == null) {
            return;
        }
        for (int i = 0; i < states.length; i++) {
            gens.get(i).setState(states[i]);
        }
    }

    private static long bytes(Tensor t) {
        return 4L * t.size();
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
                sum += bytes(t);
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
