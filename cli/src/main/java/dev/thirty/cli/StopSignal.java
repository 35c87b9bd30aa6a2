package dev.thirty.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C (SIGINT, SIGTERM) into a request the training loop sees at its next step: the
 * shutdown hook raises the flag, then holds the JVM open until the run has saved its checkpoint
 * and result (at most {@value #GRACE_SECONDS} s), so an interrupted run resumes where it stopped.
 */
final class StopSignal implements AutoCloseable {

    static final int GRACE_SECONDS = 120;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    StopSignal() {
        hook = new Thread(() -> {
            requested.set(true);
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "thirty-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean requested() {
        return requested.get();
    }

    /** Called when the run has saved what it must: lets a pending shutdown proceed. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already shutting down: the hook is running and will now return
        }
    }
}
