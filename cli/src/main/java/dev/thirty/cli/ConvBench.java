package dev.thirty.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thirty.kernels.ComputePool;
import dev.thirty.kernels.Conv2dShape;
import dev.thirty.kernels.ConvKernels;
import dev.thirty.kernels.Kernels;
import dev.thirty.kernels.PoolMode;
import dev.thirty.kernels.ResponseNorm;
import dev.thirty.kernels.Rounding;
import dev.thirty.kernels.Window2d;
import dev.thirty.nn.Activation;
import dev.thirty.nn.Conv2d;
import dev.thirty.nn.Layer;
import dev.thirty.nn.Linear;
import dev.thirty.nn.LocalResponseNorm;
import dev.thirty.nn.Module;
import dev.thirty.nn.Pool2d;
import dev.thirty.nn.Reshaping;
import dev.thirty.nn.Sequential;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.optim.Sgd;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thirty bench conv}: convolution kernel GFLOPS at the layer shapes of the classic CIFAR-10
 * nets (cuda-convnet's, the TensorFlow tutorial's) and of AlexNet, each pass (forward, input
 * gradient, weight gradient) timed alone through the active {@link ConvKernels}; then training
 * images per second of five small CNNs (forward, cross-entropy, backward, SGD with momentum 0.9,
 * random seeded inputs), the networks {@code bench/pytorch/cnn_cifar_shape.py} times plus
 * cuda-convnet's two CIFAR nets, optionally beside that script's figures.
 *
 * <p>A kernel pass counts {@code 2 N Cout Hout Wout (Cin / groups) kh kw} floating-point
 * operations. Training figures follow the reference script: repeats of a fixed number of steps
 * (five times as many for LeNet-5, whose steps are short), images/s of each repeat, the median.
 * {@code --layers} splits one step of the named networks by layer, forward and backward, each
 * layer timed alone at its place in the net.
 */
@Command(name = "conv", mixinStandardHelpOptions = true,
        description = "Convolution kernel GFLOPS per layer and pass, and small-CNN training images/s.")
final class ConvBench implements Runnable {

    /** The classes of every network's output. */
    private static final int CLASSES = 10;

