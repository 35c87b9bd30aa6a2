package dev.thirty.cli;

import dev.thirty.kernels.Backend;
import dev.thirty.kernels.ComputePool;
import dev.thirty.kernels.Gemm;
import dev.thirty.kernels.Kernels;
import dev.thirty.kernels.Transpose;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thirty bench gemm}: sgemm GFLOPS at square sizes and at the skinny shapes of training,
 * for each requested thread count and kernel backend. Each figure is the median of repeated runs.
 */
@Command(name = "gemm", mixinStandardHelpOptions = true,
        description = "sgemm GFLOPS (C = A B) at square sizes and training shapes.")
final class GemmBench implements Runnable {

    /** The default workloads: squares 64..1024, then M x K . K x N shapes of training steps. */
    static final List<int[]> DEFAULT_SHAPES = List.of(
            new int[] {64, 64, 64}, new int[] {128, 128, 128}, new int[] {256, 256, 256},
            new int[] {512, 512, 512}, new int[] {1024, 1024, 1024},
            new int[] {768, 384, 128}, new int[] {768, 128, 128}, new int[] {768, 128, 512},
            new int[] {768, 65, 128});

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "Thread counts to measure, comma separated (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--kernels", split = ",", defaultValue = "vector",
            description = "Kernel backends to measure: vector, scalar (default: ${DEFAULT-VALUE}).")
    List<String> backends;

    @Option(names = "--shape", split = ",",
            description = "Only this shape, as M,N,K (C is MxN, the inner dimension is K).")
    List<Integer> shape;

    @Option(names = "--seconds", defaultValue = "0.5",
            description = "Minimum measuring time per figure, seconds (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--json", description = "Print the result as one JSON object on standard output.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One measured figure. */
    record Result(String kernels, int threads, int m, int n, int k, double msMedian, double gflops) {
    }

    @Override
    public void run() {
        List<int[]> shapes = selectedShapes();
        for (int t : threads) {
            if (t < 1) {
                throw new IllegalArgumentException("--threads: thread counts must be positive, got " + t);
            }
        }
        PrintWriter human = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        human.println("sgemm, C = A B, medians over repeated runs; " + VersionInfo.runtime());
        human.printf(Locale.ROOT, "%-8s %7s %18s %10s %9s%n", "kernels", "threads", "M x K . K x N", "ms", "GFLOPS");
        List<Result> results = new ArrayList<>();
        for (String name : backends) {
            Gemm gemm = Kernels.of(Backend.parse(name)).gemm();
            for (int t : threads) {
                try (ComputePool pool = ComputePool.ofThreads(t)) {
                    for (int[] s : shapes) {
                        Result r = pool.call(() -> measure(name, gemm, t, s[0], s[1], s[2]));
                        results.add(r);
                        human.printf(Locale.ROOT, "%-8s %7d %18s %10.3f %9.1f%n", r.kernels(), t,
                                r.m() + "x" + r.k() + "." + r.k() + "x" + r.n(), r.msMedian(), r.gflops());
                        human.flush();
                    }
                }
            }
        }
        if (json) {
            JsonOutput.print(spec.commandLine().getOut(),
                    java.util.Map.of("benchmark", "gemm", "runtime", VersionInfo.runtime(), "results", results));
        }
    }

    private List<int[]> selectedShapes() {
        if (shape == null) {
            return DEFAULT_SHAPES;
        }
        if (shape.size() != 3 || shape.stream().anyMatch(v -> v < 1)) {
            throw new IllegalArgumentException("--shape: expected three positive sizes M,N,K, got " + shape);
        }
        return List.of(new int[] {shape.get(0), shape.get(1), shape.get(2)});
    }

    private Result measure(String name, Gemm gemm, int threads, int m, int n, int k) {
        SplittableRandom rng = new SplittableRandom(42);
        float[] a = random(rng, m * k);
        float[] b = random(rng, k * n);
        float[] c = new float[m * n];
        long budget = (long) (seconds * 1e9);
        double nanos = Timing.medianNanos(
                () -> gemm.sgemm(Transpose.N, Transpose.N, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n),
                budget / 2, 5, budget);
        double gflops = 2.0 * m * n * k / nanos;
        return new Result(name.toLowerCase(Locale.ROOT), threads, m, n, k, nanos / 1e6, gflops);
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }
}
