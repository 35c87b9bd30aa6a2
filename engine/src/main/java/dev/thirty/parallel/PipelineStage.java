package dev.thirty.parallel;

import dev.thirty.autograd.Backprop;
import dev.thirty.autograd.GradMode;
import dev.thirty.kernels.ComputePool;
import dev.thirty.nn.Layer;
import dev.thirty.nn.Sequential;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * One stage of a {@link Pipeline}: its layers, its compute pool, its dropout generators, and what it
 * keeps of each micro-batch between the forward and the backward pass. Its boxes (forward,
 * recompute, backward) are the same code whether the stage runs on its own thread ({@link #runAll})
 * or the pipeline calls them in order, so the two give the same bits.
 */
final class PipelineStage {
    /** An activation or gradient crossing a stage boundary: a copy, owned by its receiver. */
    record Message(int microBatch, float[] data, int[] shape) {
    }

    /** A stage's failure, already described, on its way out of the stage's loop. */
    static final class Failure extends RuntimeException {
        final PipelineException exception;

        Failure(PipelineException exception) {
            super(exception.getMessage(), null, false, false);
            this.exception = exception;
        }
    }

    final int index;
    final int from;
    final int to;
    private final boolean last;
    private final String layerNames;
    private final int microBatches;
    private final Checkpointing checkpointing;
    private final List<Layer> layers = new ArrayList<>();
    final List<Rng> generators;
    final ComputePool pool;
    // per step
    private final Tensor[] inputs;
    private final Tensor[] roots;
    private final long[] held;
    private final long[][][] rngBefore;
    long[][] rngAfter;
    final List<Timeline.Event> events = new ArrayList<>();
    long live;
    long peak;

    /** Stage {@code index} of {@code stages}: layers {@code [from, to)} of {@code model}. */
    PipelineStage(Sequential model, int index, int stages, int from, int to, int microBatches,
            Checkpointing checkpointing, int threads) {
        this.index = index;
        this.from = from;
        this.to = to;
        this.last = index == stages - 1;
        this.microBatches = microBatches;
        this.checkpointing = checkpointing;
        List<String> names = model.names().subList(from, to);
        this.layerNames = names.size() == 1 ? "layer " + names.get(0)
                : "layers " + names.get(0) + ".." + names.get(names.size() - 1);
        List<Rng> gens = new ArrayList<>();
        for (int i = from; i < to; i++) {
            layers.add((Layer) model.get(i));
            Generators.of(model.get(i)).stream().filter(r -> gens.stream().noneMatch(x -> x == r))
                    .forEach(gens::add);
        }
        this.generators = List.copyOf(gens);
        this.inputs = new Tensor[microBatches];
        this.roots = new Tensor[microBatches];
        this.held = new long[microBatches];
        this.rngBefore = new long[microBatches][][];
        this.pool = ComputePool.ofThreads(threads);
    }

    private boolean last() {
        return last;
    }

    PipelineException fail(int m, String phase, Throwable t) {
        return new PipelineException(index, layerNames, m, phase, t);
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

    private Tensor apply(Tensor x) {
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
        } catch (Failure f) {
            throw f;
        } catch (Throwable t) {
            throw new Failure(fail(Math.max(0, Math.min(m, microBatches - 1)), phase, t));
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
                rngBefore[m] = Generators.states(generators);
                Tensor y = GradMode.noGrad(() -> apply(x));
                if (last()) {
                    st.losses[m] = lossValue(GradMode.noGrad(() -> st.lossFn.loss(y, st.from[m], st.from[m + 1])), m);
                    out = null;
                } else {
                    out = new Message(m, y.toArray(), y.shape().dims());
                }
                held[m] = 4L * x.size();
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
                held[m] = Pipeline.activationBytes(roots[m]);
            }
            st.hold(this, held[m]);
            return out;
        } catch (Failure f) {
            throw f;
        } catch (RuntimeException | Error e) {
            throw new Failure(fail(m, "forward", e));
        } finally {
            events.add(new Timeline.Event(index, m, Timeline.Kind.FORWARD, t0, Math.max(t0, st.now())));
        }
    }

    private float lossValue(Tensor loss, int m) {
        if (loss == null || loss.size() != 1) {
            throw new Failure(fail(m, "loss", new IllegalArgumentException(
                    "the loss must be a one-element tensor, got " + (loss == null ? "null" : loss.shape()))));
        }
        return loss.item();
    }

    void afterForwards() {
        rngAfter = Generators.states(generators);
    }

    void afterBackwards() {
        Generators.restore(generators, rngAfter);
    }

    /** Recomputes a checkpointed micro-batch's forward with the graph recorded, before its gradient comes. */
    void recomputeBox(StepState st, int m) {
        if (!checkpointing.checkpoints(m, microBatches)) {
            return;
        }
        long t0 = st.now();
        try {
            Generators.restore(generators, rngBefore[m]);
            Tensor y = apply(inputs[m]);
            roots[m] = last() ? st.lossFn.loss(y, st.from[m], st.from[m + 1]) : y;
            long extra = Pipeline.activationBytes(roots[m]) - held[m];
            st.hold(this, extra);
            held[m] += extra;
        } catch (Failure f) {
            throw f;
        } catch (RuntimeException | Error e) {
            throw new Failure(fail(m, "recompute", e));
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
            st.hold(this, -held[m]);
            held[m] = 0;
            roots[m] = null;
            inputs[m] = null;
            return back;
        } catch (Failure f) {
            throw f;
        } catch (RuntimeException | Error e) {
            throw new Failure(fail(m, "backward", e));
        } finally {
            events.add(new Timeline.Event(index, m, Timeline.Kind.BACKWARD, t0, Math.max(t0, st.now())));
        }
    }
}
