package dev.thirty.cli;

import dev.thirty.kernels.ComputePool;
import dev.thirty.nn.Linear;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.nn.recurrent.CellState;
import dev.thirty.nn.recurrent.CellType;
import dev.thirty.nn.recurrent.LstmCell;
import dev.thirty.nn.recurrent.RecurrentStack;
import dev.thirty.optim.GradClip;
import dev.thirty.optim.RmsProp;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import com.sun.management.OperatingSystemMXBean;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thirty bench charrnn}: training throughput of char-rnn's default model (one-hot 65
 * characters, 2 x 128 LSTM, sequence 50, batch 50, clamp 5, RMSprop) in characters per second, for the
 * fused LSTM step and the composition of primitives, at each thread count. The workload matches
 * {@code bench/pytorch/char_lstm.py} (run it in the same session for the side-by-side figure; its
 * {@code cpu_over_wall} is the counterpart of the cpu/wall column here).
 */
@Command(name = "charrnn", mixinStandardHelpOptions = true,
        description = "Time char-rnn training steps (2x128 LSTM, seq 50, batch 50): tokens/s, fused and composed.")
final class CharRnnBench implements Runnable {

    private static final int VOCAB = 65;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "Thread counts to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--seconds", defaultValue = "5",
            description = "Measuring time per figure, after as much CPU time warming up (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--json", description = "Print the result as one JSON object on standard output.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * One thread count's figures. {@code fusedCpuPerWall} is the process's CPU time over wall time
     * while the fused step ran: about {@code threads} on a machine to itself, less when other
     * processes took the cores (then the tokens/s figures understate the code's speed).
     */
    record Result(int threads, double fusedTokensPerSecond, double composedTokensPerSecond, double fusedCpuPerWall) {
    }

    /** Tokens per second and the process's CPU time per wall time while measuring them. */
    private record Figure(double tokensPerSecond, double cpuPerWall) {
    }

    @Override
    public void run() {
        PrintWriter out = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        java.util.List<Result> results = new java.util.ArrayList<>();
        out.println("char-rnn training step: one-hot 65, 2x128 LSTM, seq 50, batch 50, RMSprop; medians; "
                + VersionInfo.runtime());
        out.printf(Locale.ROOT, "%7s %12s %14s %8s %10s%n", "threads", "fused tok/s", "composed tok/s",
                "ratio", "cpu/wall");
        for (int t : threads) {
            try (ComputePool pool = ComputePool.ofThreads(t)) {
                Figure fused = pool.call(() -> tokensPerSecond(LstmCell.Step.FUSED));
                Figure composed = pool.call(() -> tokensPerSecond(LstmCell.Step.COMPOSED));
                out.printf(Locale.ROOT, "%7d %12.0f %14.0f %7.2fx %10.2f%n", t, fused.tokensPerSecond(),
                        composed.tokensPerSecond(), fused.tokensPerSecond() / composed.tokensPerSecond(),
                        fused.cpuPerWall());
                out.flush();
                results.add(new Result(t, fused.tokensPerSecond(), composed.tokensPerSecond(), fused.cpuPerWall()));
            }
        }
        if (json) {
            JsonOutput.print(spec.commandLine().getOut(), java.util.Map.of("benchmark", "charrnn",
                    "runtime", VersionInfo.runtime(), "results", results));
        }
    }

    private Figure tokensPerSecond(LstmCell.Step path) {
        int batch = 50;
        int steps = 50;
        int hidden = 128;
        Rng rng = Rng.seeded(7);
        RecurrentStack rnn = new RecurrentStack(CellType.LSTM, VOCAB, hidden, 2, 0f, rng, rng);
        if (path == LstmCell.Step.COMPOSED) {
            rnn = composedCopy(rnn, hidden);
        }
        Linear decoder = new Linear(hidden, VOCAB, rng);
        List<Parameter> params = new ArrayList<>(rnn.parameters());
        params.addAll(decoder.parameters());
        RmsProp opt = new RmsProp(params, RmsProp.Config.defaults().withAlpha(0.95), 2e-3);
        int[] ids = rng.ints(batch * steps, 0, VOCAB).toArray();
        int[] targets = rng.ints(batch * steps, 0, VOCAB).toArray();
        RecurrentStack model = rnn;
        List<CellState> state = new ArrayList<>(model.zeroState(batch));
        Runnable step = () -> {
            float[] x = new float[batch * steps * VOCAB];
            for (int i = 0; i < ids.length; i++) {
                x[i * VOCAB + ids[i]] = 1f;
            }
            opt.zeroGrad();
            RecurrentStack.Output o = model.forward(Tensor.wrap(x, Shape.of(batch, steps, VOCAB)), state);
            Tensor logits = decoder.forward(o.outputs().reshape(batch * steps, hidden)); // (B*T, H) -> (B*T, V)
            CrossEntropy.crossEntropy(logits, targets).backward();
            GradClip.clipValues(params, 5);
            opt.step();
            state.clear();
            o.states().forEach(s -> state.add(s.detach()));
        };
        long budget = (long) (seconds * 1e9);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // warm up for `seconds` of this thread's CPU time, not wall time (nor process CPU time, which
        // counts the compiler threads): on a busy machine a shorter warm-up can end before the JIT
        // has compiled the kernels, and the first figure then measures C1 code
        ThreadMXBean thread = ManagementFactory.getThreadMXBean();
        long warm = thread.getCurrentThreadCpuTime();
        do {
            step.run();
        } while (thread.getCurrentThreadCpuTime() - warm < budget);
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        double median = Timing.medianNanos(step, 0, 5, budget);
        double cpuPerWall = (os.getProcessCpuTime() - cpu) / (double) (System.nanoTime() - wall);
        return new Figure(batch * steps / (median / 1e9), cpuPerWall);
    }

    /** A stack of composed-step LSTM cells (the same sizes; weights need not match for timing). */
    private static RecurrentStack composedCopy(RecurrentStack fused, int hidden) {
        return RecurrentStack.ofCells(List.of(new LstmCell(VOCAB, hidden, LstmCell.Step.COMPOSED, Rng.seeded(1)),
                new LstmCell(hidden, hidden, LstmCell.Step.COMPOSED, Rng.seeded(2))), 0f, Rng.seeded(3));
    }
}
