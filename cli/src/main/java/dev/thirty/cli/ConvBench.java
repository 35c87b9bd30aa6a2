package dev.thirty.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thirty bench conv}: convolution kernel GFLOPS at the layer shapes of the classic CIFAR-10
 * nets (cuda-convnet's, the TensorFlow tutorial's) and of AlexNet, each pass (forward, input
 * gradient, weight gradient) timed alone ({@link ConvKernelBench}); then training images per
 * second of the five small {@link BenchNetworks}, optionally beside the PyTorch figures of
 * {@code bench/pytorch/cnn_cifar_shape.py} ({@link TorchReference}), and with {@code --layers} a
 * training step split by layer ({@link CnnTrainingBench}).
 */
@Command(name = "conv", mixinStandardHelpOptions = true,
        description = "Convolution kernel GFLOPS per layer and pass, and small-CNN training images/s.")
final class ConvBench implements Runnable {

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
            description = "Seconds of untimed runs before each kernel figure and layer split, at least one call"
                    + " (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--train-warmup", defaultValue = "5",
            description = "Seconds of untimed training steps before each training figure, at least two; the JIT"
                    + " takes several seconds to settle on LeNet-5's small layers (default: ${DEFAULT-VALUE}).")
    double trainWarmup;

    @Option(names = "--seconds", defaultValue = "0.3",
            description = "Least measuring time per kernel figure (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--networks", split = ",", paramLabel = "NET",
            description = "Train only these networks (default: all of them).")
    List<String> trainNets;

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
                || steps < 1 || reps < 1 || !(warmup >= 0) || !(trainWarmup >= 0) || !(seconds >= 0)) {
            throw new IllegalArgumentException("conv bench: need positive --threads, --batch, --cifar-batch,"
                    + " --imagenet-batch, --steps and --reps, and --warmup, --train-warmup, --seconds >= 0");
        }
        List<String> split = known("--layers", layerNets == null ? List.of() : layerNets);
        List<String> trained = known("--networks", trainNets == null ? BenchNetworks.keys() : trainNets);
        TorchReference ref = reference == null ? null : TorchReference.read(reference);
        BenchRepeats repeats = new BenchRepeats(warmup, seconds, reps);
        CnnTrainingBench trainingBench = new CnnTrainingBench(batch, steps, trainWarmup, repeats);
        boolean jsonOnStdout = "-".equals(json);
        PrintWriter human = jsonOnStdout ? spec.commandLine().getErr() : spec.commandLine().getOut();
        Map<String, Object> machine = RunRecords.machine();
        human.println("# thirty bench conv");
        human.println();
        String runtime = VersionInfo.backend();
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
            putKernels(out, new ConvKernelBench(cifarBatch, imagenetBatch, repeats).measure(human, threads));
        }
        if (training) {
            putTraining(out, trainingBench.measure(human, trained, threads, ref), ref);
        }
        if (!split.isEmpty()) {
            out.put("layers", trainingBench.measureLayers(human, split, threads));
        }
        if (json != null) {
            write(out, human, jsonOnStdout);
        }
    }

    /** {@code keys}, after checking that each names a network; the option is named in the error. */
    private static List<String> known(String option, List<String> keys) {
        for (String k : keys) {
            if (!BenchNetworks.keys().contains(k)) {
                throw new IllegalArgumentException("conv bench: " + option + ": no network '" + k
                        + "'; the networks are " + String.join(", ", BenchNetworks.keys()));
            }
        }
        return keys;
    }

    /** The kernel figures, and GFLOPS by layer, pass and thread count. */
    private void putKernels(Map<String, Object> out, List<ConvKernelBench.KernelResult> results) {
        Map<String, Map<String, Map<String, Double>>> gflops = new LinkedHashMap<>();
        for (ConvKernelBench.KernelResult r : results) {
            gflops.computeIfAbsent(r.layer(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.pass(), k -> new LinkedHashMap<>())
                    .put(Integer.toString(r.threads()), r.gflops());
        }
        out.put("cifarBatch", cifarBatch);
        out.put("imagenetBatch", imagenetBatch);
        out.put("gflops", gflops);
        out.put("kernels", results);
    }

    /** The training figures, images/s by network and thread count, and the ratios to {@code ref} where it has a figure. */
    private void putTraining(Map<String, Object> out, List<CnnTrainingBench.TrainingResult> results,
                             TorchReference ref) {
        Map<String, Map<String, Double>> images = new LinkedHashMap<>();
        Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
        for (CnnTrainingBench.TrainingResult r : results) {
            images.computeIfAbsent(r.key(), k -> new LinkedHashMap<>())
                    .put(Integer.toString(r.threads()), r.imagesPerSecond());
            Double theirs = ref == null ? null : ref.imagesPerSecond(r.key(), r.threads());
            if (theirs != null) {
                ratios.computeIfAbsent(r.key(), k -> new LinkedHashMap<>())
                        .put(Integer.toString(r.threads()), r.imagesPerSecond() / theirs);
            }
        }
        out.put("batch", batch);
        out.put("steps", steps);
        out.put("reps", reps);
        out.put("trainWarmupSeconds", trainWarmup);
        out.put("imagesPerSecond", images);
        out.put("training", results);
        if (ref != null) {
            Map<String, Object> refOut = new LinkedHashMap<>();
            refOut.put("torch", ref.torch());
            refOut.put("imagesPerSecond", ref.figures());
            out.put("reference", refOut);
            out.put("ratioToReference", ratios);
        }
    }

    private void write(Map<String, Object> out, PrintWriter human, boolean toStdout) {
        if (toStdout) {
            JsonOutput.print(spec.commandLine().getOut(), out);
            return;
        }
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
