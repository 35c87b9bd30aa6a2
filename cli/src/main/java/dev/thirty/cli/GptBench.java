package dev.thirty.cli;

import dev.thirty.kernels.ComputePool;
import dev.thirty.kernels.Gemm;
import dev.thirty.kernels.Kernels;
import dev.thirty.nn.LayerNorm;
import dev.thirty.nn.Linear;
import dev.thirty.nn.attention.FusedCausalAttention;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.optim.AdamW;
import dev.thirty.optim.GradClip;
import dev.thirty.optim.ParamGroup;
import dev.thirty.papers.gpt.Gelu;
import dev.thirty.papers.gpt.Gpt;
import dev.thirty.papers.gpt.GptCharConfig;
import dev.thirty.papers.gpt.GptConfig;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.StepArena;
import dev.thirty.tensor.Tensor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thirty bench gpt-char}: one training step of nanoGPT's CPU character GPT (4 layers,
 * 4 heads, 128 wide, context 64, batch 12, vocabulary 65; forward, cross-entropy, backward,
 * gradient clipping, AdamW), the same step {@code bench/pytorch/gpt_char.py} times, and where its
 * time goes.
 *
 * <p>Measured inside the step: forward, backward, clipping and the optimizer, at their call
 * sites, and GEMM through a wrapped {@link Gemm} bound with {@link Kernels#run}. Worker threads
 * also call that GEMM (attention runs its heads in parallel), so the wrapper counts only calls
 * made on the stepping thread: that is wall time, since the stepping thread either runs a GEMM
 * itself or waits for the workers' share of it. Attention, layer norm, the MLP's GELU and
 * cross-entropy are then timed alone at the step's shapes (forward and backward, times their count
 * per step), each less any GEMM it calls so nothing is counted twice (attention computes its
 * products in its own kernels, so all of it counts as attention); "the rest" is the step less
 * everything named. The GELU is the gpt-char presets' (exact) unless {@code --gelu tanh}.
 */
@Command(name = "gpt-char", mixinStandardHelpOptions = true,
        description = "Time one training step of the nanoGPT CPU character GPT and split it by op.")
final class GptBench implements Runnable {

