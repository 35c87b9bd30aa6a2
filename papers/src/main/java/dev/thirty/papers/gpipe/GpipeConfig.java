package dev.thirty.papers.gpipe;

import dev.thirty.parallel.Checkpointing;
import java.util.Arrays;

/**
 * Settings of a GPipe run: a pipelined training run of {@link GpipeNet} on CIFAR-10, then the
 * measurements.
 *
 * @param width         the network's first width ({@link GpipeNet})
 * @param dropout       dropout before the classifier
 * @param batch         images per mini-batch
 * @param stages        K of the training run
 * @param microBatches  M of the training run (and the M the headline speedup is measured at)
 * @param checkpointing the training run's re-materialisation: {@code never}, {@code except-last}, {@code always}
 * @param epochs        passes over the training images
 * @param lr            SGD learning rate
 * @param momentum      SGD momentum
 * @param weightDecay   L2 decay of all parameters
 * @param trainLimit    train on this many images (0: all 50,000)
 * @param testLimit     evaluate on this many test images (0: all 10,000)
 * @param sweep         the micro-batch counts M the throughput sweep measures, ascending
 * @param sweepSteps    timed steps per setting of the sweep (the median counts)
 */
public record GpipeConfig(int width, double dropout, int batch, int stages, int microBatches, String checkpointing,
                          int epochs, double lr, double momentum, double weightDecay, int trainLimit, int testLimit,
                          int[] sweep, int sweepSteps) {

    public GpipeConfig {
        require(width >= 1, "width must be positive, got " + width);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        require(batch >= 1, "batch must be positive, got " + batch);
        require(stages >= 1 && stages <= 28, "stages must be in [1, 28] (the network has 28 layers), got " + stages);
        require(microBatches >= 1 && microBatches <= batch,
                "microBatches must be in [1, batch = " + batch + "], got " + microBatches);
        Checkpointing.of(checkpointing);
        require(epochs >= 1, "epochs must be positive, got " + epochs);
        require(lr > 0 && Double.isFinite(lr), "lr must be positive, got " + lr);
        require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
        require(weightDecay >= 0, "weightDecay must be >= 0, got " + weightDecay);
        require(trainLimit >= 0 && testLimit >= 0, "trainLimit and testLimit must be >= 0");
        require(sweep != null && sweep.length > 0, "sweep needs at least one micro-batch count");
        sweep = sweep.clone();
        for (int i = 0; i < sweep.length; i++) {
            require(sweep[i] >= 1 && sweep[i] <= batch, "sweep: micro-batch counts must be in [1, " + batch + "], got "
                    + sweep[i]);
            require(i == 0 || sweep[i] > sweep[i - 1], "sweep must be ascending, got " + Arrays.toString(sweep));
        }
        require(sweepSteps >= 1, "sweepSteps must be positive, got " + sweepSteps);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public int[] sweep() {
        return sweep.clone();
    }

    public Checkpointing mode() {
        return Checkpointing.of(checkpointing);
    }

    /**
     * Two stages, eight micro-batches, torchgpipe's default re-materialisation; three epochs on all of
     * CIFAR-10 (16 minutes on two cores, 36.5% test error with seed 42), then the sweep over M = 1..16.
     */
    public static GpipeConfig cpu() {
        return new GpipeConfig(32, 0.5, 128, 2, 8, "except-last", 3, 0.02, 0.9, 5e-4, 0, 0,
                new int[] {1, 2, 4, 8, 16}, 7);
    }

    /** A half-minute run for tests: a narrow net, 3 epochs of 4,096 images, a short sweep. */
    public static GpipeConfig ci() {
        return new GpipeConfig(8, 0.5, 64, 2, 4, "except-last", 3, 0.02, 0.9, 5e-4, 4096, 1000, new int[] {1, 4}, 3);
    }
}
