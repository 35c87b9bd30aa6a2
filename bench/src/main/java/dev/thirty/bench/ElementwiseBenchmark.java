package dev.thirty.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.thirty.kernels.Backend;
import dev.thirty.kernels.ElementwiseKernels;
import dev.thirty.kernels.Kernels;
import dev.thirty.kernels.ReductionKernels;
import dev.thirty.kernels.RowKernels;
import dev.thirty.kernels.UnaryOp;
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

/**
 * Scalar reference versus Vector API kernels, side by side: elementwise add, exp, and GELU in both
 * forms (tanh approximation and exact erf), each GELU forward and forward plus backward, and a sum,
 * on runs of 1k and 64k floats; softmax over 64 rows of 65 columns (a width that is not a
 * multiple of the vector) and layer norm over 128 rows of 768 columns (GPT-2 small's width).
 * The speedup is the scalar time over the vector time for the same benchmark and size; the exact
 * GELU's cost is its time over the tanh form's for the same backend and size.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar
 * ElementwiseBenchmark -wi 3 -i 5 -w 1 -r 1 -f 1}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ElementwiseBenchmark {

    /** Runs of {@code size} floats for the elementwise maps and the sum. */
    @State(Scope.Thread)
    public static class Runs {
        @Param({"SCALAR", "VECTOR"})
        public Backend backend;

        @Param({"1024", "65536"})
        public int size;

        ElementwiseKernels elementwise;
        ReductionKernels reductions;
        float[] a;
        float[] b;
        float[] out;
        float[] grad;

        @Setup(Level.Trial)
        public void setUp() {
            Kernels kernels = Kernels.of(backend);
            elementwise = kernels.elementwise();
            reductions = kernels.reductions();
            SplittableRandom rng = new SplittableRandom(1);
            a = normal(rng, size);
            b = normal(rng, size);
            out = new float[size];
            grad = new float[size];
        }
    }

    /** A block of rows for softmax (64 x 65) and layer norm (128 x 768). */
    @State(Scope.Thread)
    public static class Rows {
        static final int SOFTMAX_ROWS = 64;
        static final int SOFTMAX_COLS = 65;
        static final int NORM_ROWS = 128;
        static final int NORM_COLS = 768;

        @Param({"SCALAR", "VECTOR"})
        public Backend backend;

        RowKernels rows;
        float[] logits;
        float[] probs;
        float[] x;
        float[] y;
        float[] gamma;
        float[] beta;
        float[] mean;
        float[] rstd;

        @Setup(Level.Trial)
        public void setUp() {
            rows = Kernels.of(backend).rows();
            SplittableRandom rng = new SplittableRandom(2);
            logits = normal(rng, SOFTMAX_ROWS * SOFTMAX_COLS);
            probs = new float[logits.length];
            x = normal(rng, NORM_ROWS * NORM_COLS);
            y = new float[x.length];
            gamma = normal(rng, NORM_COLS);
            beta = normal(rng, NORM_COLS);
            mean = new float[NORM_ROWS];
            rstd = new float[NORM_ROWS];
        }
    }

    @Benchmark
    public float[] add(Runs s) {
        s.elementwise.add(s.a, 0, s.b, 0, s.out, 0, s.size);
        return s.out;
    }

    @Benchmark
    public float[] exp(Runs s) {
        return forward(s, UnaryOp.EXP);
    }

    @Benchmark
    public float[] gelu(Runs s) {
        return forward(s, UnaryOp.GELU);
    }

    @Benchmark
    public float[] geluErf(Runs s) {
        return forward(s, UnaryOp.GELU_ERF);
    }

    private static float[] forward(Runs s, UnaryOp op) {
        s.elementwise.unary(op, s.a, 0, s.out, 0, s.size);
        return s.out;
    }

    /** Forward, then the backward pass with gradient {@code b} accumulated into {@code grad}, as in training. */
    @Benchmark
    public float[] geluForwardBackward(Runs s) {
        return forwardBackward(s, UnaryOp.GELU);
    }

    @Benchmark
    public float[] geluErfForwardBackward(Runs s) {
        return forwardBackward(s, UnaryOp.GELU_ERF);
    }

    private static float[] forwardBackward(Runs s, UnaryOp op) {
        forward(s, op);
        s.elementwise.unaryBackward(op, s.a, 0, s.out, 0, s.b, 0, s.grad, 0, s.size);
        return s.grad;
    }

    @Benchmark
    public float sum(Runs s) {
        return s.reductions.sum(s.a, 0, s.size);
    }

    @Benchmark
    public float[] softmaxRows(Rows s) {
        s.rows.softmax(s.logits, 0, s.probs, 0, Rows.SOFTMAX_ROWS, Rows.SOFTMAX_COLS);
        return s.probs;
    }

    @Benchmark
    public float[] layerNormRows(Rows s) {
        s.rows.layerNorm(s.x, 0, s.gamma, s.beta, 1e-5f, s.y, 0, s.mean, s.rstd, Rows.NORM_ROWS, Rows.NORM_COLS);
        return s.y;
    }

    static float[] normal(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }
}
