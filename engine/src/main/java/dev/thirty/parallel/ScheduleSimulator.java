package dev.thirty.parallel;

import java.util.ArrayList;
import java.util.List;

/**
 * The GPipe schedule worked out without running a model: given each stage's forward and backward
 * cost per micro-batch, when every box starts and ends, hence the bubble.
 *
 * <p>The rules are those {@link Pipeline} runs by. Stage k does the forward passes of micro-batches
 * 0, 1, ..., M−1, then their backward passes in reverse order M−1, ..., 0; a box starts as soon as the
 * stage has finished its previous box and its input has arrived: the forward of micro-batch m on
 * stage k needs stage k−1's forward of m, the backward of m on stage k needs stage k+1's backward of m
 * (the last stage starts backward right after its own last forward). A checkpointed micro-batch's
 * forward is recomputed first, as soon as the stage is free, without waiting for the gradient (the
 * paper's §2.3 remark that recomputation "can be scheduled earlier"). A hand-off between stages may cost
 * {@code transfer} units. With integer costs every time is exact, so for K stages of equal cost the
 * bubble is (K−1)/(M+K−1) to the last bit, with or without backward passes.
 */
public final class ScheduleSimulator {

    private ScheduleSimulator() {
    }

    /**
     * The timeline of one step.
     *
     * @param forward forward cost per micro-batch of each stage (K entries)
     * @param backward backward cost per micro-batch of each stage (K entries; zeros for a forward-only sweep)
     * @param microBatches M
     * @param checkpointing which micro-batches recompute their forward inside the backward
     * @param transfer the cost of handing an activation or gradient to the next stage
     */
    public static Timeline simulate(long[] forward, long[] backward, int microBatches, Checkpointing checkpointing,
            long transfer) {
        int k = forward.length;
        if (k < 1 || backward.length != k) {
            throw new IllegalArgumentException("simulator: forward and backward costs need one entry per stage, got "
                    + forward.length + " and " + backward.length);
        }
        if (microBatches < 1) {
            throw new IllegalArgumentException("simulator: micro-batches must be at least 1, got " + microBatches);
        }
        for (int s = 0; s < k; s++) {
            if (forward[s] < 0 || backward[s] < 0) {
                throw new IllegalArgumentException("simulator: stage " + s + " has a negative cost");
            }
        }
        if (transfer < 0) {
            throw new IllegalArgumentException("simulator: transfer cost must not be negative, got " + transfer);
        }
        long[][] fEnd = new long[k][microBatches];
        long[][] bEnd = new long[k][microBatches];
        long[] free = new long[k];
        List<Timeline.Event> events = new ArrayList<>();
        for (int m = 0; m < microBatches; m++) {
            for (int s = 0; s < k; s++) {
                long ready = s == 0 ? 0 : fEnd[s - 1][m] + transfer;
                long start = Math.max(free[s], ready);
                fEnd[s][m] = start + forward[s];
                free[s] = fEnd[s][m];
                events.add(new Timeline.Event(s, m, Timeline.Kind.FORWARD, start, fEnd[s][m]));
            }
        }
        for (int m = microBatches - 1; m >= 0; m--) {
            boolean recompute = checkpointing.checkpoints(m, microBatches);
            for (int s = k - 1; s >= 0; s--) {
                if (recompute) {
                    long start = free[s];
                    free[s] = start + forward[s];
                    events.add(new Timeline.Event(s, m, Timeline.Kind.RECOMPUTE, start, free[s]));
                }
                long ready = s == k - 1 ? 0 : bEnd[s + 1][m] + transfer;
                long start = Math.max(free[s], ready);
                bEnd[s][m] = start + backward[s];
                free[s] = bEnd[s][m];
                events.add(new Timeline.Event(s, m, Timeline.Kind.BACKWARD, start, bEnd[s][m]));
            }
        }
        return new Timeline(k, microBatches, events);
    }

    /** K stages of equal forward cost {@code f} and backward cost {@code b}, no transfer cost. */
    public static Timeline uniform(int stages, int microBatches, long f, long b, Checkpointing checkpointing) {
        long[] fw = new long[stages];
        long[] bw = new long[stages];
        java.util.Arrays.fill(fw, f);
        java.util.Arrays.fill(bw, b);
        return simulate(fw, bw, microBatches, checkpointing, 0);
    }
}
