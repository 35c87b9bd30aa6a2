package dev.thirty.papers.alexnet;

import dev.thirty.data.Crops;
import dev.thirty.data.DatasetFiles;
import dev.thirty.data.Datasets;
import dev.thirty.data.Idx;
import dev.thirty.data.LabelledData;
import dev.thirty.experiment.Citation;
import dev.thirty.experiment.ClassifierTraining;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Headline;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.experiment.vision.ConfusionMatrix;
import dev.thirty.experiment.vision.FilterMosaic;
import dev.thirty.nn.Sequential;
import dev.thirty.optim.ParamGroup;
import dev.thirty.optim.Schedules;
import dev.thirty.optim.Sgd;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code thirty run lenet}: LeNet-5 ({@link LeNet5}) on MNIST ({@code --preset mnist}, the default) or
 * Fashion-MNIST ({@code --preset fashion}), trained with SGD, momentum and a cosine learning rate on the
 * training file less its last {@code validation} images, and tested on the 10,000 test images.
 *
 * <p>Reproducibility: the initial weights come from {@code Rng.seeded(seed)}; epoch {@code e}'s order from
 * {@code seed + 1 + e}; step {@code s}'s reflections from a generator seeded by {@code (seed, s)}; so a resumed
 * run replays exactly the batches of an uninterrupted one.
 */
public final class LeNetExperiment implements Experiment<LeNetConfig> {

    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    private static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    @Override
    public String name() {
        return "lenet";
    }

    @Override
    public String title() {
        return "LeNet-5 on MNIST and Fashion-MNIST";
    }

    @Override
    public Citation citation() {
        return new Citation("LeCun, Bottou, Bengio and Haffner (1998). Gradient-based learning applied to document"
                + " recognition. Proc. IEEE 86(11); Xiao, Rasul and Vollgraf (2017), Fashion-MNIST.",
                "http://yann.lecun.com/exdb/publis/pdf/lecun-01a.pdf");
    }

    @Override
    public Class<LeNetConfig> configType() {
        return LeNetConfig.class;
    }

    @Override
    public Map<String, LeNetConfig> presets() {
        Map<String, LeNetConfig> p = new LinkedHashMap<>();
        p.put("mnist", LeNetConfig.mnist());
        p.put("fashion", LeNetConfig.fashion());
        p.put("tiny", LeNetConfig.tiny());
        return p;
    }

    @Override
    public String defaultPreset() {
        return "mnist";
    }

    @Override
    public Headline headline() {
        return new Headline("test/error", 0.0095, 0.010, Headline.Direction.LOWER,
                "LeCun et al. (1998), Figure 9: LeNet-5 0.95% test error on MNIST without distortions;"
                        + " the target for Fashion-MNIST is 10%");
    }

    @Override
    public Headline headline(LeNetConfig c) {
        return c.dataset().equals("mnist") ? headline() : new Headline("test/error", 0.10, 0.10,
                Headline.Direction.LOWER, "Fashion-MNIST: 10% test error for LeNet-5 (Xiao et al. 2017 list"
                + " convolutional baselines around 9-10%)");
    }

