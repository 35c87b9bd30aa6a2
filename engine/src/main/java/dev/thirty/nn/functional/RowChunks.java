package dev.thirty.nn.functional;

import dev.thirty.kernels.ComputePool;

/**
 * A split of {@code rows} contiguous rows of {@code cols} values into chunks of consecutive rows,
 * fixed by the shape alone (never by the thread count), so that any per-chunk partial result, and
 * the order it is combined in, is the same on every machine. Small blocks are one chunk.
 */
record RowChunks(int rows, int rowsPerChunk, int count) {

    /** Values per chunk below which splitting costs more than it saves. */
    static final int MIN_CHUNK_VALUES = 1 << 15;

    /** Chunks at most; bounds the memory of per-chunk partial sums. */
    static final int MAX_CHUNKS = 64;

    RowChunks {
        if (rows < 0 || rowsPerChunk < 1 || count < 0) {
            throw new IllegalArgumentException("bad row chunks: " + rows + ", " + rowsPerChunk + ", " + count);
        }
    }

    /** The chunks for a {@code rows x cols} block. */
    static RowChunks plan(int rows, int cols) {
        long values = (long) rows * Math.max(1, cols);
        int wanted = (int) Math.min(MAX_CHUNKS, Math.max(1, values / MIN_CHUNK_VALUES));
        int wantedChunks = Math.min(wanted, Math.max(1, rows));
        int perChunk = Math.max(1, (rows + wantedChunks - 1) / wantedChunks);
        int count = rows == 0 ? 0 : (rows + perChunk - 1) / perChunk;
        return new RowChunks(rows, perChunk, count);
    }

    /** The work on rows {@code [first, first + n)} of chunk {@code chunk}. */
    @FunctionalInterface
    interface Body {
        void run(int chunk, int first, int n);
    }

    /** Runs {@code body} on every chunk, in parallel on the current compute pool. */
    void forEach(Body body) {
        if (count == 1) {
            body.run(0, 0, rows);
            return;
        }
        ComputePool.current().parallelFor(count, c -> {
            int first = c * rowsPerChunk;
            body.run(c, first, Math.min(rowsPerChunk, rows - first));
        });
    }
}
