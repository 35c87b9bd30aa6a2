package dev.thirty.papers.mnist;

import dev.thirty.autograd.GradMode;
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
import dev.thirty.nn.Activation;
import dev.thirty.nn.Mlp;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.optim.ParamGroup;
import dev.thirty.optim.Schedules;
import dev.thirty.optim.Sgd;
import dev.thirty.tensor.Reductions;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code thirty run mlp-mnist}: a 784-H-10 ReLU network trained with SGD, momentum and a cosine
 * learning rate on 55,000 MNIST digits, validated on the last 5,000 of the training file and
 * tested on the 10,000 test digits.
 *
 * <p>Reproducibility: the initial weights come from {@code Rng.seeded(seed)}; the order of epoch
 * {@code e} is a permutation drawn from {@code Rng.seeded(seed + 1 + e)}, a pure function of the
 * step, so a resumed run replays exactly the batches of an uninterrupted one.
 */
public final class MlpMnistExperiment implements Experiment<MlpMnistConfig> {

    /** The usual MNIST pixel statistics (of the training set, pixels scaled to [0, 1]). */
    static final float MEAN = 0.1307f;
    static final float STD = 0.3081f;

    @Override
    public String name() {
        return "mlp-mnist";
    }

    @Override
    public String title() {
        return "A multi-layer perceptron on MNIST";
    }

    @Override
    public Citation citation() {
        return new Citation("LeCun, Bottou, Bengio and Haffner (1998). Gradient-based learning applied to document"
                + " recognition. Proc. IEEE 86(11); Simard, Steinkraus and Platt (2003), 784-800-10 MLP.",
                "http://yann.lecun.com/exdb/publis/pdf/lecun-01a.pdf");
    }

    @Override
    public Class<MlpMnistConfig> configType() {
        return MlpMnistConfig.class;
    }

    @Override
    public Map<String, MlpMnistConfig> presets() {
        Map<String, MlpMnistConfig> p = new LinkedHashMap<>();
        p.put("cpu", MlpMnistConfig.cpu());
        p.put("paper", MlpMnistConfig.paper());
        p.put("tiny", MlpMnistConfig.tiny());
        return p;
    }

    @Override
    public Headline headline() {
        return new Headline("test/accuracy", 0.984, 0.97, Headline.Direction.HIGHER,
                "Simard et al. (2003): 1.6% test error for a 784-800-10 MLP with cross-entropy, no distortions");
    }

    @Override
    public RunResult run(MlpMnistConfig c, RunContext ctx) throws IOException {
        DatasetFiles files = ctx.dataset(Datasets.MNIST);
        LabelledData all = normalise(Idx.load(files.file("train-images-idx3-ubyte"),
                files.file("train-labels-idx1-ubyte"), Idx.Layout.FLAT));
        LabelledData test = normalise(Idx.load(files.file("t10k-images-idx3-ubyte"),
                files.file("t10k-labels-idx1-ubyte"), Idx.Layout.FLAT));
        int trainEnd = all.size() - c.validation();
        LabelledData train = all.slice(0, c.trainLimit() > 0 ? Math.min(c.trainLimit(), trainEnd) : trainEnd);
        LabelledData validation = all.slice(trainEnd, all.size());
        int[] widths = new int[c.hidden().length + 2];
        widths[0] = 784;
        System.arraycopy(c.hidden(), 0, widths, 1, c.hidden().length);
        widths[widths.length - 1] = 10;

        Mlp model = new Mlp(widths, Activation.RELU, Rng.seeded(ctx.seed()));
        Sgd sgd = new Sgd(ParamGroup.decayMatricesOnly(model.namedParameters(),
                new Sgd.Config(c.momentum(), 0, Sgd.Momentum.CLASSICAL, c.weightDecay())), c.lr());
        ClassifierTraining loop = new ClassifierTraining("mlp-mnist", train.size(), c.batch(), c.steps(),
                ctx.seed() + 1, new Schedules.WarmupCosine(c.lr(), c.lr() / 100, 0, c.steps()), 50,
                "try a smaller lr (now " + c.lr() + ")");
        Optional<RunResult> stopped = loop.run(model, sgd, c, ctx, (order, from, to, step) -> {
            LabelledData batch = train.select(order, from, to);
            return new ClassifierTraining.Batch(batch.inputs(), batch.labels());
        }, done -> {
            if (done % c.evalEvery() == 0 || done == c.steps()) {
                Evaluation v = evaluate(model, validation);
                ctx.log(done, "val/loss", v.loss());
                ctx.log(done, "val/accuracy", v.accuracy());
            }
        });
        if (stopped.isPresent()) {
            return stopped.get();
        }
        Evaluation t = evaluate(model, test);
        ctx.log(c.steps(), "test/loss", t.loss());
        ctx.log(c.steps(), "test/accuracy", t.accuracy());
        loop.saveFinal(model, sgd, c, ctx);
        return RunResult.completed(c.steps(), Map.of("test/accuracy", t.accuracy(), "test/loss", t.loss()));
    }

    /** Mean loss and accuracy over a data set, in batches, without recording gradients. */
    record Evaluation(double loss, double accuracy) {
    }

    static Evaluation evaluate(Mlp model, LabelledData data) {
        return GradMode.noGrad(() -> {
            double lossSum = 0;
            int correct = 0;
            for (int from = 0; from < data.size(); from += 1000) {
                int to = Math.min(data.size(), from + 1000);
                LabelledData b = data.slice(from, to);
                Tensor logits = model.forward(b.inputs());
                lossSum += CrossEntropy.crossEntropy(logits, b.labels()).item() * (to - from);
                int[] predicted = Reductions.argmax(logits, -1);
                for (int i = 0; i < predicted.length; i++) {
                    correct += predicted[i] == b.labels()[i] ? 1 : 0;
                }
            }
            return new Evaluation(lossSum / data.size(), (double) correct / data.size());
        });
    }

    private static LabelledData normalise(LabelledData d) {
        float[] x = d.inputs().data();
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - MEAN) / STD;
        }
        return d;
    }
}