    private static final int VOCAB = 65;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "Thread counts to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--seconds", defaultValue = "4",
            description = "Measuring time per figure, after as long again warming up (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--gelu", description = "The MLP's GELU form: exact or tanh (default: the gpt-char presets').")
    String geluName;

    @Option(names = "--json", description = "Print the result as one JSON object on standard output.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One thread count's medians, in milliseconds per training step. */
    record Result(int threads, double stepMs, double forwardMs, double backwardMs, double clipMs, double adamwMs,
                  double gemmMs, double attentionMs, double layerNormMs, double geluMs, double crossEntropyMs,
                  double restMs) {
    }

    @Override
    public void run() {
        if (!(seconds > 0) || threads.stream().anyMatch(t -> t < 1)) {
            throw new IllegalArgumentException("gpt-char bench: need --seconds > 0 and positive --threads");
        }
        GptConfig config = model();
        PrintWriter human = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        human.println("gpt-char training step: " + config + ", batch 12; medians; " + VersionInfo.runtime());
        human.printf(Locale.ROOT, "%7s %8s | %7s %8s %6s %6s | %6s %9s %9s %6s %9s %6s%n", "threads", "step ms",
                "fwd", "bwd", "clip", "adamw", "gemm", "attention", "layernorm", "gelu", "x-entropy", "rest");
        human.println("(fwd, bwd, clip, adamw: phases of the step; gemm, attention, layernorm, gelu, x-entropy, rest: a"
                + " split of it; attention: the fused causal heads, their products included; gelu: the MLP's, "
                + config.gelu().name().toLowerCase(Locale.ROOT) + " form)");
        List<Result> results = new ArrayList<>();
        for (int t : threads) {
            try (ComputePool pool = ComputePool.ofThreads(t)) {
                Result r = pool.call(() -> measure(config, 12, t));
                results.add(r);
                human.printf(Locale.ROOT, "%7d %8.2f | %7.2f %8.2f %6.2f %6.2f | %6.2f %9.2f %9.2f %6.2f %9.2f %6.2f%n",
                        t, r.stepMs(), r.forwardMs(), r.backwardMs(), r.clipMs(), r.adamwMs(), r.gemmMs(),
                        r.attentionMs(), r.layerNormMs(), r.geluMs(), r.crossEntropyMs(), r.restMs());
                human.flush();
            }
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("benchmark", "gpt-char");
            out.put("model", config);
            out.put("batch", 12);
            out.put("runtime", VersionInfo.runtime());
            out.put("results", results);
            JsonOutput.print(spec.commandLine().getOut(), out);
        }
    }

    /** The cpu preset's model, with the GELU form of {@code --gelu} if given. */
    private GptConfig model() {
        GptConfig cpu = GptCharConfig.cpu().model(VOCAB);
        if (geluName == null) {
            return cpu;
        }
        Gelu gelu = Arrays.stream(Gelu.values()).filter(g -> g.name().equalsIgnoreCase(geluName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("gpt-char bench: --gelu is exact or tanh, got '"
                        + geluName + "'"));
        return new GptConfig(cpu.vocab(), cpu.blockSize(), cpu.layers(), cpu.heads(), cpu.width(), cpu.dropout(), gelu);
    }

    private Result measure(GptConfig c, int batch, int threadCount) {
        int t = c.blockSize();
        Gpt model = new Gpt(c, Rng.seeded(1337));
        AdamW adamw = new AdamW(ParamGroup.decayMatricesOnly(model.namedParameters(),
                new AdamW.Config(0.9, 0.99, 1e-8, 0.1)), 1e-3);
        SplittableRandom rng = new SplittableRandom(7);
        int[][] inputs = new int[16][];
        int[][] targets = new int[16][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = rng.ints(batch * t, 0, c.vocab()).toArray();
            targets[i] = rng.ints(batch * t, 0, c.vocab()).toArray();
        }
        TimedGemm gemm = new TimedGemm(Kernels.active().gemm(), Thread.currentThread());
        Kernels timed = Kernels.active().withGemm(gemm);
        Phases phases = new Phases(5);
        int[] next = {0};
        // as in training: each step reuses the arrays of the one before (see StepArena)
        StepArena arena = new StepArena();
        Runnable step = () -> timed.run(() -> {
            int i = next[0]++ % inputs.length;
            long t0 = System.nanoTime();
            try (StepArena.Scope s = arena.open()) {
                adamw.zeroGrad();
                Tensor loss = CrossEntropy.crossEntropy(model.forward(inputs[i], batch, t), targets[i]);
                long t1 = System.nanoTime();
                loss.backward();
                long t2 = System.nanoTime();
                GradClip.clipGlobalNorm(model.parameters(), 1.0);
                long t3 = System.nanoTime();
                adamw.step();
                long t4 = System.nanoTime();
                phases.add(t4 - t0, t1 - t0, t2 - t1, t3 - t2, t4 - t3);
            }
        });
        List<Double> gemms = new ArrayList<>();
        long budget = (long) (seconds * 1e9);
        runFor(step, budget, 40);
        phases.clear();
        long end = System.nanoTime() + budget;
        while (phases.count() < 20 || System.nanoTime() < end) {
            gemm.reset();
            step.run();
            gemms.add((double) gemm.nanos());
        }
        double[] m = phases.medians();
        double gemmMs = Timing.median(gemms) / 1e6;

        Op attention = alone(timed, gemm, new int[]{batch, t, 3 * c.width()},
                qkv -> FusedCausalAttention.attend(qkv, c.heads()));
        LayerNorm norm = new LayerNorm(c.width(), 1e-5f, Linear.Bias.NO);
        Op layerNorm = alone(timed, gemm, new int[]{batch, t, c.width()}, norm::forward);
        Op mlpGelu = alone(timed, gemm, new int[]{batch, t, 4 * c.width()}, c.gelu().activation());
        int[] labels = targets[0];
        Op crossEntropy = alone(timed, gemm, new int[]{batch * t, c.vocab()},
                logits -> CrossEntropy.crossEntropy(logits, labels));
        double attentionMs = c.layers() * (attention.totalMs() - attention.gemmMs());
        double layerNormMs = (2 * c.layers() + 1) * layerNorm.totalMs();
        double geluMs = c.layers() * mlpGelu.totalMs();
        double crossEntropyMs = crossEntropy.totalMs();
        double stepMs = m[0] / 1e6;
        double clipMs = m[3] / 1e6;
        double adamwMs = m[4] / 1e6;
        double rest = stepMs - gemmMs - attentionMs - layerNormMs - geluMs - crossEntropyMs - clipMs - adamwMs;
        return new Result(threadCount, stepMs, m[1] / 1e6, m[2] / 1e6, clipMs, adamwMs, gemmMs, attentionMs,
                layerNormMs, geluMs, crossEntropyMs, rest);
    }

    /** An op's forward plus backward, alone: its median time and the GEMM time inside it. */
    private record Op(double totalMs, double gemmMs) {
    }

    private Op alone(Kernels timed, TimedGemm gemm, int[] shape, java.util.function.UnaryOperator<Tensor> op) {
        SplittableRandom rng = new SplittableRandom(11);
        Tensor x = Tensor.randn(rng, shape).requiringGrad();
        List<Double> totals = new ArrayList<>();
        List<Double> gemms = new ArrayList<>();
        Tensor[] g = {null};
        StepArena arena = new StepArena();  // as in the step, so the op's share is measured the same way
        Runnable once = () -> timed.run(() -> {
            try (StepArena.Scope s = arena.open()) {
                Tensor y = op.apply(x);
                if (y.size() == 1) {
                    y.backward();
                } else {
                    if (g[0] == null) {
                        g[0] = Tensor.randn(rng, y.shape().dims());
                    }
                    y.backward(g[0]);
                }
            }
        });
        long budget = (long) (seconds * 1e9 / 4);
        runFor(once, budget, 200);
        long end = System.nanoTime() + budget;
        while (totals.size() < 20 || System.nanoTime() < end) {
            gemm.reset();
            long t0 = System.nanoTime();
            once.run();
            totals.add((double) (System.nanoTime() - t0));
            gemms.add((double) gemm.nanos());
            x.zeroGrad();
        }
        return new Op(Timing.median(totals) / 1e6, Timing.median(gemms) / 1e6);
    }

    /** Warm-up: at least {@code nanos} and at least {@code reps} runs, so the JIT has compiled the kernels. */
    private static void runFor(Runnable work, long nanos, int reps) {
        long end = System.nanoTime() + nanos;
        for (int i = 0; i < reps || System.nanoTime() < end; i++) {
            work.run();
        }
    }

    /** Per-step phase times (step, forward, backward, clip, optimizer), kept to take medians. */
    private static final class Phases {
        private final List<List<Double>> columns = new ArrayList<>();

        Phases(int n) {
            for (int i = 0; i < n; i++) {
                columns.add(new ArrayList<>());
            }
        }

        void add(long... nanos) {
            for (int i = 0; i < nanos.length; i++) {
                columns.get(i).add((double) nanos[i]);
            }
        }

        void clear() {
            columns.forEach(List::clear);
        }

        int count() {
            return columns.getFirst().size();
        }

        double[] medians() {
            return columns.stream().mapToDouble(Timing::median).toArray();
        }
    }

}
