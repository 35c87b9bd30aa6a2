package dev.thirty.papers.alexnet;

import java.util.Locale;

/**
 * Settings of a LeNet-5 run.
 *
 * @param dataset     {@code mnist} or {@code fashion} (Fashion-MNIST)
 * @param epochs      passes over the training images
 * @param batch       images per step
 * @param lr          peak learning rate, cosine-decayed to {@code lr / 100} at the last step
 * @param momentum    SGD momentum
 * @param weightDecay L2 decay of the weights (not the biases)
 * @param flip        reflect training images left-right with probability 1/2 (sensible for clothes, not digits)
 * @param shift       translate training images by up to this many pixels each way (zero-pad, random crop); 0: none
 * @param validation  training images held out (the last of the file) and evaluated each epoch
 * @param trainLimit  train on the first this many of the rest (0: all)
 */
public record LeNetConfig(String dataset, int epochs, int batch, double lr, double momentum, double weightDecay,
                          boolean flip, int shift, int validation, int trainLimit) {

    public LeNetConfig {
        dataset = dataset == null ? "" : dataset.toLowerCase(Locale.ROOT);
        require(dataset.equals("mnist") || dataset.equals("fashion"),
                "dataset must be mnist or fashion, got '" + dataset + "'");
        require(epochs >= 1, "epochs must be positive, got " + epochs);
        require(batch >= 1, "batch must be positive, got " + batch);
        require(lr > 0 && Double.isFinite(lr), "lr must be positive, got " + lr);
        require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
        require(weightDecay >= 0, "weightDecay must be >= 0, got " + weightDecay);
        require(shift >= 0 && shift <= 8, "shift must be in [0, 8], got " + shift);
        require(validation >= 0 && validation < 50_000, "validation must be in [0, 50000), got " + validation);
        require(trainLimit >= 0, "trainLimit must be >= 0, got " + trainLimit);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** MNIST: 20 epochs of 64 with SGD, momentum and a cosine rate, no distortions (0.77% test error, seed 42). */
    public static LeNetConfig mnist() {
        return new LeNetConfig("mnist", 20, 64, 0.05, 0.9, 5e-4, false, 0, 5_000, 0);
    }

    /** Fashion-MNIST: 30 epochs with reflections. */
    public static LeNetConfig fashion() {
        return new LeNetConfig("fashion", 30, 128, 0.05, 0.9, 5e-4, true, 0, 5_000, 0);
    }

    /** A seconds-long run for tests: 12,000 MNIST digits, 2 epochs. */
    public static LeNetConfig tiny() {
        return new LeNetConfig("mnist", 2, 64, 0.05, 0.9, 5e-4, false, 0, 2_000, 12_000);
    }
}
