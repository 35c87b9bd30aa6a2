package dev.thirty.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link GemmBenchmark} (taking the usual JMH command-line options, such as {@code -wi 3 -i 5
 * -w 1 -r 1 -p threads=1}) and prints its GFLOPS as Markdown tables, Thirty against OpenBLAS at
 * each shape and thread count with their ratio from the same run: wall-clock GFLOPS for every
 * thread count, then GFLOPS per CPU-second of the calling thread for one thread.
 */
public final class GemmReport {

    private GemmReport() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli).include(GemmBenchmark.class.getSimpleName() + ".sgemm");
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println("GFLOPS (wall clock):\n");
        System.out.println(table(results, false, r -> secondary(r, "gflops")));
        System.out.println("GFLOPS per CPU-second of the calling thread (one thread only):\n");
        System.out.println(table(results, true,
                r -> secondary(r, "flopsDone") / secondary(r, "cpuNanos")));
    }

    private static double secondary(RunResult r, String name) {
        return r.getSecondaryResults().get(name).getScore();
    }

    /** One row per shape and thread count, one column per implementation, then the ratio. */
    static String table(Collection<RunResult> results, boolean oneThreadOnly,
                        ToDoubleFunction<RunResult> gflops) {
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        Map<String, Boolean> impls = new TreeMap<>();
        for (RunResult r : results) {
            String threads = r.getParams().getParam("threads");
            if (oneThreadOnly && !threads.equals("1")) {
                continue;
            }
            String impl = r.getParams().getParam("impl");
            String row = r.getParams().getParam("shape") + " | " + threads;
            rows.computeIfAbsent(row, key -> new TreeMap<>()).put(impl, gflops.applyAsDouble(r));
            impls.put(impl, true);
        }
        StringBuilder out = new StringBuilder("| shape (MxKxN) | threads |");
        for (String impl : impls.keySet()) {
            out.append(' ').append(impl).append(" |");
        }
        out.append(" THIRTY_VECTOR / OPENBLAS |\n|---|---|");
        out.append("---|".repeat(impls.size() + 1)).append('\n');
        for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
            out.append("| ").append(row.getKey()).append(" |");
            for (String impl : impls.keySet()) {
                Double score = row.getValue().get(impl);
                out.append(score == null ? " – |" : String.format(" %.1f |", score));
            }
            Double ours = row.getValue().get("THIRTY_VECTOR");
            Double theirs = row.getValue().get("OPENBLAS");
            out.append(ours == null || theirs == null ? " – |" : String.format(" %.2f |", ours / theirs));
            out.append('\n');
        }
        return out.toString();
    }
}
