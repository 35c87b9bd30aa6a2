package dev.thirty.papers.alexnet;

import dev.thirty.autograd.GradMode;
import dev.thirty.data.Cifar10;
import dev.thirty.data.CifarBinary;
import dev.thirty.data.Crops;
import dev.thirty.data.Datasets;
import dev.thirty.data.MeanImage;
import dev.thirty.data.MissingDatasetException;
import dev.thirty.data.RawImages;
import dev.thirty.experiment.Citation;
import dev.thirty.experiment.ClassifierTraining;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Headline;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.experiment.vision.ConfusionMatrix;
import dev.thirty.experiment.vision.FilterMosaic;
import dev.thirty.experiment.vision.ImageArray;
import dev.thirty.experiment.vision.NearestNeighbours;
import dev.thirty.experiment.vision.NeighbourGrid;
import dev.thirty.nn.Sequential;
import dev.thirty.optim.ParamGroup;
import dev.thirty.optim.Sgd;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * {@code thirty run alexnet-cifar}: Krizhevsky's cuda-convnet CIFAR-10 recipes ({@link CudaConvnet}) — the
 * 18pct net by default, {@code --preset 80sec}, {@code --preset 19pct}, and {@code --preset augmented} (the
 * 19pct net on random 24x24 translations and reflections, tested on ten views).
 *
 * <p>Data: the 50,000 training images (the official binary batches if {@code --data} has them, else the
 * JPEG copy), minus their per-pixel mean image, on cuda-convnet's raw 0..255 scale; tested on the 10,000
 * test images (cuda-convnet's "batch 6"). The report also classifies the 200 lossless training images of
 * {@code cifar10-sample} and their JPEG copies, to show what the JPEG loss does to the predictions.
 *
 * <p>Reproducibility: initial weights from {@code Rng.seeded(seed)}; the training subset (with a
 * {@code trainLimit}) from {@code seed + 1}; epoch {@code e}'s order from {@code seed + 2 + e}; step
 * {@code s}'s crops and reflections from a generator seeded by {@code (seed, s)} — all pure functions of the
 * step, so a resumed run replays exactly the batches of an uninterrupted one.
 */
public final class AlexNetCifarExperiment implements Experiment<AlexNetCifarConfig> {

    private static final int SIDE = 32;
    private static final int EVAL_BATCH = 500;
    /** The test subset of a {@code testLimit} is the same for every seed, so runs compare. */
    private static final long TEST_SUBSET_SEED = 0x7E57;

    @Override
    public String name() {
        return "alexnet-cifar";
    }

    @Override
    public String title() {
        return "AlexNet's recipe on CIFAR-10: Krizhevsky's cuda-convnet nets (18pct, 80sec, 19pct + translations)";
    }

    @Override
    public Citation citation() {
        return new Citation("Krizhevsky, Sutskever and Hinton (2012). ImageNet Classification with Deep Convolutional"
                + " Neural Networks. NIPS 25; the CIFAR-10 layer files of Krizhevsky's cuda-convnet"
                + " (code.google.com/p/cuda-convnet, example-layers/).",
                "https://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks");
    }

    @Override
    public Class<AlexNetCifarConfig> configType() {
        return AlexNetCifarConfig.class;
    }

    @Override
    public Map<String, AlexNetCifarConfig> presets() {
        Map<String, AlexNetCifarConfig> p = new LinkedHashMap<>();
        p.put("18pct", AlexNetCifarConfig.net18pct());
        p.put("80sec", AlexNetCifarConfig.net80sec());
        p.put("19pct", AlexNetCifarConfig.net19pct());
        p.put("augmented", AlexNetCifarConfig.augmented());
        p.put("ci", AlexNetCifarConfig.ci());
        return p;
    }

    @Override
    public String defaultPreset() {
        return "18pct";
    }

    @Override
    public Headline headline() {
        return new Headline("test/error", 0.18, 0.19, Headline.Direction.LOWER,
                "cuda-convnet's layers-18pct.cfg: \"18% error on CIFAR-10 in 20 minutes\" (140 epochs on a GTX 580);"
                        + " the 80sec net reports 26%, the 19pct net with translations 14.2%");
    }

    @Override
    public Headline headline(AlexNetCifarConfig c) {
        Reported r = reported(c);
        return new Headline("test/error", r.paper(), r.target(), Headline.Direction.LOWER, "cuda-convnet's " + r.source());
    }

    /** The error cuda-convnet reports for a config's net and data, and the target this project sets. */
    record Reported(double paper, double target, String source) {
    }

    static Reported reported(AlexNetCifarConfig c) {
        return switch (c.network()) {
            case NET_80SEC -> new Reported(0.26, 0.27, "layers-80sec.cfg: 26% error in 80 seconds (10 epochs)");
            case NET_18PCT -> new Reported(0.18, 0.19, "layers-18pct.cfg: 18% error in 20 minutes (140 epochs)");
            case NET_19PCT -> c.crop() > 0
                    ? new Reported(0.142, 0.15, "layer-params-19pct.cfg: 14.2% with translations and wc 0")
                    : new Reported(0.19, 0.20, "layers-19pct.cfg: 19% error");
        };
    }

    @Override
    public RunResult run(AlexNetCifarConfig c, RunContext ctx) throws IOException {
        Cifar10.Loaded trainLoaded = Cifar10.load(ctx.data(), Cifar10.Split.TRAIN);
        Cifar10.Loaded testLoaded = Cifar10.load(ctx.data(), Cifar10.Split.TEST);
        RawImages allTrain = trainLoaded.images();
        RawImages train = allTrain.sample(c.trainLimit(), Rng.seeded(ctx.seed() + 1));
        RawImages test = testLoaded.images().sample(c.testLimit(), Rng.seeded(TEST_SUBSET_SEED));
        MeanImage mean = MeanImage.fit(train);
        ctx.say(String.format(Locale.ROOT, "alexnet-cifar: %s net, %d training and %d test images from %s (%s)",
                c.net(), train.size(), test.size(), trainLoaded.from().getFileName(), trainLoaded.source()));

        int side = c.crop() > 0 ? c.crop() : SIDE;
        CudaConvnet.Net net = c.network();
        Sequential model = CudaConvnet.build(net, side, Rng.seeded(ctx.seed()));
        List<CudaConvnet.LayerParams> params = new ArrayList<>(CudaConvnet.layerParams(net));
        if (c.fcDecay() >= 0) {
            CudaConvnet.LayerParams fc10 = params.removeLast();
            params.add(new CudaConvnet.LayerParams(fc10.layer(), fc10.epsW(), fc10.epsB(), c.fcDecay()));
        }
        List<ParamGroup<Sgd.Config>> groups = CudaConvnet.parameterGroups(model, params, c.momentum());
        Sgd sgd = new Sgd(groups, c.epsW());

        ClassifierTraining loop = ClassifierTraining.ofEpochs("alexnet-cifar", train.size(), c.batch(), c.epochs(),
                ctx.seed() + 2, c::schedule, 20, "try a smaller epsW (now " + c.epsW() + ")");
        int stepsPerEpoch = loop.stepsPerEpoch();
        long totalSteps = loop.steps();
        Optional<RunResult> stopped = loop.run(model, sgd, c, ctx, (order, from, to, step) -> {
            return new ClassifierTraining.Batch(trainingView(mean.subtract(train, order, from, to), c,
                    Rng.forStep(ctx.seed(), step)), train.labels(order, from, to));
        }, done -> {
            if (done % stepsPerEpoch == 0 && done < totalSteps) {
                Classify.Outcome t = evaluate(model, test, mean, c);
                ctx.log(done, "test/error", t.error());
                ctx.log(done, "test/loss", t.loss());
                ctx.log(done, "epoch", (double) done / stepsPerEpoch);
            }
        });
        if (stopped.isPresent()) {
            return stopped.get();
        }

        Classify.Outcome t = evaluate(model, test, mean, c);
        ctx.log(totalSteps, "test/error", t.error());
        ctx.log(totalSteps, "test/loss", t.loss());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test/error", t.error());
        metrics.put("test/loss", t.loss());
        StringBuilder md = new StringBuilder();
        Reported r = reported(c);
        md.append("## CIFAR-10 test error\n\n| | error |\n|---|---:|\n")
                .append(String.format(Locale.ROOT, "| ours (%s net, %d epochs, %d test images, %s) | %.2f%% |%n",
                        c.net(), c.epochs(), test.size(), trainLoaded.source() == Cifar10.Source.JPEG
                                ? "trained on the JPEG copy" : "binary batches", 100 * t.error()))
                .append(String.format(Locale.ROOT, "| cuda-convnet (%s) | %.1f%% |%n", r.source(), 100 * r.paper()))
                .append(String.format(Locale.ROOT, "| target here | %.1f%% |%n%n", 100 * r.target()));

        ConfusionMatrix cm = ConfusionMatrix.of(t.predicted(), test.labels(), Datasets.CIFAR10_CLASSES);
        cm.writePng(ctx.runDir().resolve("confusion.png"), ConfusionMatrix.HeatMap.labelled());
        dev.thirty.io.AtomicFiles.writeString(ctx.runDir().resolve("confusion.csv"), cm.toCsv());
        md.append("## Confusion matrix (rows: actual, columns: predicted)\n\n![confusion](confusion.png)\n\n")
                .append(cm.toMarkdown()).append('\n');

        Tensor conv1 = model.get("conv1").namedParameters().get("weight");
        FilterMosaic.writePng(ctx.runDir().resolve("conv1-filters.png"), conv1.data(), conv1.shape().dims(),
                FilterMosaic.Layout.grid(8));
        md.append("## The learned first-layer filters (the paper's Figure 3)\n\n![conv1](conv1-filters.png)\n\n")
                .append("32 filters of 5x5x3, each stretched to its own contrast.\n\n");

        if (c.neighbours() > 0) {
            writeNeighbours(model, net, train, test, mean, c, ctx.runDir());
            md.append("## Nearest training images in the last hidden layer (the paper's Figure 4)\n\n")
                    .append("![neighbours](neighbours.png)\n\nLeft: a test image; right: the training images whose ")
                    .append(CudaConvnet.lastHidden(net)).append(" features are closest in Euclidean distance.\n\n");
        }
        md.append(losslessComparison(model, allTrain, trainLoaded.source(), mean, c, ctx, metrics));
        ctx.writeSamples(md.toString());
        loop.saveFinal(model, sgd, c, ctx);
        return RunResult.completed(totalSteps, metrics);
    }

    private static Tensor trainingView(Tensor x, AlexNetCifarConfig c, RandomGenerator rng) {
        Crops.Flip flip = c.flip() ? Crops.Flip.RANDOM : Crops.Flip.NONE;
        if (c.crop() > 0 && c.crop() < SIDE) {
            return Crops.random(x, c.crop(), c.crop(), flip, rng);
        }
        return c.flip() ? Crops.random(x, SIDE, SIDE, flip, rng) : x;
    }

    private static List<Tensor> testViews(Tensor x, AlexNetCifarConfig c) {
        if (c.crop() == 0 || c.crop() == SIDE) {
            return List.of(x);
        }
        return c.multiview() ? Crops.tenCrops(x, c.crop(), c.crop()) : List.of(Crops.centre(x, c.crop(), c.crop()));
    }

    static Classify.Outcome evaluate(Sequential model, RawImages data, MeanImage mean, AlexNetCifarConfig c) {
        return Classify.evaluate(model, data.labels(), EVAL_BATCH,
                (from, to) -> testViews(mean.subtract(data, null, from, to), c));
    }

    /** The last hidden layer's features of every image, {@code (N, d)} row-major. */
    private static float[] features(Sequential model, RawImages data, MeanImage mean, AlexNetCifarConfig c,
                                    String layer) {
        model.eval();
        try {
            return GradMode.noGrad(() -> {
                float[] out = null;
                int d = 0;
                for (int from = 0; from < data.size(); from += EVAL_BATCH) {
                    int to = Math.min(data.size(), from + EVAL_BATCH);
                    Tensor x = mean.subtract(data, null, from, to);
                    if (c.crop() > 0 && c.crop() < SIDE) {
                        x = Crops.centre(x, c.crop(), c.crop());
                    }
                    Tensor f = model.forwardThrough(layer, x);
                    if (out == null) {
                        d = f.size() / (to - from);
                        out = new float[data.size() * d];
                    }
                    System.arraycopy(f.data(), 0, out, from * d, (to - from) * d);
                }
                return out;
            });
        } finally {
            model.train();
        }
    }

    /** One test image of each class in turn (the first not yet taken), {@code count} in all. */
    static int[] queries(int[] labels, int count) {
        int[] out = new int[Math.min(count, labels.length)];
        boolean[] taken = new boolean[labels.length];
        int found = 0;
        for (int round = 0; found < out.length && round < labels.length; round++) {
            int cls = round % 10;
            for (int i = 0; i < labels.length; i++) {
                if (!taken[i] && labels[i] == cls) {
                    taken[i] = true;
                    out[found++] = i;
                    break;
                }
            }
        }
        return Arrays.copyOf(out, found);
    }

    private static void writeNeighbours(Sequential model, CudaConvnet.Net net, RawImages train, RawImages test,
                                        MeanImage mean, AlexNetCifarConfig c, Path runDir) throws IOException {
        String layer = CudaConvnet.lastHidden(net);
        int[] q = queries(test.labels(), c.neighbours());
        RawImages queryImages = test.select(q);
        float[] qf = features(model, queryImages, mean, c, layer);
        float[] bank = features(model, train, mean, c, layer);
        int d = qf.length / q.length;
        int k = 6;
        NearestNeighbours.Result nn = NearestNeighbours.search(qf, bank, d, k);
        int[] picked = new int[q.length * k];
        int[] local = new int[picked.length];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = nn.indices()[i];
            local[i] = i;
        }
        NearestNeighbours.Result remapped = new NearestNeighbours.Result(q.length, k, local, nn.distances());
        NeighbourGrid.writePng(runDir.resolve("neighbours.png"), byteImages(queryImages),
                byteImages(train.select(picked)), remapped, NeighbourGrid.Layout.of(3));
    }

    private static ImageArray byteImages(RawImages images) {
        float[] px = new float[images.pixels().length];
        for (int i = 0; i < px.length; i++) {
            px[i] = images.pixels()[i] & 0xff;
        }
        return new ImageArray(px, images.size(), images.channels(), images.height(), images.width(),
                ImageArray.PixelRange.BYTE);
    }

    /**
     * The 200 lossless training images of {@code cifar10-sample} against their JPEG copies (the k-th image of a
     * class in {@code data_batch_1} is that class's k-th JPEG, so the copy of each is known), when both are at
     * hand: errors on each, how often the two predictions agree, and the pixel RMSE between them.
     */
    private static String losslessComparison(Sequential model, RawImages allTrain, Cifar10.Source source,
                                             MeanImage mean, AlexNetCifarConfig c, RunContext ctx,
                                             Map<String, Double> metrics) throws IOException {
        RawImages lossless;
        try {
            lossless = CifarBinary.readRaw(ctx.data().locate(Datasets.CIFAR10_SAMPLE)
                    .file("data_batch_1_first200.bin"));
        } catch (MissingDatasetException e) {
            return "## Lossless images\n\n`cifar10-sample` is not in the data folder, so the JPEG copy was not"
                    + " compared with the original pixels.\n";
        }
        Classify.Outcome exact = evaluate(model, lossless, mean, c);
        metrics.put("lossless200/error", exact.error());
        StringBuilder md = new StringBuilder("## Lossless images\n\n");
        md.append(String.format(Locale.ROOT, "The 200 lossless images of `cifar10-sample` (the first 200 of"
                + " `data_batch_1`, so training images): error %.1f%%.", 100 * exact.error()));
        int[] copy = source == Cifar10.Source.JPEG ? jpegCopies(lossless.labels(), allTrain.labels()) : null;
        if (copy != null) {
            RawImages jpeg = allTrain.select(copy);
            double rmse = rmse(lossless, jpeg);
            if (rmse < 20) {
                Classify.Outcome lossy = evaluate(model, jpeg, mean, c);
                int agree = 0;
                for (int i = 0; i < copy.length; i++) {
                    agree += exact.predicted()[i] == lossy.predicted()[i] ? 1 : 0;
                }
                metrics.put("jpeg200/error", lossy.error());
                metrics.put("lossless200/agreement", agree / (double) copy.length);
                md.append(String.format(Locale.ROOT, " Their JPEG copies, which the net was trained on: error %.1f%%;"
                        + " the two predictions agree on %d of 200; pixel RMSE between the copies %.1f on the"
                        + " 0..255 scale.", 100 * lossy.error(), agree, rmse));
            }
        }
        return md.append("\n").toString();
    }

    /** For each lossless image, the index of its JPEG copy in the class-ordered JPEG training set, or null. */
    static int[] jpegCopies(int[] losslessLabels, int[] jpegLabels) {
        int[] firstOfClass = new int[10];
        Arrays.fill(firstOfClass, -1);
        for (int i = jpegLabels.length - 1; i >= 0; i--) {
            if (jpegLabels[i] < 0 || jpegLabels[i] >= 10) {
                return null;
            }
            firstOfClass[jpegLabels[i]] = i;
        }
        int[] seen = new int[10];
        int[] out = new int[losslessLabels.length];
        for (int i = 0; i < out.length; i++) {
            int cls = losslessLabels[i];
            if (firstOfClass[cls] < 0) {
                return null;
            }
            out[i] = firstOfClass[cls] + seen[cls]++;
            if (out[i] >= jpegLabels.length || jpegLabels[out[i]] != cls) {
                return null;
            }
        }
        return out;
    }

    private static double rmse(RawImages a, RawImages b) {
        double s = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            double d = (a.pixels()[i] & 0xff) - (b.pixels()[i] & 0xff);
            s += d * d;
        }
        return Math.sqrt(s / a.pixels().length);
    }
}
