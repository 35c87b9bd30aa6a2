package dev.thirty.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thirty.data.DataLocation;
import dev.thirty.data.Downloader;
import dev.thirty.experiment.ConfigOverrides;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Headline;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.io.Checkpoint;
import dev.thirty.kernels.ComputePool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/** Carries out {@code thirty run}: a fresh run from a preset, or the resume of a run folder. */
final class Runner {

    static final long DEFAULT_SEED = 42;

    private final RunCommand opts;
    private final CommandLine cli;
    private final PrintWriter human;

    Runner(RunCommand opts, CommandLine cli) {
        this.opts = opts;
        this.cli = cli;
        this.human = opts.json ? cli.getErr() : cli.getOut();
    }

    void run() {
        try {
            if (opts.resume != null) {
                resume();
            } else {
                Experiment<?> e = Experiments.byName(opts.experiment).orElseThrow(() -> opts.usage(
                        "run: unknown experiment '" + opts.experiment + "'; available: "
                                + String.join(", ", Experiments.titles().keySet())));
                fresh(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <C extends Record> void fresh(Experiment<C> e) throws IOException {
        String preset = opts.preset != null ? opts.preset : e.defaultPreset();
        C base = e.presets().get(preset);
        if (base == null) {
            throw opts.usage("--preset: " + e.name() + " has no preset '" + preset + "'; presets: "
                    + String.join(", ", e.presets().keySet()));
        }
        Map<String, String> overrides = new LinkedHashMap<>(ConfigOverrides.parse(opts.settings));
        if (opts.steps != null && overrides.put("steps", opts.steps.toString()) != null) {
            throw opts.usage("--steps and --set steps=... are both given");
        }
        C config = ConfigOverrides.apply(base, overrides);
        long seed = opts.seed != null ? opts.seed : DEFAULT_SEED;
        int threads = opts.threads != null ? opts.threads : ComputePool.configuredThreads();
        Path dir = RunRecords.create(opts.out, e.name());
        RunRecords.writeConfig(dir, e, preset, config, overrides, seed, threads, opts.checkpointEvery);
        human.println(e.name() + ": " + e.title() + " (preset " + preset + ", seed " + seed + ", "
                + VersionInfo.runtime(threads) + ")");
        human.println("run folder: " + dir);
        execute(e, config, dir, seed, threads, opts.checkpointEvery, null);
    }

    private void resume() throws IOException {
        Path dir = opts.resume;
        JsonNode recorded = RunRecords.readConfig(dir);
        String name = recorded.path("experiment").asText();
        Experiment<?> e = Experiments.byName(name).orElseThrow(() -> new IllegalArgumentException(
                "--resume: " + dir + " is a run of '" + name + "', which this version does not know"));
        resumeAs(e, dir, recorded);
    }

    private <C extends Record> void resumeAs(Experiment<C> e, Path dir, JsonNode recorded) throws IOException {
        Path result = dir.resolve(RunRecords.RESULT);
        if (Files.exists(result) && "completed".equals(RunRecords.JSON.readTree(result.toFile()).path("status").asText())) {
            throw new IllegalArgumentException("--resume: " + dir + " has already completed; see its report.md");
        }
        Checkpoint checkpoint = RunRecords.checkpoint(dir, "--resume", "; start the run again");
        C config = RunRecords.config(e, recorded);
        long seed = recorded.path("seed").asLong(DEFAULT_SEED);
        int recordedThreads = recorded.path("threads").asInt(ComputePool.configuredThreads());
        int threads = opts.threads != null ? opts.threads : recordedThreads;
        if (threads != recordedThreads) {
            human.println("note: the run was started with " + recordedThreads + " threads; resuming with "
                    + threads + " may change the last bits of the result");
        }
        int every = recorded.path("checkpointEvery").asInt(opts.checkpointEvery);
        human.println(e.name() + ": resuming " + dir + " from step " + checkpoint.step());
        execute(e, config, dir, seed, threads, every, checkpoint);
    }

    private <C extends Record> void execute(Experiment<C> e, C config, Path dir, long seed, int threads,
                                            int checkpointEvery, Checkpoint resume) throws IOException {
        DataLocation data = DataLocation.of(opts.data, System.getenv(), Path.of(System.getProperty("user.home")));
        ProgressLine bar = new ProgressLine(cli.getErr(), ProgressLine.stderrIsTerminal(), e.name());
        long start = System.nanoTime();
        RunResult r;
        try (StopSignal stop = new StopSignal(); ComputePool pool = ComputePool.ofThreads(threads)) {
            RunContext.Progress progress = new RunContext.Progress() {
                @Override
                public void update(long step, long total, double loss) {
                    bar.update(step, total, loss);
                }

                @Override
                public void download(String file, long bytes, long total) {
                    bar.download(file, bytes, total);
                }
            };
            RunContext.Settings settings = new RunContext.Settings(dir, seed, data,
                    opts.offline ? null : Downloader.standard(), checkpointEvery, resume, stop::requested,
                    progress, human);
            try (RunContext ctx = RunContext.open(settings)) {
                r = pool.call(() -> {
                    try {
                        return e.run(config, ctx);
                    } catch (IOException io) {
                        throw new UncheckedIOException(io);
                    }
                });
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Headline h = e.headline(config);
            Map<String, Object> written = RunRecords.writeResult(dir, e, h, r, seconds);
            Reports.render(dir, human);
            summarise(e, h, r, dir, seconds);
            if (opts.json) {
                Map<String, Object> out = new LinkedHashMap<>(written);
                out.put("runDir", dir.toString());
                JsonOutput.print(cli.getOut(), out);
            }
        }
    }

    private void summarise(Experiment<?> e, Headline h, RunResult r, Path dir, double seconds) {
        if (r.status() == RunResult.Status.INTERRUPTED) {
            human.printf(Locale.ROOT, "%s: stopped at step %d after %.1f s; checkpoint saved.%n"
                    + "continue with: ./thirty run --resume %s%n", e.name(), r.step(), seconds, dir);
        } else {
            Double ours = r.metrics().get(h.metric());
            String verdict = ours == null ? "not measured" : h.met(ours) ? "target met" : "target NOT met";
            human.printf(Locale.ROOT, "%s: %d steps in %.1f s; %s = %s (paper %s, target %s %s: %s)%n",
                    e.name(), r.step(), seconds, h.metric(), ours == null ? "-" : fmt(ours),
                    fmt(h.paper()), h.direction() == Headline.Direction.HIGHER ? ">=" : "<=", fmt(h.target()), verdict);
            human.println("report: " + dir.resolve("report.md"));
        }
        human.flush();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4g", v);
    }
}
