package dev.thirty.papers.alexnet;

import dev.thirty.optim.LearningRateSchedule;
import dev.thirty.optim.Schedules;
import java.util.Locale;

/**
 * Settings of {@code thirty run alexnet}.
 *
 * @param towers       {@code two} (the paper's grouping) or {@code one}
 * @param batch        images per step, for the timing and for training
 * @param timingSteps  forward passes and training steps timed on random 224x224 images (the median is shown)
 * @param imageFolder  an ImageNet-style folder or zip ({@code train/<class>/*.jpg}, {@code val/<class>/*.jpg},
 *                     every image 256x256 as §2 prepares them) to train on after the timing; empty: time only
 * @param epochs       passes over the folder's training images
 * @param lrDrops      epochs after which the learning rate is divided by 10 (§5 divides on plateaus, about
 *                     three times in 90 epochs)
 * @param lr           initial learning rate (§5: 0.01)
 * @param momentum     §5: 0.9
 * @param weightDecay  §5: 0.0005, on the weights
 */
public record AlexNetConfig(String towers, int batch, int timingSteps, String imageFolder, int epochs,
                            int[] lrDrops, double lr, double momentum, double weightDecay) {

    public AlexNetConfig {
        towers = towers == null ? "" : towers.toLowerCase(Locale.ROOT);
        require(towers.equals("two") || towers.equals("one"), "towers must be two or one, got '" + towers + "'");
        require(batch >= 1, "batch must be positive, got " + batch);
        require(timingSteps >= 1, "timingSteps must be positive, got " + timingSteps);
        imageFolder = imageFolder == null ? "" : imageFolder;
        require(epochs >= 1, "epochs must be positive, got " + epochs);
        lrDrops = Schedules.MultiStep.checkedEpochs("lrDrops", lrDrops);
        require(lr > 0 && Double.isFinite(lr), "lr must be positive, got " + lr);
        require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
        require(weightDecay >= 0, "weightDecay must be >= 0, got " + weightDecay);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public int[] lrDrops() {
        return lrDrops.clone();
    }

    /** The learning rate of each step: {@code lr}, divided by 10 at each of {@code lrDrops}. */
    public LearningRateSchedule schedule(long stepsPerEpoch) {
        return Schedules.MultiStep.atEpochs(lr, 0.1, lrDrops, stepsPerEpoch);
    }

    /** The network's grouping. */
    public AlexNet.Towers grouping() {
        return towers.equals("two") ? AlexNet.Towers.TWO : AlexNet.Towers.ONE;
    }

    /** The layer table and timings at batch 16: a minute or two on a laptop. */
    public static AlexNetConfig timing() {
        return new AlexNetConfig("two", 16, 3, "", 90, new int[] {30, 60, 80}, 0.01, 0.9, 5e-4);
    }

    /** The same without the towers. */
    public static AlexNetConfig oneTower() {
        return new AlexNetConfig("one", 16, 3, "", 90, new int[] {30, 60, 80}, 0.01, 0.9, 5e-4);
    }

    /** A quick check for tests: batch 2, one timed step. */
    public static AlexNetConfig tiny() {
        return new AlexNetConfig("two", 2, 1, "", 1, new int[0], 0.01, 0.9, 5e-4);
    }
}