    @Override
    public RunResult run(LeNetConfig c, RunContext ctx) throws IOException {
        boolean mnist = c.dataset().equals("mnist");
        DatasetFiles files = ctx.dataset(mnist ? Datasets.MNIST : Datasets.FASHION_MNIST);
        float mean = mnist ? 0.1307f : 0.2860f;
        float std = mnist ? 0.3081f : 0.3530f;
        LabelledData all = normalise(Idx.load(files.file("train-images-idx3-ubyte"),
                files.file("train-labels-idx1-ubyte"), Idx.Layout.IMAGE), mean, std);
        LabelledData test = normalise(Idx.load(files.file("t10k-images-idx3-ubyte"),
                files.file("t10k-labels-idx1-ubyte"), Idx.Layout.IMAGE), mean, std);
        int trainEnd = all.size() - c.validation();
        LabelledData train = all.slice(0, c.trainLimit() > 0 ? Math.min(c.trainLimit(), trainEnd) : trainEnd);
        LabelledData validation = all.slice(trainEnd, all.size());

        Sequential model = LeNet5.build(Rng.seeded(ctx.seed()));
        Sgd sgd = new Sgd(ParamGroup.decayMatricesOnly(model.namedParameters(),
                Sgd.Config.momentum(c.momentum()).withWeightDecay(c.weightDecay())), c.lr());
        ClassifierTraining loop = ClassifierTraining.ofEpochs("lenet", train.size(), c.batch(), c.epochs(),
                ctx.seed() + 1, perEpoch -> new Schedules.WarmupCosine(c.lr(), c.lr() / 100, 0, perEpoch * c.epochs()),
                50, "try a smaller lr (now " + c.lr() + ")");
        int stepsPerEpoch = loop.stepsPerEpoch();
        long totalSteps = loop.steps();
        Crops.Flip flip = c.flip() ? Crops.Flip.RANDOM : Crops.Flip.NONE;
        Optional<RunResult> stopped = loop.run(model, sgd, c, ctx, (order, from, to, step) -> {
            LabelledData batch = train.select(order, from, to);
            Tensor x = batch.inputs();
            if (c.flip() || c.shift() > 0) {
                var rng = Rng.forStep(ctx.seed(), step);
                x = c.shift() > 0 ? Crops.randomPadded(x, c.shift(), flip, rng) : Crops.random(x, 28, 28, flip, rng);
            }
            return new ClassifierTraining.Batch(x, batch.labels());
        }, done -> {
            if (done % stepsPerEpoch == 0 && validation.size() > 0) {
                Classify.Outcome v = evaluate(model, validation);
                ctx.log(done, "val/error", v.error());
                ctx.log(done, "val/loss", v.loss());
            }
        });
        if (stopped.isPresent()) {
            return stopped.get();
        }
        Classify.Outcome t = evaluate(model, test);
        ctx.log(totalSteps, "test/error", t.error());
        ctx.log(totalSteps, "test/loss", t.loss());

        ConfusionMatrix cm = ConfusionMatrix.of(t.predicted(), test.labels(), mnist ? DIGITS : FASHION);
        cm.writePng(ctx.runDir().resolve("confusion.png"), ConfusionMatrix.HeatMap.labelled());
        Tensor conv1 = model.get("conv1").namedParameters().get("weight");
        FilterMosaic.writePng(ctx.runDir().resolve("conv1-filters.png"), conv1.data(), conv1.shape().dims(),
                FilterMosaic.Layout.grid(6));
        double paper = mnist ? 0.0095 : 0.10;
        ctx.writeSamples(String.format(Locale.ROOT, "## %s test error%n%n| | error |%n|---|---:|%n"
                        + "| ours (LeNet-5, %d epochs) | %.2f%% |%n| %s | %.2f%% |%n%n"
                        + "## Confusion matrix (rows: actual, columns: predicted)%n%n![confusion](confusion.png)%n%n%s%n"
                        + "## conv1's six 5x5 filters%n%n![conv1](conv1-filters.png)%n",
                mnist ? "MNIST" : "Fashion-MNIST", c.epochs(), 100 * t.error(),
                mnist ? "LeCun et al. (1998), LeNet-5 without distortions" : "target here", 100 * paper,
                cm.toMarkdown()));
        loop.saveFinal(model, sgd, c, ctx);
        return RunResult.completed(totalSteps, Map.of("test/error", t.error(), "test/loss", t.loss()));
    }

    static Classify.Outcome evaluate(Sequential model, LabelledData data) {
        return Classify.evaluate(model, data.labels(), 1000,
                (from, to) -> List.of(data.slice(from, to).inputs()));
    }

    private static LabelledData normalise(LabelledData d, float mean, float std) {
        float[] x = d.inputs().data();
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - mean) / std;
        }
        return d;
    }
}
