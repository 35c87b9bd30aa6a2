package dev.thirty.kernels;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The threads kernels split their work across, bound per scope rather than fixed globally.
 *
 * <p>{@link #current()} is the pool bound by the innermost {@link #run}/{@link #call} on this
 * thread, else the shared default pool sized by {@code THIRTY_THREADS} (or the system property
 * {@code thirty.threads}), else all available processors. A GPipe stage binds its own pool so its
 * kernels run on its own threads while another stage runs on others.
 *
 * <p>{@link #parallelFor} splits {@code count} independent tasks into contiguous chunks, one per
 * thread, by index alone. Kernels make each task write its own part of the output, so results
 * never depend on scheduling: for a fixed thread count, runs are bit-for-bit reproducible.
 */
public final class ComputePool implements AutoCloseable {

    private static final ScopedValue<ComputePool> CURRENT = ScopedValue.newInstance();
    private static final AtomicReference<ComputePool> DEFAULT = new AtomicReference<>();
    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final int threads;
    private final ExecutorService workers;

    private ComputePool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        this.threads = threads;
        int id = POOL_IDS.incrementAndGet();
        this.workers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, factory(id));
    }

    /** A new pool of {@code threads} threads (the calling thread counts as one of them). */
    public static ComputePool ofThreads(int threads) {
        return new ComputePool(threads);
    }

    /** The pool bound to the current scope, or the shared default pool. */
    public static ComputePool current() {
        return CURRENT.isBound() ? CURRENT.get() : defaultPool();
    }

    /** The shared pool used where no scope binds one. */
    public static ComputePool defaultPool() {
        ComputePool pool = DEFAULT.get();
        if (pool == null) {
            ComputePool fresh = new ComputePool(configuredThreads());
            pool = DEFAULT.compareAndExchange(null, fresh);
            if (pool == null) {
                pool = fresh;
            } else {
                fresh.close();
            }
        }
        return pool;
    }

    /**
     * The thread count from {@code -Dthirty.threads}, then {@code THIRTY_THREADS}, else all
     * available processors.
     *
     * @throws IllegalArgumentException when the setting is not a positive integer
     */
    public static int configuredThreads() {
        String raw = System.getProperty("thirty.threads");
        String source = "thirty.threads";
        if (raw == null || raw.isBlank()) {
            raw = System.getenv("THIRTY_THREADS");
            source = "THIRTY_THREADS";
        }
        if (raw == null || raw.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException(source + " must be a positive integer, got '" + raw + "'");
    }

    /** Runs {@code body} with this pool bound as {@link #current()}. */
    public void run(Runnable body) {
        ScopedValue.where(CURRENT, this).run(body);
    }

    /** Calls {@code body} with this pool bound as {@link #current()}. */
    public <T> T call(Supplier<T> body) {
        return ScopedValue.where(CURRENT, this).call(body::get);
    }

    public int threads() {
        return threads;
    }

    /** The pool whose chunk 0 the current (calling, non-worker) thread is running, if any. */
    private static final ThreadLocal<ComputePool> CALLER_IN = new ThreadLocal<>();

    /**
     * Runs {@code task.accept(i)} for every {@code i} in {@code [0, count)}. Chunk {@code t} of
     * {@code threads()} gets the indices {@code [t*count/threads, (t+1)*count/threads)}; the calling
     * thread runs chunk 0. Called from inside one of this pool's own tasks (chunk 0 included), it runs
     * serially.
     * Inside every task, on whichever thread, {@link #current()} is this pool.
     */
    public void parallelFor(int count, IntConsumer task) {
        // Without CALLER_IN, a loop nested in chunk 0 (say a GEMM inside a convolution split over images)
        // would hand its chunks to workers still busy with their own outer chunks, and wait for them.
        int chunks = Math.min(threads, count);
        if (chunks <= 1 || Thread.currentThread() instanceof Worker w && w.pool == this || CALLER_IN.get() == this) {
            runRange(0, count, task);
            return;
        }
        CountDownLatch done = new CountDownLatch(chunks - 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 1; t < chunks; t++) {
            int from = (int) ((long) t * count / chunks);
            int to = (int) ((long) (t + 1) * count / chunks);
            workers.execute(() -> {
                try {
                    runRange(from, to, task);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            });
        }
        int firstEnd = (int) ((long) count / chunks);
        ComputePool outer = CALLER_IN.get();
        CALLER_IN.set(this);          // the caller's chunk is one of this pool's tasks too: nested loops run serially
        try {
            runRange(0, firstEnd, task);
        } finally {
            CALLER_IN.set(outer);
            awaitUninterruptibly(done);
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        } else if (e instanceof Error err) {
            throw err;
        } else if (e != null) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs tasks {@code [from, to)} with this pool bound, so kernels called by a task see it. */
    private void runRange(int from, int to, IntConsumer task) {
        ScopedValue.where(CURRENT, this).run(() -> {
            for (int i = from; i < to; i++) {
                task.accept(i);
            }
        });
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdown();
        }
    }

    @Override
    public String toString() {
        return "ComputePool[" + threads + " threads]";
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private ThreadFactory factory(int id) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Worker w = new Worker(this, r, "thirty-compute-" + id + "-" + n.incrementAndGet());
            w.setDaemon(true);
            return w;
        };
    }

    private static final class Worker extends Thread {
        private final ComputePool pool;

        Worker(ComputePool pool, Runnable r, String name) {
            super(r, name);
            this.pool = pool;
        }
    }
}
