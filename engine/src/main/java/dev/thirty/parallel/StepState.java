package dev.thirty.parallel;

import dev.thirty.tensor.Tensor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the stages of one step share: the mini-batch and the loss, the micro-batches' row ranges,
 * their losses, the step's clock, and the count of activation bytes held by all stages together.
 */
final class StepState {
    final Tensor input;
    final Pipeline.MicroBatchLoss lossFn;
    final int[] from;
    final float[] losses;
    final long start = System.nanoTime();
    final AtomicLong live = new AtomicLong();
    final AtomicLong peak = new AtomicLong();

    StepState(Tensor input, Pipeline.MicroBatchLoss lossFn, int microBatches) {
        this.input = input;
        this.lossFn = lossFn;
        this.from = new int[microBatches + 1];
        this.losses = new float[microBatches];
        int n = input.dim(0);
        for (int m = 0; m <= microBatches; m++) {
            from[m] = (int) ((long) m * n / microBatches);
        }
    }

    float weight(int m) {
        return (float) (from[m + 1] - from[m]) / input.dim(0);
    }

    /** Counts {@code bytes} more of activations held by stage {@code s} (negative: released). */
    void hold(PipelineStage s, long bytes) {
        long now = live.addAndGet(bytes);
        peak.accumulateAndGet(now, Math::max);
        s.live += bytes;
        s.peak = Math.max(s.peak, s.live);
    }

    long now() {
        return System.nanoTime() - start;
    }
}
