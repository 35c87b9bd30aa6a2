package dev.thirty.data;

import java.util.AbstractList;
import java.util.random.RandomGenerator;

/**
 * Fixed-size mini-batches of labelled examples, visited in a given order: batch {@code i} holds
 * the examples at {@code order[i*size .. i*size + size)}. Each batch is copied out when asked for,
 * so only one batch's worth of memory is live per batch held.
 */
public final class Batches extends AbstractList<LabelledData> {

    private final LabelledData data;
    private final int batchSize;
    private final int[] order;
    private final int count;

    /**
     * @param data      the examples
     * @param batchSize examples per batch
     * @param order     the example indices in visiting order (a permutation, or any selection)
     * @param last      whether a final batch shorter than {@code batchSize} is kept
     */
    public Batches(LabelledData data, int batchSize, int[] order, LastBatch last) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        for (int i = 0; i < order.length; i++) {
            if (order[i] < 0 || order[i] >= data.size()) {
                throw new IllegalArgumentException("order[" + i + "] = " + order[i] + " is outside 0.."
                        + (data.size() - 1));
            }
        }
        this.data = data;
        this.batchSize = batchSize;
        this.order = order.clone();
        this.count = last == LastBatch.KEEP ? (order.length + batchSize - 1) / batchSize : order.length / batchSize;
    }

    /** Batches in data-set order. */
    public static Batches inOrder(LabelledData data, int batchSize, LastBatch last) {
        int[] identity = new int[data.size()];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i;
        }
        return new Batches(data, batchSize, identity, last);
    }

    /** Batches in an order shuffled by {@code rng} (one epoch). */
    public static Batches shuffled(LabelledData data, int batchSize, LastBatch last, RandomGenerator rng) {
        return new Batches(data, batchSize, Shuffle.permutation(data.size(), rng), last);
    }

    /** Number of batches. */
    @Override
    public int size() {
        return count;
    }

    /** Batch {@code i}: inputs {@code (b, ...)} and their labels, {@code b <= batchSize}. */
    @Override
    public LabelledData get(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("batch " + i + " of " + count);
        }
        int from = i * batchSize;
        return data.select(order, from, Math.min(from + batchSize, order.length));
    }
}
