package dev.thirty.papers.alexnet;

import dev.thirty.autograd.GradMode;
import dev.thirty.data.Crops;
import dev.thirty.data.ImageFolder;
import dev.thirty.data.MeanImage;
import dev.thirty.data.PcaColour;
import dev.thirty.data.RawImages;
import dev.thirty.experiment.Citation;
import dev.thirty.experiment.ClassifierTraining;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Headline;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.kernels.ComputePool;
import dev.thirty.nn.Sequential;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.optim.ParamGroup;
import dev.thirty.optim.Sgd;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code thirty run alexnet}: builds the ImageNet network of the paper ({@link AlexNet}), prints its layer
 * table with output shapes and parameter counts, and times a forward pass and a training step (forward,
 * cross-entropy, backward, SGD with momentum and weight decay) on a batch of random 224 x 224 images.
 *
 * <p>With {@code --set imageFolder=DIR} naming an ImageNet-style folder ({@code train/} and {@code val/},
 * one folder per class, images already rescaled and cropped to 256 x 256 as §2 describes) it then trains as
 * §4.1 and §5 do: random 224 x 224 patches and their reflections, the RGB-PCA colour jitter, the mean image
 * subtracted, SGD with momentum 0.9, weight decay 0.0005, learning rate 0.01 divided by 10 at
 * {@code lrDrops}; validation on the centre patch, top-1 and top-5 error. The images are held in memory as
 * bytes (196,608 per image), which suits subsets such as Imagenette, not the full 1.2 million.
 */
public final class AlexNetExperiment implements Experiment<AlexNetConfig> {

    private static final int STORED = 256;

    @Override
    public String name() {
        return "alexnet";
    }

    @Override
    public String title() {
        return "The ImageNet AlexNet: layer table, forward and training-step timing (and training on an image folder)";
    }

    @Override
    public Citation citation() {
        return new Citation("Krizhevsky, Sutskever and Hinton (2012). ImageNet Classification with Deep Convolutional"
                + " Neural Networks. NIPS 25.",
                "https://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks");
    }

    @Override
    public Class<AlexNetConfig> configType() {
        return AlexNetConfig.class;
    }

    @Override
    public Map<String, AlexNetConfig> presets() {
        Map<String, AlexNetConfig> p = new LinkedHashMap<>();
        p.put("timing", AlexNetConfig.timing());
        p.put("one-tower", AlexNetConfig.oneTower());
        p.put("tiny", AlexNetConfig.tiny());
        return p;
    }

    @Override
    public String defaultPreset() {
        return "timing";
    }

    @Override
    public Headline headline() {
        return new Headline("parameters", 60_965_224, 60_965_224, Headline.Direction.LOWER,
                "the paper's network has \"60 million parameters\": 60,965,224 with its two-GPU grouping");
    }

    @Override
    public RunResult run(AlexNetConfig c, RunContext ctx) throws IOException {
        Sequential model = AlexNet.imageNet(c.grouping(), Rng.seeded(ctx.seed()));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("parameters", (double) model.parameterCount());
        StringBuilder md = new StringBuilder();
        if (ctx.resumeFrom().isEmpty()) {
            String table = model.table(1, 3, AlexNet.INPUT, AlexNet.INPUT);
            ctx.say(table);
            md.append("## Layers (").append(c.towers()).append(c.towers().equals("two") ? " towers" : " tower")
                    .append(")\n\n").append(table).append('\n');
            md.append(time(model, c, ctx, metrics));
        }
        long steps = 0;
        if (!c.imageFolder().isEmpty()) {
            RunResult trained = train(c, ctx, metrics, md);   // on fresh weights, untouched by the timing
            if (trained.status() == RunResult.Status.INTERRUPTED) {
                return trained;
            }
            steps = trained.step();
        }
        ctx.writeSamples(md.toString());
        return RunResult.completed(steps, metrics);
    }

    private static String time(Sequential model, AlexNetConfig c, RunContext ctx, Map<String, Double> metrics) {
        var rng = Rng.seeded(ctx.seed() + 1);
        float[] x = new float[c.batch() * 3 * AlexNet.INPUT * AlexNet.INPUT];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        Tensor input = Tensor.wrap(x, Shape.of(c.batch(), 3, AlexNet.INPUT, AlexNet.INPUT));
        int[] labels = new int[c.batch()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(1000);
        }
        Sgd sgd = new Sgd(ParamGroup.decayMatricesOnly(model.namedParameters(),
                Sgd.Config.momentum(c.momentum()).withWeightDecay(c.weightDecay())), c.lr());
        double[] forward = new double[c.timingSteps() + 1];
        double[] step = new double[c.timingSteps() + 1];
        StepArena arena = new StepArena();
        for (int r = 0; r <= c.timingSteps(); r++) {           // the first of each is a warm-up, not counted
            model.eval();
            long t0 = System.nanoTime();
            GradMode.noGrad(() -> model.forward(input));
            forward[r] = (System.nanoTime() - t0) / 1e9;
            model.train();
            t0 = System.nanoTime();
            try (StepArena.Scope s = arena.open()) {
                sgd.zeroGrad();
                Tensor loss = CrossEntropy.crossEntropy(model.forward(input), labels);
                loss.backward();
                sgd.step();
                if (!Float.isFinite(loss.item())) {
                    throw new IllegalStateException("alexnet: the timing step's loss is " + loss.item());
                }
            }
            step[r] = (System.nanoTime() - t0) / 1e9;
            ctx.progress(r + 1, c.timingSteps() + 1, Double.NaN);
        }
        double f = median(Arrays.copyOfRange(forward, 1, forward.length));
        double s = median(Arrays.copyOfRange(step, 1, step.length));
        metrics.put("timing/forward_s", f);
        metrics.put("timing/step_s", s);
        metrics.put("timing/train_images_per_s", c.batch() / s);
        ctx.log(0, "timing/forward_s", f);
        ctx.log(0, "timing/step_s", s);
        String text = String.format(Locale.ROOT, "## Timing%n%nBatch %d of random 224x224 images, %d threads, median of"
                        + " %d after a warm-up:%n%n| | seconds | images/s |%n|---|---:|---:|%n"
                        + "| forward (eval mode) | %.3f | %.1f |%n| training step | %.3f | %.1f |%n%n"
                        + "One forward pass is 2 x %.2f GMAC = %.2f GFLOP per image, so the forward pass ran at %.1f GFLOPS.%n",
                c.batch(), ComputePool.current().threads(), c.timingSteps(), f, c.batch() / f, s, c.batch() / s,
                FORWARD_GMAC, 2 * FORWARD_GMAC, 2 * FORWARD_GMAC * c.batch() / f);
        ctx.say(text);
        return text;
    }

