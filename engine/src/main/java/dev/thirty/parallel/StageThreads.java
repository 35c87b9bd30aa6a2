package dev.thirty.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The threaded schedule: every stage on a thread of its own, neighbours joined by bounded queues of
 * activations (forward) and gradients (backward); the first failure stops the others at their next
 * hand-off, and the step returns only when every stage has stopped.
 */
final class StageThreads {

    private StageThreads() {
    }

    /** Runs every stage of {@code st}'s step on a thread of {@code ex} and waits for all of them. */
    static void run(PipelineStage[] stages, StepState st, int microBatches, ExecutorService ex) {
        int k = stages.length;
        List<BlockingQueue<PipelineStage.Message>> forward = new ArrayList<>();
        List<BlockingQueue<PipelineStage.Message>> backward = new ArrayList<>();
        for (int i = 0; i + 1 < k; i++) {
            forward.add(new ArrayBlockingQueue<>(microBatches));
            backward.add(new ArrayBlockingQueue<>(microBatches));
        }
        CountDownLatch done = new CountDownLatch(k);
        AtomicReference<PipelineException> failure = new AtomicReference<>();
        Abort abort = new Abort(k);
        for (PipelineStage s : stages) {
            ex.execute(() -> {
                try {
                    if (abort.enter(s.index)) {
                        s.pool.run(() -> s.runAll(st, s.index == 0 ? null : forward.get(s.index - 1),
                                s.index == k - 1 ? null : forward.get(s.index),
                                s.index == k - 1 ? null : backward.get(s.index),
                                s.index == 0 ? null : backward.get(s.index - 1)));
                    }
                } catch (PipelineStage.Failure f) {
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
}
