package dev.thirty.cli;

import dev.thirty.kernels.ComputePool;
import dev.thirty.kernels.Conv2dShape;
import dev.thirty.kernels.ConvKernels;
import dev.thirty.kernels.Kernels;
import dev.thirty.kernels.Rounding;
import dev.thirty.kernels.Window2d;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The kernel half of {@code thirty bench conv}: GFLOPS of each convolution pass (forward, input
 * gradient, weight gradient), timed alone through the active {@link ConvKernels} at the layer shapes
 * of cuda-convnet's and the TensorFlow tutorial's CIFAR-10 nets, of LeNet-5 (at the CIFAR batch) and of
 * AlexNet. A pass counts
 * {@code 2 N Cout Hout Wout (Cin / groups) kh kw} floating-point operations.
 */
final class ConvKernelBench {

    /** One convolution layer of a published net, at the batch it is measured with. */
    record Layer2d(String name, Conv2dShape shape) {
    }

    /** One kernel figure: a layer's pass at a thread count, GFLOPS median and range over repeats. */
    record KernelResult(String layer, String pass, int threads, int batch, String input, String output,
                        String window, int groups, double gflop, double msMedian, double gflops,
                        double gflopsMin, double gflopsMax) {
    }

    private final int cifarBatch;
    private final int imagenetBatch;
    private final BenchRepeats repeats;

    ConvKernelBench(int cifarBatch, int imagenetBatch, BenchRepeats repeats) {
        this.cifarBatch = cifarBatch;
        this.imagenetBatch = imagenetBatch;
        this.repeats = repeats;
    }

    /** The conv layers of the three nets, with the output sizes they are stated to have. */
    List<Layer2d> layers() {
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
                new Layer2d("lenet5 conv1", new Conv2dShape(c, 1, 28, 28, 6, five, 1)),
                new Layer2d("lenet5 conv2", new Conv2dShape(c, 6, 14, 14, 16, Window2d.square(5, 1, 0), 1)),
                new Layer2d("alexnet conv1", new Conv2dShape(i, 3, 224, 224, 96,
                        Window2d.square(11, 4, 0).rounded(Rounding.CEIL), 1)),
                new Layer2d("alexnet conv2", new Conv2dShape(i, 96, 27, 27, 256, five, 2)),
                new Layer2d("alexnet conv3", new Conv2dShape(i, 256, 13, 13, 384, three, 1)),
                new Layer2d("alexnet conv4", new Conv2dShape(i, 384, 13, 13, 384, three, 2)),
                new Layer2d("alexnet conv5", new Conv2dShape(i, 384, 13, 13, 256, three, 2)));
        int[] stated = {32, 16, 8, 32, 16, 28, 10, 55, 27, 13, 13, 13};
        for (int k = 0; k < list.size(); k++) {
            Conv2dShape s = list.get(k).shape();
            if (s.outHeight() != stated[k] || s.outWidth() != stated[k]) {
                throw new IllegalStateException("conv bench: " + list.get(k).name() + " gives " + s.outHeight() + "x"
                        + s.outWidth() + " outputs, not " + stated[k] + "x" + stated[k]);
            }
        }
        return list;
    }

    /** Every layer's three passes at one thread, then at each other count of {@code threads}, as a table. */
    List<KernelResult> measure(PrintWriter human, List<Integer> threads) {
        human.println();
        human.println("## Convolution kernels, GFLOPS (FLOPs = 2 N Cout Hout Wout Cin/groups kh kw per pass)");
        human.println();
        human.println("| layer | batch | input | output | window | groups | threads | forward | input grad"
                + " | weight grad |");
        human.println("|---|---|---|---|---|---|---|---|---|---|");
        human.flush();
        LinkedHashSet<Integer> counts = new LinkedHashSet<>();
        counts.add(1);
        counts.addAll(threads);
        List<KernelResult> results = new ArrayList<>();
        List<Layer2d> layers = layers();
        for (int t : counts) {
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
            double[] nanos = repeats.sortedNanos(work[p]);
            double median = Timing.medianOfSorted(nanos);
            row.add(new KernelResult(layer.name(), passes[p], threadCount, s.batch(), input, output, window,
                    s.groups(), flops / 1e9, median / 1e6, flops / median, flops / nanos[nanos.length - 1],
                    flops / nanos[0]));
        }
        return row;
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return v;
    }
}
