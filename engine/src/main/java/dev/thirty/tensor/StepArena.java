package dev.thirty.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recycles the arrays that operations compute into, from one training step to the next.
 *
 * <p>A training step computes the same activations and gradients of the same sizes every time, and
 * forgets them all when it ends. Allocating them fresh each step costs more than the arithmetic of
 * many of the ops that fill them: the JVM zeroes every new array, the writes land on memory no
 * cache has seen, and the garbage collector has to sweep tens of megabytes a step. A training loop
 * that opens a scope around each step instead gets the previous step's arrays back:
 *
 * <pre>{@code
 * StepArena arena = new StepArena();
 * for (long step = 0; step < steps; step++) {
 *     try (StepArena.Scope s = arena.open()) {
 *         Tensor loss = lossOf(model, batch);
 *         loss.backward();
 *         optimizer.step();
 *         log(step, loss.item());   // read what you keep while the scope is open
 *     }
 * }
 * }</pre>
 *
 * <p>While a scope is open on a thread, ops on that thread take their result arrays from here
 * ({@link #zeroed}, {@link #toOverwrite}); elsewhere those calls are plain {@code new float[n]}.
 * Closing the scope takes every array it lent back for the next step. So <b>no tensor computed
 * inside a scope may be used after it closes</b>: read the numbers you keep ({@link Tensor#item()},
 * {@link Tensor#toArray()}) before it does. A tensor whose values came from a closed scope says so
 * when touched ({@link Tensor#data()} and the accessors built on it throw
 * {@link IllegalStateException}) rather than showing the next step's numbers. Parameters, their
 * gradients and optimizer state are never lent from here: they are created with ordinary arrays and
 * outlive every step.
 *
 * <p>The arena keeps exactly the arrays its last scope lent, and hands them out again in the order
 * they were taken, so an op whose step repeats the last gets the very array it had. Its memory is
 * one step's worth: sizes the next step does not ask for are dropped when that step ends. Steps of
 * varying shapes (batches of different lengths) still work, and reuse what matches. One scope may
 * be open per thread at a time; an arena is used by one thread (the one running the steps).
 */
public final class StepArena {

    private static final ThreadLocal<Scope> OPEN = new ThreadLocal<>();

    private final boolean poison;
    private Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private Scope current;

    /** An arena with nothing to lend yet: its first step allocates as usual. */
    public StepArena() {
        this(false);
    }

    private StepArena(boolean poison) {
        this.poison = poison;
    }

    /**
     * An arena that fills every array with NaN when its scope closes, before lending it again: for
     * tests that want to show nothing computed in a step is still read after it (a value that was
     * would turn into NaN).
     */
    public static StepArena poisoning() {
        return new StepArena(true);
    }

    /** Starts a step on this thread: until the returned scope closes, ops here reuse this arena's arrays. */
    public Scope open() {
        Scope already = OPEN.get();
        if (already != null) {
            throw new IllegalStateException("StepArena: a step scope is already open on thread '"
                    + Thread.currentThread().getName() + "'; close it before opening another");
        }
        if (current != null) {
            throw new IllegalStateException("StepArena: this arena's scope is still open on another thread");
        }
        current = new Scope(this, Thread.currentThread());
        OPEN.set(current);
        return current;
    }

    /** An array of {@code n} zeros: recycled and cleared inside an open scope, else new. */
    public static float[] zeroed(int n) {
        Scope s = OPEN.get();
        return s == null ? new float[n] : s.take(n, true);
    }

    /**
     * An array of {@code n} values for a caller that writes every one of them before anything reads
     * it: recycled as it is inside an open scope (its old values still there), else new.
     */
    public static float[] toOverwrite(int n) {
        Scope s = OPEN.get();
        return s == null ? new float[n] : s.take(n, false);
    }

    /** The scope open on this thread if it lent {@code array}; null otherwise (a plain array). */
    static Scope lenderOf(float[] array) {
        Scope s = OPEN.get();
        return s != null && s.lent.containsKey(array) ? s : null;
    }

    /** One step's loan: the arrays handed out since {@link #open()}, all returned by {@link #close()}. */
    public static final class Scope implements AutoCloseable {

        private final StepArena arena;
        private final Thread owner;
        // in the order lent, so that the next step hands each op the array it had in this one
        private final List<float[]> lentInOrder = new ArrayList<>();
        private final Map<float[], Boolean> lent = new IdentityHashMap<>();
        private boolean closed;

        private Scope(StepArena arena, Thread owner) {
            this.arena = arena;
            this.owner = owner;
        }

        private float[] take(int n, boolean zero) {
            ArrayDeque<float[]> spare = arena.free.get(n);
            float[] a = spare == null ? null : spare.poll();
            if (a == null) {
                a = new float[n];
            } else if (zero) {
                Arrays.fill(a, 0f);
            }
            lent.put(a, Boolean.TRUE);
            lentInOrder.add(a);
            return a;
        }

        /** Whether this scope has closed, so the arrays it lent belong to the next step. */
        public boolean isClosed() {
            return closed;
        }

        /** Throws if this scope has closed; {@code shape} is the shape of the tensor being read. */
        void checkOpen(Shape shape) {
            if (closed) {
                throw new IllegalStateException("a tensor of shape " + shape + " computed inside a StepArena scope was"
                        + " used after the scope closed; its storage now belongs to a later step. Read the values"
                        + " you keep (item(), toArray()) before the step ends");
            }
        }

        /** Ends the step: every array lent since {@link #open()} goes back to the arena for the next one. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("StepArena: a scope must be closed on the thread that opened it ('"
                        + owner.getName() + "')");
            }
            closed = true;
            OPEN.remove();
            Map<Integer, ArrayDeque<float[]>> next = new HashMap<>();
            for (float[] a : lentInOrder) {
                if (arena.poison) {
                    Arrays.fill(a, Float.NaN);
                }
                next.computeIfAbsent(a.length, n -> new ArrayDeque<>()).addLast(a);
            }
            lent.clear();
            lentInOrder.clear();
            arena.free = next;
            arena.current = null;
        }
    }
}