    @Option(names = "--only", defaultValue = "all",
            description = "What to measure: kernels, training or all (default: ${DEFAULT-VALUE}).")
    String only;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "Thread counts to measure; kernels are also measured at 1 (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--batch", defaultValue = "128", description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--cifar-batch", defaultValue = "128",
            description = "Batch of the CIFAR kernel shapes (default: ${DEFAULT-VALUE}).")
    int cifarBatch;

    @Option(names = "--imagenet-batch", defaultValue = "16",
            description = "Batch of the AlexNet (224 input) kernel shapes (default: ${DEFAULT-VALUE}).")
    int imagenetBatch;

    @Option(names = "--steps", defaultValue = "3",
            description = "Training steps per timed repeat; LeNet-5 runs five times as many (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--reps", defaultValue = "5",
            description = "Timed repeats per training figure, and the least per kernel figure (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--warmup", defaultValue = "1",
            description = "Seconds of untimed runs before each figure, at least two steps or one kernel call"
                    + " (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--seconds", defaultValue = "0.3",
            description = "Least measuring time per kernel figure (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--layers", split = ",", paramLabel = "NET",
            description = "Also split a training step of these networks by layer (forward, backward), at each"
                    + " thread count.")
    List<String> layerNets;

    @Option(names = "--reference", paramLabel = "FILE",
            description = "PyTorch's figures, as written by cnn_cifar_shape.py --json FILE: adds a PyTorch and a"
                    + " ratio column.")
    Path reference;

    @Option(names = "--json", arity = "0..1", fallbackValue = "-", paramLabel = "FILE",
            description = "Write the result as one JSON object to FILE (standard output when no FILE is given).")
    String json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One convolution layer of a published net, at the batch it is measured with. */
    record Layer2d(String name, Conv2dShape shape) {
    }

    /** One kernel figure: a layer's pass at a thread count, GFLOPS median and range over repeats. */
    record KernelResult(String layer, String pass, int threads, int batch, String input, String output,
                        String window, int groups, double gflop, double msMedian, double gflops,
                        double gflopsMin, double gflopsMax) {
    }

    /** One training figure: images/s median and range over repeats of {@code steps} steps. */
    record TrainingResult(String key, int batch, int threads, int steps, int reps, double imagesPerSecond,
                          double imagesPerSecondMin, double imagesPerSecondMax, double msPerStep,
                          double finalLoss) {
    }

    /** One layer's share of a training step: median forward and backward milliseconds, alone. */
    record LayerResult(String key, int threads, int index, String layer, String output, double forwardMs,
                       double backwardMs) {
    }

    /** A training network: its key, description, per-image input shape and layers with their output shapes. */
    record Network(String key, String description, int[] input, List<Stage> stages) {

        Sequential model() {
            return new Sequential(stages.stream().map(Stage::module).toArray(Module[]::new));
        }
    }

    /** One layer of a network and the per-image shape it must output. */
    record Stage(Module module, int... output) {
    }

    @Override
    public void run() {
        boolean kernels = switch (only.toLowerCase(Locale.ROOT)) {
            case "kernels", "all" -> true;
            case "training" -> false;
            default -> throw new IllegalArgumentException("conv bench: --only is kernels, training or all, got '"
                    + only + "'");
        };
        boolean training = !only.equalsIgnoreCase("kernels");
        if (threads.stream().anyMatch(t -> t < 1) || batch < 1 || cifarBatch < 1 || imagenetBatch < 1
                || steps < 1 || reps < 1 || !(warmup >= 0) || !(seconds >= 0)) {
            throw new IllegalArgumentException("conv bench: need positive --threads, --batch, --cifar-batch,"
                    + " --imagenet-batch, --steps and --reps, and --warmup, --seconds >= 0");
        }
        List<String> keys = networks(1).stream().map(Network::key).toList();
        List<String> split = layerNets == null ? List.of() : layerNets;
        for (String k : split) {
            if (!keys.contains(k)) {
                throw new IllegalArgumentException("conv bench: --layers: no network '" + k + "'; the networks are "
                        + String.join(", ", keys));
            }
        }
        Reference ref = reference == null ? null : Reference.read(reference);
        boolean jsonOnStdout = "-".equals(json);
        PrintWriter human = jsonOnStdout ? spec.commandLine().getErr() : spec.commandLine().getOut();
        Map<String, Object> machine = RunRecords.machine();
        human.println("# thirty bench conv");
        human.println();
        String runtime = "Java " + Runtime.version() + ", "
                + Kernels.configuredBackend().name().toLowerCase(Locale.ROOT) + " kernels";
        human.println("Processor: " + machine.get("cpuModel") + ", " + machine.get("cpus") + " CPUs; " + runtime
                + "; threads " + threads + "; medians (min..max).");
        human.flush();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "conv");
        out.put("cpuModel", machine.get("cpuModel"));
        out.put("machine", machine);
        out.put("runtime", runtime);
        out.put("threads", threads);
        if (kernels) {
            List<KernelResult> results = measureKernels(human);
            Map<String, Map<String, Map<String, Double>>> gflops = new LinkedHashMap<>();
            for (KernelResult r : results) {
                gflops.computeIfAbsent(r.layer(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.pass(), k -> new LinkedHashMap<>())
                        .put(Integer.toString(r.threads()), r.gflops());
            }
            out.put("cifarBatch", cifarBatch);
            out.put("imagenetBatch", imagenetBatch);
            out.put("gflops", gflops);
            out.put("kernels", results);
        }
        if (training) {
            List<TrainingResult> results = measureTraining(human, ref);
            Map<String, Map<String, Double>> images = new LinkedHashMap<>();
            for (TrainingResult r : results) {
                images.computeIfAbsent(r.key(), k -> new LinkedHashMap<>())
                        .put(Integer.toString(r.threads()), r.imagesPerSecond());
            }
            out.put("batch", batch);
            out.put("steps", steps);
            out.put("reps", reps);
            out.put("imagesPerSecond", images);
            out.put("training", results);
            if (ref != null) {
                Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
                for (TrainingResult r : results) {
                    Double theirs = ref.imagesPerSecond(r.key(), r.threads());
                    if (theirs != null) {
                        ratios.computeIfAbsent(r.key(), k -> new LinkedHashMap<>())
                                .put(Integer.toString(r.threads()), r.imagesPerSecond() / theirs);
                    }
                }
                Map<String, Object> refOut = new LinkedHashMap<>();
                refOut.put("torch", ref.torch());
                refOut.put("imagesPerSecond", ref.figures());
                out.put("reference", refOut);
                out.put("ratioToReference", ratios);
            }
        }
        if (!split.isEmpty()) {
            out.put("layers", measureLayers(human, split));
        }
        if (json != null) {
            if (jsonOnStdout) {
                JsonOutput.print(spec.commandLine().getOut(), out);
            } else {
                StringWriter text = new StringWriter();
                JsonOutput.print(new PrintWriter(text), out);
                try {
                    Files.writeString(Path.of(json), text.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException("conv bench: could not write " + json, e);
                }
                human.println();
                human.println("Wrote " + json + ".");
                human.flush();
            }
        }
    }

    // ---- kernels ----

    /** The conv layers of the three nets, with the output sizes they are stated to have. */
    private List<Layer2d> layers() {
        int c = cifarBatch;
        int i = imagenetBatch;
        Window2d five = Window2d.square(5, 1, 2);
        Window2d three = Window2d.square(3, 1, 1);
        List<Layer2d> list = List.of(
                new Layer2d("cudaconvnet conv1", new Conv2dShape(c, 3, 32, 32, 32, five, 1)),
                new Layer2d("cudaconvnet conv2", new Conv2dShape(c, 32, 16, 16, 32, five, 1)),
                new Layer2d("cudaconvnet conv3", new Conv2dShape(c, 32, 8, 8, 64, five, 1)),
                new Layer2d("tf_cifar conv1", new Conv2dShape(c, 3, 32, 32, 64, five, 1)),
                new Layer2d("tf_cifar conv2", new Conv2dShape(c, 64, 16, 16, 64, five, 1)),
                new Layer2d("alexnet conv1", new Conv2dShape(i, 3, 224, 224, 96,
                        Window2d.square(11, 4, 0).rounded(Rounding.CEIL), 1)),
                new Layer2d("alexnet conv2", new Conv2dShape(i, 96, 27, 27, 256, five, 2)),
                new Layer2d("alexnet conv3", new Conv2dShape(i, 256, 13, 13, 384, three, 1)),
                new Layer2d("alexnet conv4", new Conv2dShape(i, 384, 13, 13, 384, three, 2)),
                new Layer2d("alexnet conv5", new Conv2dShape(i, 384, 13, 13, 256, three, 2)));
        int[] stated = {32, 16, 8, 32, 16, 55, 27, 13, 13, 13};
        for (int k = 0; k < list.size(); k++) {
            Conv2dShape s = list.get(k).shape();
            if (s.outHeight() != stated[k] || s.outWidth() != stated[k]) {
                throw new IllegalStateException("conv bench: " + list.get(k).name() + " gives " + s.outHeight() + "x"
                        + s.outWidth() + " outputs, not " + stated[k] + "x" + stated[k]);
            }
        }
        return list;
    }

    /** Kernels at one thread, then at each other requested count. */
    private List<Integer> kernelThreads() {
        LinkedHashSet<Integer> counts = new LinkedHashSet<>();
        counts.add(1);
        counts.addAll(threads);
        return List.copyOf(counts);
    }

    private List<KernelResult> measureKernels(PrintWriter human) {
        human.println();
        human.println("## Convolution kernels, GFLOPS (FLOPs = 2 N Cout Hout Wout Cin/groups kh kw per pass)");
        human.println();
        human.println("| layer | batch | input | output | window | groups | threads | forward | input grad"
                + " | weight grad |");
        human.println("|---|---|---|---|---|---|---|---|---|---|");
        human.flush();
        List<KernelResult> results = new ArrayList<>();
        List<Layer2d> layers = layers();
        for (int t : kernelThreads()) {
            try (ComputePool pool = ComputePool.ofThreads(t)) {
                for (Layer2d layer : layers) {
                    List<KernelResult> row = pool.call(() -> measureLayer(layer, t));
                    results.addAll(row);
                    KernelResult f = row.get(0);
                    human.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %d | %d | %s | %s | %s |%n", f.layer(),
                            f.batch(), f.input(), f.output(), f.window(), f.groups(), t, figure(row.get(0)),
                            figure(row.get(1)), figure(row.get(2)));
                    human.flush();
                }
            }
        }
        return results;
    }

    private static String figure(KernelResult r) {
        return String.format(Locale.ROOT, "%.1f (%.1f..%.1f)", r.gflops(), r.gflopsMin(), r.gflopsMax());
    }

    /** The three passes of one layer on random data, each alone, on the pool bound by the caller. */
    private List<KernelResult> measureLayer(Layer2d layer, int threadCount) {
        Conv2dShape s = layer.shape();
        SplittableRandom rng = new SplittableRandom(42);
        float[] x = random(rng, s.inputSize());
        float[] w = random(rng, s.weightSize());
        float[] bias = random(rng, s.outChannels());
        float[] y = new float[s.outputSize()];
        float[] dy = random(rng, s.outputSize());
        float[] dx = new float[s.inputSize()];
        float[] dw = new float[s.weightSize()];
        float[] dbias = new float[s.outChannels()];
        ConvKernels k = Kernels.active().conv();
        double flops = 2.0 * s.macs();
        String input = s.inChannels() + "x" + s.height() + "x" + s.width();
        String output = s.outChannels() + "x" + s.outHeight() + "x" + s.outWidth();
        String window = s.window().describe();
        List<KernelResult> row = new ArrayList<>();
        // the gradients accumulate (+=) run after run: harmless for timing, and no clearing is timed
        String[] passes = {"forward", "inputGrad", "weightGrad"};
        Runnable[] work = {
            () -> k.conv2d(s, x, w, bias, y),
            () -> k.conv2dInputGrad(s, dy, w, dx),
            () -> k.conv2dWeightGrad(s, x, dy, dw, dbias)};
        for (int p = 0; p < passes.length; p++) {
            double[] nanos = repeat(work[p]);
            double median = Timing.median(Arrays.stream(nanos).boxed().toList());
            row.add(new KernelResult(layer.name(), passes[p], threadCount, s.batch(), input, output, window,
                    s.groups(), flops / 1e9, median / 1e6, flops / median, flops / nanos[nanos.length - 1],
                    flops / nanos[0]));
        }
        return row;
    }

    /**
     * Run times of {@code work}, sorted: after at least one run and {@code --warmup} seconds (so the
     * JIT has compiled the kernels), at least {@code --reps} runs and {@code --seconds}.
     */
    private double[] repeat(Runnable work) {
        long start = System.nanoTime();
        do {
            work.run();
        } while (System.nanoTime() - start < warmup * 1e9 / 2);
        List<Double> times = new ArrayList<>();
        long measureStart = System.nanoTime();
        while (times.size() < reps || System.nanoTime() - measureStart < seconds * 1e9) {
            long t0 = System.nanoTime();
            work.run();
            times.add((double) (System.nanoTime() - t0));
        }
        return times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return v;
    }

    // ---- training ----

    /** The five networks, their layers seeded from {@code seed}, with the shapes each must output. */
    static List<Network> networks(long seed) {
        Rng rng = Rng.seeded(seed);
        Window2d five = Window2d.square(5, 1, 2);
        Window2d tfPool = Window2d.square(3, 2, 1);
        Window2d ccnPool = Window2d.square(3, 2, 0).rounded(Rounding.CEIL);
        ResponseNorm tfNorm = ResponseNorm.pytorch(9, 0.001f, 0.75f, 1f);
        ResponseNorm ccnNorm = ResponseNorm.cudaConvnetSameMap(3, 5e-5f, 0.75f);
        List<Network> nets = new ArrayList<>();
        for (boolean lrn : new boolean[] {true, false}) {
            List<Stage> s = new ArrayList<>();
            s.add(new Stage(new Conv2d(3, 64, five, rng), 64, 32, 32));
            s.add(new Stage(Activation.RELU.layer(), 64, 32, 32));
            s.add(new Stage(Pool2d.max(tfPool), 64, 16, 16));
            if (lrn) {
                s.add(new Stage(new LocalResponseNorm(tfNorm), 64, 16, 16));
            }
            s.add(new Stage(new Conv2d(64, 64, five, rng), 64, 16, 16));
            s.add(new Stage(Activation.RELU.layer(), 64, 16, 16));
            if (lrn) {
                s.add(new Stage(new LocalResponseNorm(tfNorm), 64, 16, 16));
            }
            s.add(new Stage(Pool2d.max(tfPool), 64, 8, 8));
            s.add(new Stage(Reshaping.flatten(), 4096));
            s.add(new Stage(new Linear(4096, 384, rng), 384));
            s.add(new Stage(Activation.RELU.layer(), 384));
            s.add(new Stage(new Linear(384, 192, rng), 192));
            s.add(new Stage(Activation.RELU.layer(), 192));
            s.add(new Stage(new Linear(192, CLASSES, rng), CLASSES));
            nets.add(new Network(lrn ? "tf_cifar_lrn" : "tf_cifar_nolrn",
                    "TF-tutorial CIFAR net" + (lrn ? ", with LRN" : ", without LRN"), new int[] {3, 32, 32}, s));
        }
        nets.add(new Network("lenet5", "LeNet-5, MNIST shape", new int[] {1, 28, 28}, List.of(
                new Stage(new Conv2d(1, 6, five, rng), 6, 28, 28),
                new Stage(Activation.RELU.layer(), 6, 28, 28),
                new Stage(Pool2d.max(Window2d.square(2, 2, 0)), 6, 14, 14),
                new Stage(new Conv2d(6, 16, Window2d.square(5, 1, 0), rng), 16, 10, 10),
                new Stage(Activation.RELU.layer(), 16, 10, 10),
                new Stage(Pool2d.max(Window2d.square(2, 2, 0)), 16, 5, 5),
                new Stage(Reshaping.flatten(), 400),
                new Stage(new Linear(400, 120, rng), 120),
                new Stage(Activation.RELU.layer(), 120),
                new Stage(new Linear(120, 84, rng), 84),
                new Stage(Activation.RELU.layer(), 84),
                new Stage(new Linear(84, CLASSES, rng), CLASSES))));
        for (boolean eighteen : new boolean[] {false, true}) {
            List<Stage> s = new ArrayList<>();
            s.add(new Stage(new Conv2d(3, 32, five, rng), 32, 32, 32));
            s.add(new Stage(Pool2d.max(ccnPool), 32, 16, 16));
            s.add(new Stage(Activation.RELU.layer(), 32, 16, 16));
            if (eighteen) {
                s.add(new Stage(new LocalResponseNorm(ccnNorm), 32, 16, 16));
            }
            s.add(new Stage(new Conv2d(32, 32, five, rng), 32, 16, 16));
            s.add(new Stage(Activation.RELU.layer(), 32, 16, 16));
            s.add(new Stage(new Pool2d(ccnPool, PoolMode.AVERAGE_EXCLUDING_PADDING), 32, 8, 8));
            if (eighteen) {
                s.add(new Stage(new LocalResponseNorm(ccnNorm), 32, 8, 8));
            }
            s.add(new Stage(new Conv2d(32, 64, five, rng), 64, 8, 8));
            s.add(new Stage(Activation.RELU.layer(), 64, 8, 8));
            s.add(new Stage(new Pool2d(ccnPool, PoolMode.AVERAGE_EXCLUDING_PADDING), 64, 4, 4));
            s.add(new Stage(Reshaping.flatten(), 1024));
            if (eighteen) {
                s.add(new Stage(new Linear(1024, CLASSES, rng), CLASSES));
            } else {
                s.add(new Stage(new Linear(1024, 64, rng), 64));
                s.add(new Stage(Activation.RELU.layer(), 64));
                s.add(new Stage(new Linear(64, CLASSES, rng), CLASSES));
            }
            nets.add(new Network(eighteen ? "cudaconvnet_18pct" : "cudaconvnet_80sec",
                    "cuda-convnet " + (eighteen ? "18% (with LRN)" : "80 sec"), new int[] {3, 32, 32}, s));
        }
        return nets;
    }

    /** The outputs of each stage of {@code net} for input {@code x}, after checking each against its stated shape. */
    static List<Tensor> checkedOutputs(Network net, Tensor x) {
        List<Tensor> outputs = new ArrayList<>();
        Tensor h = x;
        for (int i = 0; i < net.stages().size(); i++) {
            Stage stage = net.stages().get(i);
            h = ((Layer) stage.module()).forward(h);
            int[] expected = new int[stage.output().length + 1];
            expected[0] = x.dim(0);
            System.arraycopy(stage.output(), 0, expected, 1, stage.output().length);
            if (!Arrays.equals(h.shape().dims(), expected)) {
                throw new IllegalStateException("conv bench: " + net.key() + " layer " + i + " ("
                        + stage.module().summary() + ") outputs " + h.shape() + ", not " + Arrays.toString(expected));
            }
            outputs.add(h);
        }
        return outputs;
    }

    private List<TrainingResult> measureTraining(PrintWriter human, Reference ref) {
        human.println();
        human.println("## Training, images/s (forward, cross-entropy, backward, SGD momentum 0.9; random inputs)");
        human.println();
        human.println("| network | batch | threads | steps x reps | images/s | ms/step |"
                + (ref == null ? "" : " PyTorch " + ref.torch() + " images/s | ours / PyTorch |"));
        human.println("|---|---|---|---|---|---|" + (ref == null ? "" : "---|---|"));
        human.flush();
        List<TrainingResult> results = new ArrayList<>();
        for (Network shapeOnly : networks(1)) {
            for (int t : threads) {
                String key = shapeOnly.key();
                try (ComputePool pool = ComputePool.ofThreads(t)) {
                    TrainingResult r = pool.call(() -> train(key, t));
                    results.add(r);
                    String row = String.format(Locale.ROOT, "| %s | %d | %d | %d x %d | %.0f (%.0f..%.0f) | %.1f |",
                            key, r.batch(), t, r.steps(), r.reps(), r.imagesPerSecond(), r.imagesPerSecondMin(),
                            r.imagesPerSecondMax(), r.msPerStep());
                    if (ref != null) {
                        Double theirs = ref.imagesPerSecond(key, t);
                        row += theirs == null ? " - | - |"
                                : String.format(Locale.ROOT, " %.0f | %.2f |", theirs, r.imagesPerSecond() / theirs);
                    }
                    human.println(row);
                    human.flush();
                }
            }
        }
        return results;
    }

    private static Network named(String key, long seed) {
        return networks(seed).stream().filter(n -> n.key().equals(key)).findFirst().orElseThrow();
    }

    /** Inputs and labels of one batch for {@code net}, seeded. */
    private Tensor inputs(Network net) {
        int[] shape = new int[net.input().length + 1];
        shape[0] = batch;
        System.arraycopy(net.input(), 0, shape, 1, net.input().length);
        return Tensor.randn(new SplittableRandom(7), shape);
    }

    private int[] labels() {
        return new SplittableRandom(8).ints(batch, 0, CLASSES).toArray();
    }

    /** Training images/s of network {@code key} on the pool bound by the caller. */
    private TrainingResult train(String key, int threadCount) {
        Network net = named(key, 1);
        Sequential model = net.model();
        Tensor x = inputs(net);
        int[] labels = labels();
        checkedOutputs(net, x);
        Sgd sgd = new Sgd(model.parameters(), 0.01, 0.9);
        StepArena arena = new StepArena();  // each step reuses the arrays of the one before
        float[] loss = {Float.NaN};
        Runnable step = () -> {
            try (StepArena.Scope s = arena.open()) {
                sgd.zeroGrad();
                Tensor l = CrossEntropy.crossEntropy(model.forward(x), labels);
                l.backward();
                sgd.step();
                loss[0] = l.item();
            }
        };
        int stepsPerRep = key.equals("lenet5") ? 5 * steps : steps;
        long warmupEnd = System.nanoTime() + (long) (warmup * 1e9);
        for (int i = 0; i < 2 || System.nanoTime() < warmupEnd; i++) {
            step.run();
        }
        List<Double> rates = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < stepsPerRep; i++) {
                step.run();
            }
            rates.add((double) batch * stepsPerRep / ((System.nanoTime() - t0) / 1e9));
        }
        if (!Float.isFinite(loss[0])) {
            throw new IllegalStateException("conv bench: " + key + ": the training loss became " + loss[0]);
        }
        double median = Timing.median(rates);
        return new TrainingResult(key, batch, threadCount, stepsPerRep, reps, median,
                rates.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), batch / median * 1e3, loss[0]);
    }

    // ---- a step split by layer ----

    private List<LayerResult> measureLayers(PrintWriter human, List<String> keys) {
        List<LayerResult> results = new ArrayList<>();
        for (String key : keys) {
            for (int t : threads) {
                human.println();
                human.println("## " + key + ", one training step by layer, batch " + batch + ", " + t
                        + (t == 1 ? " thread" : " threads") + " (each layer alone at its input; ms)");
                human.println();
                human.println("| # | layer | output | forward | backward | share |");
                human.println("|---|---|---|---|---|---|");
                try (ComputePool pool = ComputePool.ofThreads(t)) {
                    List<LayerResult> rows = pool.call(() -> splitByLayer(key, t));
                    double total = rows.stream().mapToDouble(r -> r.forwardMs() + r.backwardMs()).sum();
                    for (LayerResult r : rows) {
                        human.printf(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %.0f%% |%n",
                                r.index() < 0 ? "" : Integer.toString(r.index()), r.layer(), r.output(),
                                r.forwardMs(), r.backwardMs(), 100 * (r.forwardMs() + r.backwardMs()) / total);
                    }
                    human.printf(Locale.ROOT, "| | sum | | %.2f | %.2f | |%n",
                            rows.stream().mapToDouble(LayerResult::forwardMs).sum(),
                            rows.stream().mapToDouble(LayerResult::backwardMs).sum());
                    human.flush();
                    results.addAll(rows);
                }
            }
        }
        return results;
    }

    /**
     * Each layer of {@code key} timed alone: forward, and forward then backward of a random output
     * gradient, at the input the net gives it (the first layer's input needs no gradient, as in
     * training); then cross-entropy (forward, backward) and the SGD step.
     */
    private List<LayerResult> splitByLayer(String key, int threadCount) {
        Network net = named(key, 1);
        Sequential model = net.model();
        Tensor x = inputs(net);
        int[] labels = labels();
        List<Tensor> outputs = checkedOutputs(net, x);
        SplittableRandom rng = new SplittableRandom(9);
        List<LayerResult> rows = new ArrayList<>();
        StepArena arena = new StepArena();
        for (int i = 0; i < net.stages().size(); i++) {
            Layer layer = (Layer) net.stages().get(i).module();
            Tensor in = i == 0 ? x : outputs.get(i - 1).detach().requiringGrad();
            Tensor gradient = Tensor.randn(rng, outputs.get(i).shape().dims());
            double forward = medianMs(arena, () -> layer.forward(in));
            double both = medianMs(arena, () -> layer.forward(in).backward(gradient));
            String name = net.stages().get(i).module().summary().lines().findFirst().orElse("");
            rows.add(new LayerResult(key, threadCount, i, name,
                    String.join("x", Arrays.stream(outputs.get(i).shape().dims()).mapToObj(Integer::toString)
                            .toList()), forward, Math.max(0, both - forward)));
        }
        Tensor logits = outputs.getLast().detach().requiringGrad();
        double ceForward = medianMs(arena, () -> CrossEntropy.crossEntropy(logits, labels));
        double ceBoth = medianMs(arena, () -> CrossEntropy.crossEntropy(logits, labels).backward());
        rows.add(new LayerResult(key, threadCount, -1, "cross-entropy", "1", ceForward, Math.max(0, ceBoth - ceForward)));
        Sgd sgd = new Sgd(model.parameters(), 0.01, 0.9);
        CrossEntropy.crossEntropy(model.forward(x), labels).backward();  // every parameter gets a gradient
        double sgdStep = medianMs(arena, sgd::step);
        rows.add(new LayerResult(key, threadCount, -1, "sgd step", "", 0, sgdStep));
        return rows;
    }

    /** The median milliseconds of {@code work} in a step scope, after warming up. */
    private double medianMs(StepArena arena, Runnable work) {
        double[] nanos = repeat(() -> {
            try (StepArena.Scope s = arena.open()) {
                work.run();
            }
        });
        return Timing.median(Arrays.stream(nanos).boxed().toList()) / 1e6;
    }

    // ---- the PyTorch reference ----

    /** PyTorch's images/s by network key and thread count, from {@code cnn_cifar_shape.py --json}. */
    record Reference(String torch, Map<String, Map<String, Double>> figures) {

        Double imagesPerSecond(String key, int threads) {
            Map<String, Double> byThreads = figures.get(key);
            return byThreads == null ? null : byThreads.get(Integer.toString(threads));
        }

        static Reference read(Path file) {
            JsonNode root;
            try {
                root = new ObjectMapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException("conv bench: could not read the reference " + file + ": "
                        + e.getMessage(), e);
            }
            JsonNode results = root == null ? null : root.get("results");
            if (results == null || !results.isArray()) {
                throw new IllegalArgumentException("conv bench: the reference " + file
                        + " has no \"results\" list (expected cnn_cifar_shape.py --json output)");
            }
            Map<String, Map<String, Double>> figures = new LinkedHashMap<>();
            for (JsonNode r : results) {
                JsonNode key = r.get("key");
                JsonNode threads = r.get("threads");
                JsonNode rate = r.get("images_per_s");
                if (key == null || threads == null || rate == null || !rate.isNumber()) {
                    throw new IllegalArgumentException("conv bench: the reference " + file
                            + " has a result without key, threads and images_per_s: " + r);
                }
                figures.computeIfAbsent(key.asText(), k -> new LinkedHashMap<>())
                        .put(Integer.toString(threads.asInt()), rate.asDouble());
            }
            JsonNode torch = root.get("torch");
            return new Reference(torch == null ? "unknown" : torch.asText(), figures);
        }
    }
}
