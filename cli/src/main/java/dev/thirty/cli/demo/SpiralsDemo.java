package dev.thirty.cli.demo;

import dev.thirty.autograd.GradMode;
import dev.thirty.data.Spirals;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.optim.Sgd;
import dev.thirty.tensor.Arithmetic;
import dev.thirty.tensor.LinearAlgebra;
import dev.thirty.tensor.Pointwise;
import dev.thirty.tensor.Reductions;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A multi-layer perceptron learns the two-spirals problem with SGD and momentum: the whole engine
 * end to end (matmul, broadcasting add, ReLU, fused cross-entropy, backward, optimizer) on a data
 * set generated from the seed. Accuracy is measured on fresh points the network never saw.
 */
public final class SpiralsDemo {

    /**
     * The demo's settings.
     *
     * @param hidden   width of each hidden layer
     * @param layers   number of hidden layers
     * @param perClass training points per spiral arm
     * @param noise    standard deviation of the noise added to each point
     * @param steps    full-batch SGD steps
     * @param lr       learning rate
     * @param momentum SGD momentum
     * @param seed     seeds the data, the initialisation and the test set
     */
    public record Config(int hidden, int layers, int perClass, float noise, int steps, float lr,
                         float momentum, long seed) {

        public Config {
            if (hidden < 1 || layers < 1 || perClass < 1 || steps < 1 || !(lr > 0) || noise < 0
                    || !(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("spirals: invalid settings " + this);
            }
        }

        /** The default run: a 2-64-64-2 network, 1,500 steps. */
        public static Config defaults() {
            return new Config(64, 2, 200, 0.02f, 1500, 0.1f, 0.9f, 42);
        }

        public Config withSteps(int n) {
            return new Config(hidden, layers, perClass, noise, n, lr, momentum, seed);
        }

        public Config withSeed(long s) {
            return new Config(hidden, layers, perClass, noise, steps, lr, momentum, s);
        }
    }

    /** What a run reached. */
    public record Result(int steps, float finalLoss, double trainAccuracy, double testAccuracy,
                         int parameters, double seconds) {
    }

    /** Progress of one step, for the caller to display. */
    public record Progress(int step, int steps, float loss) {
    }

    private SpiralsDemo() {
    }

    public static Result run(Config config, Consumer<Progress> progress) {
        long start = System.nanoTime();
        RandomGenerator rng = new SplittableRandom(config.seed());
        Spirals train = Spirals.generate(2, config.perClass(), config.noise(), rng);
        Spirals test = Spirals.generate(2, config.perClass(), config.noise(), rng);
        List<Tensor> params = initialise(config, rng);
        Sgd sgd = new Sgd(params, config.lr(), config.momentum());
        Tensor x = Tensor.wrap(train.x(), Shape.of(train.size(), 2));
        float loss = Float.NaN;
        for (int step = 1; step <= config.steps(); step++) {
            sgd.zeroGrad();
            Tensor l = CrossEntropy.crossEntropy(forward(params, x), train.labels(), CrossEntropy.Options.DEFAULT);
            l.backward();
            sgd.step();
            loss = l.item();
            if (!Float.isFinite(loss)) {
                throw new IllegalStateException("spirals: loss became " + loss + " at step " + step
                        + "; lower the learning rate (now " + config.lr() + ")");
            }
            progress.accept(new Progress(step, config.steps(), loss));
        }
        int count = 0;
        for (Tensor p : params) {
            count += p.size();
        }
        return new Result(config.steps(), loss, accuracy(params, train), accuracy(params, test), count,
                (System.nanoTime() - start) / 1e9);
    }

    /** Weights (in, out) with He-uniform initialisation, suited to ReLU; biases zero. */
    private static List<Tensor> initialise(Config config, RandomGenerator rng) {
        List<Tensor> params = new ArrayList<>();
        int in = 2;
        for (int i = 0; i <= config.layers(); i++) {
            int out = i == config.layers() ? 2 : config.hidden();
            float bound = (float) Math.sqrt(6.0 / in);
            params.add(Tensor.uniform(rng, -bound, bound, in, out).requiringGrad());
            params.add(Tensor.zeros(out).requiringGrad());
            in = out;
        }
        return params;
    }

    /** Logits: (N, 2) -> hidden layers with ReLU -> (N, 2). */
    static Tensor forward(List<Tensor> params, Tensor x) {
        Tensor h = x;
        for (int i = 0; i < params.size(); i += 2) {
            h = Arithmetic.add(LinearAlgebra.matmul(h, params.get(i)), params.get(i + 1)); // (N, in) -> (N, out)
            if (i + 2 < params.size()) {
                h = Pointwise.relu(h);
            }
        }
        return h;
    }

    private static double accuracy(List<Tensor> params, Spirals data) {
        Tensor logits = GradMode.noGrad(() -> forward(params, Tensor.wrap(data.x(), Shape.of(data.size(), 2))));
        int[] predicted = Reductions.argmax(logits, -1);
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == data.labels()[i] ? 1 : 0;
        }
        return (double) correct / predicted.length;
    }
}
