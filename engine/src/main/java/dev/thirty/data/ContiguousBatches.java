package dev.thirty.data;

import java.util.AbstractList;
import java.util.List;

/**
 * Contiguous batching for truncated backpropagation through time (Zaremba et al., 2014; char-rnn).
 *
 * <p>The stream is cut into {@code B} equal parallel streams, dropping the {@code length mod B}
 * tail: stream {@code b} is tokens {@code [b*n, (b+1)*n)} with {@code n = length / B}, so the
 * data is viewed as {@code (B, n)}. Chunk {@code i} covers columns {@code [i*T, i*T + T)}: its
 * inputs are those columns and its targets the columns one to the right. Row {@code b} of chunk
 * {@code i + 1} continues row {@code b} of chunk {@code i}, so the hidden state can be carried
 * across chunks. The {@code n - 1} input/target pairs per stream give {@code ceil((n-1)/T)}
 * chunks; under {@link LastBatch#DROP} a final shorter chunk is left out.
 */
public final class ContiguousBatches extends AbstractList<ContiguousBatches.Chunk> {

    /**
     * One BPTT chunk, row-major {@code (B, T)} token ids.
     *
     * @param inputs  {@code (batch, steps)} input ids
     * @param targets {@code (batch, steps)} next-token ids: {@code targets[b, t]} follows {@code inputs[b, t]}
     * @param batch   B, the number of parallel streams
     * @param steps   T, the chunk length (the last chunk may be shorter under {@link LastBatch#KEEP})
     */
    public record Chunk(int[] inputs, int[] targets, int batch, int steps) {

        public Chunk {
            if (inputs.length != batch * steps || targets.length != batch * steps) {
                throw new IllegalArgumentException("chunk (" + batch + ", " + steps + ") needs " + batch * steps
                        + " inputs and targets, got " + inputs.length + " and " + targets.length);
            }
        }
    }

    private final int[] tokens;
    private final int batch;
    private final int steps;
    private final int perStream;
    private final int chunks;

    /**
     * @param stream the corpus in order
     * @param batch  B, the number of parallel streams
     * @param steps  T, the unroll length
     * @param last   whether a final chunk shorter than {@code steps} is kept
     */
    public ContiguousBatches(TokenStream stream, int batch, int steps, LastBatch last) {
        if (batch < 1 || steps < 1) {
            throw new IllegalArgumentException("batch and steps must be positive, got " + batch + " and " + steps);
        }
        this.tokens = stream.unsafeArray();
        this.batch = batch;
        this.steps = steps;
        this.perStream = tokens.length / batch;
        if (perStream < 2) {
            throw new IllegalArgumentException("a stream of " + tokens.length + " tokens is too short for " + batch
                    + " parallel streams: each needs at least 2 tokens");
        }
        int pairs = perStream - 1;
        this.chunks = last == LastBatch.KEEP ? (pairs + steps - 1) / steps : pairs / steps;
    }

    /** Tokens per parallel stream, {@code n = length / B}. */
    public int streamLength() {
        return perStream;
    }

    /** Number of chunks. */
    @Override
    public int size() {
        return chunks;
    }

    /** Chunk {@code i}: columns {@code [i*T, i*T + T)} of the {@code (B, n)} view. */
    @Override
    public Chunk get(int i) {
        if (i < 0 || i >= chunks) {
            throw new IndexOutOfBoundsException("chunk " + i + " of " + chunks);
        }
        int start = i * steps;
        int len = Math.min(steps, perStream - 1 - start);
        int[] x = new int[batch * len];
        int[] y = new int[batch * len];
        for (int b = 0; b < batch; b++) {
            int from = b * perStream + start; // row b of the (B, n) view
            System.arraycopy(tokens, from, x, b * len, len);
            System.arraycopy(tokens, from + 1, y, b * len, len);
        }
        return new Chunk(x, y, batch, len);
    }

    /** All chunks in order, as a list view. */
    public List<Chunk> chunks() {
        return this;
    }
}
