package dev.thirty.papers.alexnet;

import dev.thirty.optim.LearningRateSchedule;
import dev.thirty.optim.Schedules;

/**
 * Settings of a cuda-convnet CIFAR-10 run.
 *
 * @param net        the layer file: {@code 80sec}, {@code 18pct} or {@code 19pct} ({@link CudaConvnet.Net})
 * @param epochs     passes over the training images
 * @param lrDrops    epochs after which every learning rate is divided by 10, ascending
 * @param batch      images per step (cuda-convnet's {@code --mini}, 128)
 * @param epsW       the weights' learning rate before any drop (biases learn at twice it)
 * @param momentum   momW = momB
 * @param crop       0: train and test on whole 32x32 images; else train on random {@code crop x crop} patches
 *                   ({@code cifar-cropped}, 24 = crop border 4) and test on the centre one or the ten views
 * @param flip       reflect training images left-right with probability 1/2
 * @param multiview  with a crop, test on the four corner and centre patches and their reflections, averaging
 *                   the predictions ({@code --multiview-test=1})
 * @param fcDecay    the weight decay of fc10; a negative value keeps the layer file's (80sec 0.03, 18pct 1,
 *                   19pct 3; the 19pct file's note: "Set wc to 0 for translations")
 * @param trainLimit train on this many images, a seeded random choice of the 50,000 (0: all)
 * @param testLimit  test on the first this many test images (0: all 10,000)
 * @param neighbours test images shown with their nearest training images (Figure 4); 0 for none
 */
public record AlexNetCifarConfig(String net, int epochs, int[] lrDrops, int batch, double epsW, double momentum,
                                 int crop, boolean flip, boolean multiview, double fcDecay, int trainLimit,
                                 int testLimit, int neighbours) {

    public AlexNetCifarConfig {
        CudaConvnet.Net.of(net == null ? "" : net);
        require(epochs >= 1, "epochs must be positive, got " + epochs);
        lrDrops = Schedules.MultiStep.checkedEpochs("lrDrops", lrDrops);
        require(batch >= 1, "batch must be positive, got " + batch);
        require(epsW > 0 && Double.isFinite(epsW), "epsW must be positive, got " + epsW);
        require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
        require(crop == 0 || (crop >= 8 && crop <= 32), "crop must be 0 (none) or in [8, 32], got " + crop);
        require(!multiview || crop > 0, "multiview needs a crop smaller than the image (set crop, e.g. 24)");
        require(Double.isFinite(fcDecay), "fcDecay must be a number, got " + fcDecay);
        require(trainLimit >= 0 && trainLimit <= 50_000, "trainLimit must be in [0, 50000], got " + trainLimit);
        require(trainLimit == 0 || trainLimit >= batch, "trainLimit " + trainLimit + " is below one batch of " + batch);
        require(testLimit >= 0 && testLimit <= 10_000, "testLimit must be in [0, 10000], got " + testLimit);
        require(neighbours >= 0 && neighbours <= 100, "neighbours must be in [0, 100], got " + neighbours);
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

    /** The learning rate of each step: {@code epsW}, divided by 10 at each of {@code lrDrops}. */
    public LearningRateSchedule schedule(long stepsPerEpoch) {
        return Schedules.MultiStep.atEpochs(epsW, 0.1, lrDrops, stepsPerEpoch);
    }

    /** The layer file this run trains. */
    public CudaConvnet.Net network() {
        return CudaConvnet.Net.of(net);
    }

    /** {@code layers-18pct.cfg}: 120 epochs at epsW 0.001, then 10 at 1e-4, then 10 at 1e-5 (its comment). */
    public static AlexNetCifarConfig net18pct() {
        return new AlexNetCifarConfig("18pct", 140, new int[] {120, 130}, 128, 0.001, 0.9, 0, false, false, -1, 0, 0,
                8);
    }

    /** {@code layers-80sec.cfg}: 8 epochs, then "reduce the learning rate ... by a factor of 10" for 2 more. */
    public static AlexNetCifarConfig net80sec() {
        return new AlexNetCifarConfig("80sec", 10, new int[] {8}, 128, 0.001, 0.9, 0, false, false, -1, 0, 0, 8);
    }

    /** {@code layers-19pct.cfg}: the 18pct net without normalisation, on the 18pct schedule. */
    public static AlexNetCifarConfig net19pct() {
        return new AlexNetCifarConfig("19pct", 140, new int[] {120, 130}, 128, 0.001, 0.9, 0, false, false, -1, 0, 0,
                8);
    }

    /**
     * The 19pct net "with translations": random 24x24 patches and reflections, fc10's decay set to 0 as its
     * params file says, ten-view testing; on the 18pct schedule.
     */
    public static AlexNetCifarConfig augmented() {
        return new AlexNetCifarConfig("19pct", 140, new int[] {120, 130}, 128, 0.001, 0.9, 24, true, true, 0, 0, 0,
                8);
    }

    /** A short seeded run for tests and CI: one epoch of the 80sec net on all 50,000 images, 2,000 test images. */
    public static AlexNetCifarConfig ci() {
        return new AlexNetCifarConfig("80sec", 1, new int[0], 128, 0.001, 0.9, 0, false, false, -1, 0, 2_000, 4);
    }
}
