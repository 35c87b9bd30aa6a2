package dev.thirty.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

class ComputePoolTest {

    @Test
    void parallelForRunsEveryIndexExactlyOnce() {
        for (int threads : new int[] {1, 2, 3, 5}) {
            try (ComputePool pool = ComputePool.ofThreads(threads)) {
                for (int count : new int[] {0, 1, 2, 3, 7, 100}) {
                    AtomicIntegerArray hits = new AtomicIntegerArray(count);
                    pool.parallelFor(count, hits::incrementAndGet);
                    for (int i = 0; i < count; i++) {
                        assertEquals(1, hits.get(i), "index " + i + " of " + count + " on " + threads + " threads");
                    }
                }
            }
        }
    }

    @Test
    void nestedParallelForCompletesWithoutDeadlock() {
        try (ComputePool pool = ComputePool.ofThreads(3)) {
            AtomicIntegerArray hits = new AtomicIntegerArray(6 * 5);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> pool.run(() ->
                    pool.parallelFor(6, i -> ComputePool.current().parallelFor(5, j ->
                            hits.incrementAndGet(i * 5 + j)))));
            for (int i = 0; i < hits.length(); i++) {
                assertEquals(1, hits.get(i), "inner index " + i);
            }
        }
    }

    @Test
    void aLoopNestedInTheCallersChunkRunsOnTheCallerAndAfterwardsLoopsSplitAgain() {
        try (ComputePool pool = ComputePool.ofThreads(2)) {
            AtomicReferenceArray<Thread> inner = new AtomicReferenceArray<>(4);
            Thread caller = Thread.currentThread();
            pool.run(() -> pool.parallelFor(2, i -> {
                if (Thread.currentThread() == caller) {
                    ComputePool.current().parallelFor(4, j -> inner.set(j, Thread.currentThread()));
                }
            }));
            for (int j = 0; j < 4; j++) {
                assertSame(caller, inner.get(j), "inner index " + j + " ran on another thread while the worker was busy");
            }
            AtomicReferenceArray<Thread> later = new AtomicReferenceArray<>(2);
            pool.parallelFor(2, j -> later.set(j, Thread.currentThread()));
            assertTrue(later.get(1) != caller, "a loop after the nested one is split over the pool again");
        }
    }

    @Test
    void exceptionInAnyChunkReachesTheCaller() {
        try (ComputePool pool = ComputePool.ofThreads(2)) {
            for (int failing : new int[] {0, 9}) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> pool.parallelFor(10, i -> {
                            if (i == failing) {
                                throw new IllegalStateException("task " + i);
                            }
                        }));
                assertEquals("task " + failing, e.getMessage());
            }
        }
    }

    @Test
    void currentIsTheBoundPoolInsideRunAndTheDefaultOutside() {
        try (ComputePool pool = ComputePool.ofThreads(2)) {
            assertSame(ComputePool.defaultPool(), ComputePool.current());
            pool.run(() -> assertSame(pool, ComputePool.current()));
            assertSame(pool, pool.call(ComputePool::current));
            assertSame(ComputePool.defaultPool(), ComputePool.current());
        }
    }

    @Test
    void currentIsTheRunningPoolInsideEveryTask() {
        try (ComputePool pool = ComputePool.ofThreads(3)) {
            AtomicReferenceArray<ComputePool> seen = new AtomicReferenceArray<>(3);
            pool.parallelFor(3, i -> seen.set(i, ComputePool.current()));
            for (int i = 0; i < 3; i++) {
                assertSame(pool, seen.get(i), "task " + i);
            }
        }
    }

    @Test
    void configuredThreadsReadsThePropertyAndRejectsBadValues() {
        String saved = System.getProperty("thirty.threads");
        try {
            System.setProperty("thirty.threads", " 3 ");
            assertEquals(3, ComputePool.configuredThreads());
            for (String bad : new String[] {"0", "-2", "two", "1.5"}) {
                System.setProperty("thirty.threads", bad);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        ComputePool::configuredThreads);
                assertTrue(e.getMessage().contains("thirty.threads") && e.getMessage().contains(bad),
                        "message should name the setting and the value: " + e.getMessage());
            }
        } finally {
            if (saved == null) {
                System.clearProperty("thirty.threads");
            } else {
                System.setProperty("thirty.threads", saved);
            }
        }
    }

    @Test
    void poolsOfFewerThanOneThreadAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ComputePool.ofThreads(0));
    }
}
