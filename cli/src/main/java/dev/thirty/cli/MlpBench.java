package dev.thirty.cli;

import dev.thirty.kernels.ComputePool;
import dev.thirty.kernels.Kernels;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.optim.Sgd;
import dev.thirty.tensor.Arithmetic;
import dev.thirty.tensor.LinearAlgebra;
import dev.thirty.tensor.Pointwise;
import dev.thirty.tensor.Tensor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thirty bench mlp}: one training step of an MLP (MNIST-sized by default: 784-512-512-10,
 * batch 128), and where its time goes. The step runs with its GEMM wrapped in a timer (bound
 * for the scope with {@link Kernels#run}), so "matmul" and "the rest" (bias adds, ReLU,
 * cross-entropy, graph bookkeeping, the optimizer) are measured in the same steps.
 */
@Command(name = "mlp", mixinStandardHelpOptions = true,
        description = "Time one MLP training step and split it into matmul and the rest.")
final class MlpBench implements Runnable {

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--widths", split = ",", defaultValue = "784,512,512,10",
            description = "Layer widths, input first (default: ${DEFAULT-VALUE}).")
    List<Integer> widths;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "Thread counts to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--seconds", defaultValue = "2",
            description = "Measuring time per figure, after twice as long warming up (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--json", description = "Print the result as one JSON object on standard output.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One thread count's figures, in milliseconds per step. */
    record Result(int threads, double stepMs, double matmulMs, double restMs, double matmulShare) {
    }

    @Override
    public void run() {
        if (batch < 1 || widths.size() < 2 || widths.stream().anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("mlp bench: need a positive --batch and at least two positive --widths");
        }
        PrintWriter human = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        human.println("MLP training step " + widths + ", batch " + batch + "; medians; " + VersionInfo.runtime());
        human.printf(Locale.ROOT, "%7s %10s %10s %10s %8s%n", "threads", "step ms", "matmul ms", "rest ms", "matmul");
        List<Result> results = new ArrayList<>();
        for (int t : threads) {
            try (ComputePool pool = ComputePool.ofThreads(t)) {
                Result r = pool.call(() -> measure(t));
                results.add(r);
                human.printf(Locale.ROOT, "%7d %10.3f %10.3f %10.3f %7.0f%%%n", t, r.stepMs(), r.matmulMs(),
                        r.restMs(), 100 * r.matmulShare());
                human.flush();
            }
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("benchmark", "mlp");
            out.put("batch", batch);
            out.put("widths", widths);
            out.put("runtime", VersionInfo.runtime());
            out.put("results", results);
            JsonOutput.print(spec.commandLine().getOut(), out);
        }
    }

    private Result measure(int threadCount) {
        SplittableRandom rng = new SplittableRandom(7);
        List<Tensor> params = new ArrayList<>();
        for (int i = 0; i + 1 < widths.size(); i++) {
            float bound = (float) Math.sqrt(6.0 / widths.get(i));
            params.add(Tensor.uniform(rng, -bound, bound, widths.get(i), widths.get(i + 1)).requiringGrad());
            params.add(Tensor.zeros(widths.get(i + 1)).requiringGrad());
        }
        Tensor x = Tensor.randn(rng, batch, widths.get(0));
        int classes = widths.get(widths.size() - 1);
        int[] labels = rng.ints(batch, 0, classes).toArray();
        Sgd sgd = new Sgd(params, 0.01f, 0.9f);
        TimedGemm gemm = new TimedGemm(Kernels.active().gemm(), Thread.currentThread());
        Kernels timed = Kernels.active().withGemm(gemm);
        Runnable step = () -> timed.run(() -> {
            sgd.zeroGrad();
            Tensor h = x;
            for (int i = 0; i < params.size(); i += 2) {
                h = Arithmetic.add(LinearAlgebra.matmul(h, params.get(i)), params.get(i + 1));
                h = i + 2 < params.size() ? Pointwise.relu(h) : h;
            }
            CrossEntropy.crossEntropy(h, labels, CrossEntropy.Options.DEFAULT).backward();
            sgd.step();
        });
        long budget = (long) (seconds * 1e9);
        long warmupEnd = System.nanoTime() + 2 * budget; // the JIT compiles the vector kernels meanwhile
        while (System.nanoTime() < warmupEnd) {
            step.run();
        }
        List<Double> steps = new ArrayList<>();
        List<Double> gemms = new ArrayList<>();
        long end = System.nanoTime() + budget;
        while (steps.size() < 5 || System.nanoTime() < end) {
            gemm.reset();
            long t0 = System.nanoTime();
            step.run();
            steps.add((double) (System.nanoTime() - t0));
            gemms.add((double) gemm.nanos());
        }
        double stepMs = Timing.median(steps) / 1e6;
        double matmulMs = Timing.median(gemms) / 1e6;
        return new Result(threadCount, stepMs, matmulMs, stepMs - matmulMs, matmulMs / stepMs);
    }

}
