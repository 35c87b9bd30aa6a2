package dev.thirty.cli;

import dev.thirty.papers.coffee.InteractingAutomaton;
import dev.thirty.papers.coffee.NonInteractingAutomaton;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thirty bench coffee}: attempted moves per second of the coffee automata on one thread,
 * the packed branch-free interacting model next to a straightforward one (a {@code byte[][]} grid,
 * {@link Random}, bounds tests and a swap) measured in the same run.
 */
@Command(name = "coffee", mixinStandardHelpOptions = true,
        description = "Coffee automaton: attempted moves per second, packed vs straightforward.")
final class CoffeeBench implements Runnable {

    @Option(names = "--n", defaultValue = "100", description = "Grid side (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--moves", defaultValue = "20000000", description = "Moves per timed run (default: ${DEFAULT-VALUE}).")
    long moves;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (n < 2 || moves < 1) {
            throw new IllegalArgumentException("--n must be >= 2 and --moves >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("coffee automaton, n=" + n + ", " + moves + " moves per run, medians; " + VersionInfo.runtime());
        InteractingAutomaton packed = new InteractingAutomaton(n, new SplittableRandom(1));
        NonInteractingAutomaton walkers = new NonInteractingAutomaton(n, new SplittableRandom(2));
        Straightforward plain = new Straightforward(n, new Random(3));
        double packedRate = rate(() -> packed.advance(moves));
        double walkRate = rate(() -> walkers.advance(moves));
        double plainRate = rate(() -> plain.advance(moves));
        out.printf(Locale.ROOT, "%-40s %10.1f M moves/s%n", "interacting, packed (InteractingAutomaton)", packedRate / 1e6);
        out.printf(Locale.ROOT, "%-40s %10.1f M moves/s%n", "interacting, straightforward", plainRate / 1e6);
        out.printf(Locale.ROOT, "%-40s %10.1f M moves/s%n", "non-interacting (NonInteractingAutomaton)", walkRate / 1e6);
        out.printf(Locale.ROOT, "packed / straightforward: %.2fx%n", packedRate / plainRate);
    }

    private double rate(Runnable work) {
        double nanos = Timing.medianNanos(work, 1_000_000_000L, 7, 2_000_000_000L);
        return moves / (nanos / 1e9);
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
}
