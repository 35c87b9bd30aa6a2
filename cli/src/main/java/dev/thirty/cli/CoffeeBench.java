package dev.thirty.cli;

import dev.thirty.io.compress.Codec;
import dev.thirty.papers.coffee.CoarseGraining;
import dev.thirty.papers.coffee.ComplexityMeter;
import dev.thirty.papers.coffee.InteractingAutomaton;
import dev.thirty.papers.coffee.NonInteractingAutomaton;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thirty bench coffee}: attempted moves per CPU-second of the coffee automata on one thread,
 * the packed branch-free interacting model next to the packed version it replaced (a padded-index
 * table, one 64-bit draw per move, a flip the JIT compiles to a branch) and a straightforward one
 * (a {@code byte[][]} grid, {@link Random}, bounds tests and a swap), all measured in the same
 * run; then snapshot measurements per CPU-second (entropy, 3-bucket and adjusted complexity with
 * gzip) of a half-mixed state, ours (prefix sums) next to a straightforward one (a loop over each
 * cell's window).
 */
@Command(name = "coffee", mixinStandardHelpOptions = true,
        description = "Coffee automaton: attempted moves per second, packed vs straightforward.")
final class CoffeeBench implements Runnable {

    @Option(names = "--n", defaultValue = "100", description = "Grid side (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--json", description = "Print the result as one JSON object on standard output.")
    boolean json;

    @Option(names = "--moves", defaultValue = "20000000", description = "Moves per timed run (default: ${DEFAULT-VALUE}).")
    long moves;

    /**
     * Moves per {@code advance} call. Runs advance the automaton between snapshots, so it is
     * called many times and C2 compiles it as a method; timing one huge call instead would
     * measure an on-stack-replacement compile, which varied by 2× from run to run.
     */
    static final long CHUNK = 250_000;
    private static final int REPETITIONS = 9;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (n < 2 || moves < 1) {
            throw new IllegalArgumentException("--n must be >= 2 and --moves >= 1");
        }
        PrintWriter out = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        out.println("coffee automaton, n=" + n + ", " + moves + " moves per run in calls of " + CHUNK + ", medians of thread CPU time; " + VersionInfo.runtime());
        InteractingAutomaton packed = new InteractingAutomaton(n, new SplittableRandom(1));
        NonInteractingAutomaton walkers = new NonInteractingAutomaton(n, new SplittableRandom(2));
        Straightforward plain = new Straightforward(n, new Random(3));
        TableDriven table = new TableDriven(n, new SplittableRandom(4));
        double packedRate = rate(packed::advance);
        double tableRate = rate(table::advance);
        double walkRate = rate(walkers::advance);
        double plainRate = rate(plain::advance);
        out.printf(Locale.ROOT, "%-40s %10.1f M moves/CPU-s%n", "interacting, packed (InteractingAutomaton)", packedRate / 1e6);
        out.printf(Locale.ROOT, "%-40s %10.1f M moves/CPU-s%n", "interacting, cell table, 1 draw/move", tableRate / 1e6);
        out.printf(Locale.ROOT, "%-40s %10.1f M moves/CPU-s%n", "interacting, straightforward", plainRate / 1e6);
        out.printf(Locale.ROOT, "%-40s %10.1f M moves/CPU-s%n", "non-interacting (NonInteractingAutomaton)", walkRate / 1e6);
        out.printf(Locale.ROOT, "packed / straightforward: %.2fx, packed / cell table: %.2fx%n",
                packedRate / plainRate, packedRate / tableRate);
        byte[] state = halfMixed();
        ComplexityMeter meter = new ComplexityMeter(n, CoarseGraining.defaultWindow(n),
                CoarseGraining.adjustedWindow(n, CoarseGraining.defaultWindow(n)));
        StraightforwardMeter plainMeter = new StraightforwardMeter(n, CoarseGraining.defaultWindow(n),
                CoarseGraining.adjustedWindow(n, CoarseGraining.defaultWindow(n)));
        long check = meter.measure(state, Codec.GZIP).adjustedComplexity();
        if (check != plainMeter.measure(state)[2]) {
            throw new IllegalStateException("the two meters disagree on the adjusted complexity");
        }
        double meterRate = measurementRate(() -> meter.measure(state, Codec.GZIP));
        double plainMeterRate = measurementRate(() -> plainMeter.measure(state));
        out.printf(Locale.ROOT, "%-40s %10.0f measurements/CPU-s%n", "snapshot, ComplexityMeter (gzip)", meterRate);
        out.printf(Locale.ROOT, "%-40s %10.0f measurements/CPU-s%n", "snapshot, straightforward windows", plainMeterRate);
        out.printf(Locale.ROOT, "meter / straightforward: %.2fx%n", meterRate / plainMeterRate);
        out.flush();
        if (json) {
            java.util.Map<String, Object> r = new java.util.LinkedHashMap<>();
            r.put("benchmark", "coffee");
            r.put("n", n);
            r.put("interactingMovesPerCpuSecond", packedRate);
            r.put("cellTableMovesPerCpuSecond", tableRate);
            r.put("straightforwardMovesPerCpuSecond", plainRate);
            r.put("nonInteractingMovesPerCpuSecond", walkRate);
            r.put("measurementsPerCpuSecond", meterRate);
            r.put("straightforwardMeasurementsPerCpuSecond", plainMeterRate);
            r.put("runtime", VersionInfo.runtime());
            JsonOutput.print(spec.commandLine().getOut(), r);
        }
    }

    /**
     * Moves per second, as the median over repetitions after a one-second warm-up, of CPU time
     * of this thread: the machines here are shared, and wall-clock rates varied by 2× between
     * identical runs while per-CPU-second rates stayed within a few per cent.
     */
    private double rate(java.util.function.LongConsumer advance) {
        return moves / medianCpuSeconds(() -> {
            for (long done = 0; done < moves; done += CHUNK) {
                advance.accept(Math.min(CHUNK, moves - done));
            }
        });
    }

    /** The median CPU time of this thread over repetitions of {@code work}, after a one-second warm-up. */
    private static double medianCpuSeconds(Runnable work) {
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        long warmupEnd = System.nanoTime() + 1_000_000_000L;
        do {
            work.run();
        } while (System.nanoTime() < warmupEnd);
        long[] cpuNanos = new long[REPETITIONS];
        for (int k = 0; k < REPETITIONS; k++) {
            long start = clock.getCurrentThreadCpuTime();
            work.run();
            cpuNanos[k] = clock.getCurrentThreadCpuTime() - start;
        }
        Arrays.sort(cpuNanos);
        return cpuNanos[REPETITIONS / 2] / 1e9;
    }

    /** The interacting automaton after n² sweeps (a quarter of its run to equilibrium): cream half mixed. */
    private byte[] halfMixed() {
        InteractingAutomaton a = new InteractingAutomaton(n, new SplittableRandom(5));
        a.advance((long) n * n * n * n / 4);
        byte[] state = new byte[n * n];
        a.fineGrained(state);
        return state;
    }

    /** Measurements per CPU-second of {@code measure}, timed in batches of 20. */
    private static double measurementRate(Runnable measure) {
        int batch = 20;
        return batch / medianCpuSeconds(() -> {
            for (int b = 0; b < batch; b++) {
                measure.run();
            }
        });
    }

    /**
     * A snapshot measurement as one would first write it: each cell's window summed cell by cell,
     * buckets, the row majority, and gzip through {@link java.util.zip.GZIPOutputStream}.
     */
    static final class StraightforwardMeter {
        private final int n;
        private final int window;
        private final int adjustedWindow;

        StraightforwardMeter(int n, int window, int adjustedWindow) {
            this.n = n;
            this.window = window;
            this.adjustedWindow = adjustedWindow;
        }

        /** Entropy, complexity, adjusted complexity in gzip bytes. */
        int[] measure(byte[] fine) {
            int[][] three = buckets(fine, window, 3);
            int[][] seven = buckets(fine, adjustedWindow, 7);
            for (int[] row : seven) {
                int[] count = new int[7];
                for (int v : row) {
                    count[v]++;
                }
                int majority = 0;
                for (int b = 1; b < 7; b++) {
                    if (count[b] > count[majority]) {
                        majority = b;
                    }
                }
                for (int c = 0; c < n; c++) {
                    if (Math.abs(row[c] - majority) <= 1) {
                        row[c] = majority;
                    }
                }
            }
            return new int[] {gzip(fine), gzip(flatten(three)), gzip(flatten(seven))};
        }

        private int[][] buckets(byte[] fine, int g, int k) {
            int[][] out = new int[n][n];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    int top = Math.min(Math.max(0, r - g / 2), n - g);
                    int left = Math.min(Math.max(0, c - g / 2), n - g);
                    int sum = 0;
                    for (int i = top; i < top + g; i++) {
                        for (int j = left; j < left + g; j++) {
                            sum += fine[i * n + j];
                        }
                    }
                    out[r][c] = Math.min(k - 1, k * sum / (g * g));
                }
            }
            return out;
        }

        private byte[] flatten(int[][] grid) {
            byte[] b = new byte[n * n];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    b[r * n + c] = (byte) grid[r][c];
                }
            }
            return b;
        }

        private static int gzip(byte[] data) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(bytes) {
                {
                    def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
                }
            }) {
                z.write(data);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return bytes.size();
        }
    }

    /** The interacting model as one would first write it. */
    static final class Straightforward {
        private final int n;
        private final byte[][] grid;
        private final Random rng;

        Straightforward(int n, Random rng) {
            this.n = n;
            this.rng = rng;
            this.grid = new byte[n][n];
            for (int r = 0; r < n / 2; r++) {
                java.util.Arrays.fill(grid[r], (byte) 1);
            }
        }

        void advance(long moves) {
            for (long m = 0; m < moves; m++) {
                int r = rng.nextInt(n);
                int c = rng.nextInt(n);
                int r2 = r;
                int c2 = c;
                switch (rng.nextInt(4)) {
                    case 0 -> r2--;
                    case 1 -> r2++;
                    case 2 -> c2--;
                    default -> c2++;
                }
                if (r2 >= 0 && r2 < n && c2 >= 0 && c2 < n && grid[r][c] != grid[r2][c2]) {
                    byte t = grid[r][c];
                    grid[r][c] = grid[r2][c2];
                    grid[r2][c2] = t;
                }
            }
        }
    }

    /**
     * The previous packed interacting model: padded grid and branch-free swap as now, but the cell
     * from a table of n² padded indices and one 64-bit draw per move.
     */
    static final class TableDriven {
        private final byte[] cells;
        private final int[] offsets;
        private final int[] padded;
        private final SplittableRandom rng;

        TableDriven(int n, SplittableRandom rng) {
            int stride = n + 2;
            this.rng = rng;
            this.cells = new byte[stride * stride];
            this.offsets = new int[] {-stride, stride, -1, 1};
            this.padded = new int[n * n];
            java.util.Arrays.fill(cells, (byte) 2);
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    cells[(r + 1) * stride + c + 1] = (byte) (r < n / 2 ? 1 : 0);
                    padded[r * n + c] = (r + 1) * stride + c + 1;
                }
            }
        }

        void advance(long moves) {
            byte[] g = cells;
            long cellCount = padded.length;
            for (long m = 0; m < moves; m++) {
                long x = rng.nextLong();
                int i = padded[(int) (((x >>> 32) * cellCount) >>> 32)];
                int j = i + offsets[(int) x & 3];
                int a = g[i];
                int b = g[j];
                int flip = (a ^ b) == 1 ? 1 : 0;
                g[i] = (byte) (a ^ flip);
                g[j] = (byte) (b ^ flip);
            }
        }
    }
}
