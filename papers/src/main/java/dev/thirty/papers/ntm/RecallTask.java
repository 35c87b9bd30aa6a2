package dev.thirty.papers.ntm;

import dev.thirty.tensor.Rng;

/**
 * The associative recall task of §4.3: a list of items, each three random 6-bit vectors opened by an
 * item delimiter; then a query delimiter, one of the items but the last, and the query delimiter again;
 * the machine must then emit the item that followed the query in the list.
 *
 * <p>Inputs are width 8 (6 bits, item delimiter, query delimiter) over {@code 4n + 5 + 3} steps for n
 * items; the target is the next item's three vectors, due during the last 3 steps. The paper trains
 * on 2–6 items.
 */
public record RecallTask() implements Task {

    /** Bits per vector. */
    public static final int BITS = 6;
    /** Vectors per item. */
    public static final int ITEM = 3;

    @Override
    public String name() {
        return "recall";
    }

    @Override
    public int inputWidth() {
        return BITS + 2;
    }

    @Override
    public int outputWidth() {
        return BITS;
    }

    @Override
    public String sizeName() {
        return "items";
    }

    @Override
    public Episode episode(Rng rng, int batch, int items) {
        if (items < 2) {
            throw new IllegalArgumentException("recall: an episode needs at least 2 items, got " + items);
        }
        float[] bits = new float[items * ITEM * batch * BITS];
        Task.randomBits(rng, bits, 0, bits.length);
        int[] query = new int[batch];
        for (int b = 0; b < batch; b++) {
            query[b] = rng.nextInt(items - 1);
        }
        return episode(items, batch, bits, query);
    }

    /**
     * The episode over {@code bits} ({@code (items, 3, B, 6)} row-major) asking, for sequence b, for the
     * item after item {@code query[b]}.
     */
    public static Episode episode(int items, int batch, float[] bits, int[] query) {
        if (items < 2 || batch < 1 || bits.length != items * ITEM * batch * BITS || query.length != batch) {
            throw new IllegalArgumentException("recall: an episode needs 2 or more items, batch >= 1, "
                    + (long) items * ITEM * batch * BITS + " bits and " + batch + " queries, got " + items
                    + " items, batch " + batch + ", " + bits.length + " bits, " + query.length + " queries");
        }
        int in = BITS + 2;
        int steps = items * (ITEM + 1) + ITEM + 2 + ITEM;
        float[] x = new float[steps * batch * in];
        float[] y = new float[ITEM * batch * BITS];
        for (int b = 0; b < batch; b++) {
            if (query[b] < 0 || query[b] > items - 2) {
                throw new IllegalArgumentException("recall: query " + query[b] + " of sequence " + b
                        + " must name an item before the last, 0.." + (items - 2));
            }
            for (int i = 0; i < items; i++) {
                int t0 = i * (ITEM + 1);
                x[(t0 * batch + b) * in + BITS] = 1f;
                for (int v = 0; v < ITEM; v++) {
                    System.arraycopy(bits, ((i * ITEM + v) * batch + b) * BITS, x, ((t0 + 1 + v) * batch + b) * in,
                            BITS);
                }
            }
            int q = items * (ITEM + 1);
            x[(q * batch + b) * in + BITS + 1] = 1f;
            for (int v = 0; v < ITEM; v++) {
                System.arraycopy(bits, ((query[b] * ITEM + v) * batch + b) * BITS, x, ((q + 1 + v) * batch + b) * in,
                        BITS);
                System.arraycopy(bits, (((query[b] + 1) * ITEM + v) * batch + b) * BITS, y, (v * batch + b) * BITS,
                        BITS);
            }
            x[((q + 1 + ITEM) * batch + b) * in + BITS + 1] = 1f;
        }
        return new Episode(steps, batch, in, x, ITEM, BITS, y, items);
    }
}
