package dev.thirty.papers.mnist;

import java.util.Arrays;

/**
 * Settings of the MNIST MLP run.
 *
 * @param hidden       widths of the hidden layers
 * @param steps        SGD steps (one batch each)
 * @param batch        examples per step
 * @param lr           peak learning rate, cosine-decayed to {@code lr / 100} at the last step
 * @param momentum     SGD momentum
 * @param weightDecay  L2 weight decay on weight matrices (not biases)
 * @param validation   training examples held out (the last ones of the file) for validation
 * @param trainLimit   use only the first this many training examples (0: all)
 * @param evalEvery    evaluate on the validation set every this many steps
 */
public record MlpMnistConfig(int[] hidden, int steps, int batch, double lr, double momentum, double weightDecay,
                             int validation, int trainLimit, int evalEvery) {

    public MlpMnistConfig {
        if (hidden == null || hidden.length == 0 || Arrays.stream(hidden).anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("hidden: need at least one positive width, got " + Arrays.toString(hidden));
        }
        hidden = hidden.clone();
        require(steps >= 1, "steps must be positive, got " + steps);
        require(batch >= 1, "batch must be positive, got " + batch);
        require(lr > 0 && Double.isFinite(lr), "lr must be positive, got " + lr);
        require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
        require(weightDecay >= 0, "weightDecay must be >= 0, got " + weightDecay);
        require(validation >= 0 && validation < 60_000, "validation must be in [0, 60000), got " + validation);
        require(trainLimit >= 0, "trainLimit must be >= 0, got " + trainLimit);
        require(evalEvery >= 1, "evalEvery must be positive, got " + evalEvery);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Simard et al. (2003): 784-800-10, about 30 epochs. */
    public static MlpMnistConfig paper() {
        return new MlpMnistConfig(new int[] {800}, 12_000, 128, 0.1, 0.9, 5e-4, 5_000, 0, 500);
    }

    /** The default CPU run: 784-256-10 for about 5 epochs, under a minute on two cores. */
    public static MlpMnistConfig cpu() {
        return new MlpMnistConfig(new int[] {256}, 2_200, 128, 0.1, 0.9, 5e-4, 5_000, 0, 250);
    }

    /** A seconds-long run for tests: 10k training images, 784-64-10. */
    public static MlpMnistConfig tiny() {
        return new MlpMnistConfig(new int[] {64}, 300, 64, 0.1, 0.9, 0, 1_000, 11_000, 100);
    }
}
