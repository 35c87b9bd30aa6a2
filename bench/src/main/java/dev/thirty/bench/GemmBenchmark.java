package dev.thirty.bench;

import dev.thirty.kernels.Backend;
import dev.thirty.kernels.ComputePool;
import dev.thirty.kernels.Gemm;
import dev.thirty.kernels.Kernels;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bytedeco.openblas.global.openblas;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code C = A * B} in single precision, row-major, no transposes: Thirty's Vector API sgemm (and
 * its scalar reference) against OpenBLAS's {@code cblas_sgemm}, on square sizes and on the skinny
 * shapes of a small transformer's training step ({@code M x K . K x N}: tokens x width against
 * width x heads/FFN/vocabulary).
 *
 * <p>The primary score is calls per nanosecond; the secondary score {@code gflops} counts
 * {@code 2 M N K} floating-point operations per call, so in nanoseconds it reads directly as
 * GFLOPS of wall-clock time. {@link CpuTime} adds GFLOPS per CPU-second of the calling thread.
 * {@link GemmReport} runs this benchmark and prints both as a table with ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
public class GemmBenchmark {

    /** Which sgemm runs. */
    public enum Impl {
        THIRTY_VECTOR, THIRTY_SCALAR, OPENBLAS
    }

    /** {@code MxKxN}: op(A) is M x K, op(B) is K x N. */
    @Param({"64x64x64", "128x128x128", "256x256x256", "512x512x512", "1024x1024x1024",
            "768x128x384", "768x128x128", "768x512x128", "768x128x65"})
    public String shape;

    /** THIRTY_SCALAR is left out by default: it takes seconds per call at the larger sizes. */
    @Param({"THIRTY_VECTOR", "OPENBLAS"})
    public Impl impl;

    @Param({"1", "2"})
    public int threads;

    private int m;
    private int k;
    private int n;
    private float[] a;
    private float[] b;
    private float[] c;
    private Gemm gemm;
    private ComputePool pool;
    private Runnable call;

    /** Floating-point operations done, reported per nanosecond, that is, in GFLOPS. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public double gflops;
    }

    /**
     * Floating-point operations and the calling thread's CPU time, reported as totals per
     * iteration. Their ratio ({@link GemmReport} prints it) is GFLOPS per CPU-second: on a shared
     * machine it discounts time the thread spent descheduled, so it is the steadier single-thread
     * figure. It means nothing for more than one thread, as the other threads' time is not counted.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        public double flopsDone;
        public double cpuNanos;
    }

    private static final ThreadMXBean THREAD_CLOCK = ManagementFactory.getThreadMXBean();

    @Setup(Level.Trial)
    public void setUp() {
        String[] dims = shape.split("x");
        m = Integer.parseInt(dims[0]);
        k = Integer.parseInt(dims[1]);
        n = Integer.parseInt(dims[2]);
        SplittableRandom rng = new SplittableRandom(42);
        a = random(rng, m * k);
        b = random(rng, k * n);
        c = new float[m * n];
        pool = ComputePool.ofThreads(threads);
        switch (impl) {
            case THIRTY_VECTOR, THIRTY_SCALAR -> {
                gemm = Kernels.of(impl == Impl.THIRTY_VECTOR ? Backend.VECTOR : Backend.SCALAR).gemm();
                call = () -> pool.run(() -> gemm.multiply(m, n, k, a, b, c));
            }
            case OPENBLAS -> {
                openblas.blas_set_num_threads(threads);
                call = () -> openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans,
                        openblas.CblasNoTrans, m, n, k, 1f, a, k, b, n, 0f, c, n);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public float[] sgemm(Flops flops, CpuTime cpu) {
        long start = THREAD_CLOCK.getCurrentThreadCpuTime();
        call.run();
        cpu.cpuNanos += THREAD_CLOCK.getCurrentThreadCpuTime() - start;
        cpu.flopsDone += 2.0 * m * n * k;
        flops.gflops += 2.0 * m * n * k;
        return c;
    }

    private static float[] random(SplittableRandom rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }
}