    /** Multiply-adds of one forward pass of the grouped network at 224x224 (convolutions and dense layers). */
    static final double FORWARD_GMAC = (
            55.0 * 55 * 96 * 3 * 121 + 27.0 * 27 * 256 * 48 * 25 + 13.0 * 13 * 384 * 256 * 9
                    + 13.0 * 13 * 384 * 192 * 9 + 13.0 * 13 * 256 * 192 * 9
                    + 9216.0 * 4096 + 4096.0 * 4096 + 4096.0 * 1000) / 1e9;

    private RunResult train(AlexNetConfig c, RunContext ctx, Map<String, Double> metrics,
                            StringBuilder md) throws IOException {
        Path folder = Path.of(c.imageFolder());
        if (!Files.exists(folder)) {
            throw new IllegalArgumentException("alexnet: imageFolder " + folder + " does not exist");
        }
        ImageFolder trainFolder = ImageFolder.open(folder, "train");
        ImageFolder valFolder = ImageFolder.open(folder, "val", trainFolder.classes());
        RawImages train = trainFolder.loadRaw(STORED, STORED);
        RawImages val = valFolder.loadRaw(STORED, STORED);
        int classes = trainFolder.classes().size();
        Sequential model = AlexNet.imageNet(c.grouping(), classes, 0.5f, Rng.seeded(ctx.seed()));
        MeanImage mean = MeanImage.fit(train);
        PcaColour pca = PcaColour.fit(train.sample(2_000, Rng.seeded(ctx.seed() + 3)).toRawRange().inputs());
        Sgd sgd = new Sgd(ParamGroup.decayMatricesOnly(model.namedParameters(),
                Sgd.Config.momentum(c.momentum()).withWeightDecay(c.weightDecay())), c.lr());
        ClassifierTraining loop = ClassifierTraining.ofEpochs("alexnet", train.size(), c.batch(), c.epochs(),
                ctx.seed() + 2, c::schedule, 20, "try a smaller lr (now " + c.lr() + ")");
        ctx.say("alexnet: training on " + train.size() + " images of " + classes + " classes, validating on "
                + val.size());
        Optional<RunResult> stopped = loop.run(model, sgd, c, ctx, (order, from, to, step) -> {
            var rng = Rng.forStep(ctx.seed(), step);
            Tensor x = mean.subtract(train, order, from, to);
            x = pca.jitter(Crops.random(x, AlexNet.INPUT, AlexNet.INPUT, Crops.Flip.RANDOM, rng),
                    PcaColour.PAPER_SIGMA, PcaColour.Magnitude.ROOT_EIGENVALUE, rng);
            return new ClassifierTraining.Batch(x, train.labels(order, from, to));
        }, done -> {
            if (done % loop.stepsPerEpoch() == 0) {
                Classify.Outcome v = validate(model, val, mean);
                ctx.log(done, "val/error", v.error());
                ctx.log(done, "val/top5_error", v.top5Error());
            }
        });
        if (stopped.isPresent()) {
            return stopped.get();
        }
        Classify.Outcome v = validate(model, val, mean);
        metrics.put("val/error", v.error());
        metrics.put("val/top5_error", v.top5Error());
        md.append(String.format(Locale.ROOT, "%n## Validation (centre 224x224 patch)%n%n| | top-1 | top-5 |%n"
                        + "|---|---:|---:|%n| ours, %d classes | %.1f%% | %.1f%% |%n"
                        + "| paper, ILSVRC-2010 test, one net | 37.5%% | 17.0%% |%n",
                classes, 100 * v.error(), 100 * v.top5Error()));
        loop.saveFinal(model, sgd, c, ctx);
        return RunResult.completed(loop.steps(), metrics);
    }

    private static Classify.Outcome validate(Sequential model, RawImages val, MeanImage mean) {
        return Classify.evaluate(model, val.labels(), 50, (from, to) -> List.of(Crops.centre(
                mean.subtract(val, null, from, to), AlexNet.INPUT, AlexNet.INPUT)));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
