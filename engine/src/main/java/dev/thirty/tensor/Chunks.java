package dev.thirty.tensor;

import dev.thirty.kernels.ComputePool;

/**
 * Splits a pass over {@code n} independent items (floats, or rows of floats) into fixed-size
 * contiguous chunks. Small passes run inline; large ones go to {@link ComputePool#current()}, one
 * task per chunk. Chunk bounds depend only on the sizes, and each chunk writes only its own range,
 * so results never depend on the thread count or on scheduling.
 */
final class Chunks {

    /** Floats per chunk: large enough that a task outweighs its scheduling cost. */
    static final int SIZE = 1 << 15;

    private Chunks() {
    }

    /** A pass over the items {@code [first, first + count)}. */
    @FunctionalInterface
    interface Range {
        void run(int first, int count);
    }

    /** Runs {@code body} over the floats {@code [0, n)}. */
    static void forEach(int n, Range body) {
        forEachRow(n, 1, body);
    }

    /** Runs {@code body} over {@code rows} rows of {@code rowLength} floats each. */
    static void forEachRow(int rows, int rowLength, Range body) {
        long total = (long) rows * rowLength;
        if (total <= SIZE || rows <= 1) {
            body.run(0, rows);
            return;
        }
        int perChunk = Math.max(1, SIZE / Math.max(1, rowLength));
        int chunks = (rows + perChunk - 1) / perChunk;
        ComputePool.current().parallelFor(chunks, c -> {
            int first = c * perChunk;
            body.run(first, Math.min(perChunk, rows - first));
        });
    }
}
