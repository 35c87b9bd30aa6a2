package dev.thirty.experiment;

import dev.thirty.data.DataLocation;
import dev.thirty.data.DatasetFiles;
import dev.thirty.data.DatasetSpec;
import dev.thirty.data.Downloader;
import dev.thirty.io.AtomicFiles;
import dev.thirty.io.Checkpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What an experiment's training loop reports to and asks of the run around it: the run folder,
 * the seed, data sets, metrics, progress, checkpoints, resume and interruption.
 */
public final class RunContext implements AutoCloseable {

    /** Where step-by-step progress goes (the command draws a bar or logs lines). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (step, total, loss) -> { };

        void update(long step, long total, double loss);

        /** Bytes of {@code file} received so far ({@code totalBytes} is -1 when unknown). */
        default void download(String file, long bytes, long totalBytes) {
        }
    }

    /**
     * @param runDir          the run folder; checkpoints go to {@code runDir/checkpoint}
     * @param seed            the run's seed
     * @param data            where data sets are looked for
     * @param downloader      fetches missing data sets, or null to never download
     * @param checkpointEvery save a checkpoint every this many steps (0: only at the end or on stop)
     * @param resume          the checkpoint to continue from, or null for a fresh run
     * @param stop            true once the user asked to stop (Ctrl-C)
     * @param progress        progress sink
     * @param log             human-readable messages
     */
    public record Settings(Path runDir, long seed, DataLocation data, Downloader downloader, int checkpointEvery,
                           Checkpoint resume, BooleanSupplier stop, Progress progress, PrintWriter log) {
        public Settings {
            if (runDir == null || data == null || stop == null || progress == null || log == null) {
                throw new IllegalArgumentException("run settings: runDir, data, stop, progress and log are required");
            }
            if (checkpointEvery < 0) {
                throw new IllegalArgumentException("checkpoint interval must be >= 0, got " + checkpointEvery);
            }
        }

        /** A run that prints nothing, never downloads, never stops early and saves only at the end. */
        public static Settings quiet(Path runDir, long seed, DataLocation data) {
            return new Settings(runDir, seed, data, null, 0, null, () -> false, Progress.NONE,
                    new PrintWriter(java.io.Writer.nullWriter()));
        }

        public Settings withResume(Checkpoint checkpoint, int every, BooleanSupplier stopWhen) {
            return new Settings(runDir, seed, data, downloader, every, checkpoint, stopWhen, progress, log);
        }
    }

    public static final String CHECKPOINT_DIR = "checkpoint";

    private final Settings settings;
    private final MetricsLog metrics;

    private RunContext(Settings settings, MetricsLog metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Opens the run's metrics log (trimmed to the resume checkpoint's step when resuming). */
    public static RunContext open(Settings settings) throws IOException {
        MetricsLog log = settings.resume() == null ? MetricsLog.create(settings.runDir())
                : MetricsLog.resume(settings.runDir(), settings.resume().step());
        return new RunContext(settings, log);
    }

    public Path runDir() {
        return settings.runDir();
    }

    public long seed() {
        return settings.seed();
    }

    /** The files of a data set: found on disk, else downloaded (with a checksum) when allowed. */
    public DatasetFiles dataset(DatasetSpec spec) throws IOException {
        if (settings.downloader() == null) {
            return settings.data().locate(spec);
        }
        return settings.data().obtain(spec, settings.downloader(), (source, bytes, total) -> settings.progress()
                .download(source.toString(), bytes, total));
    }

    public DataLocation data() {
        return settings.data();
    }

    /** Records {@code value} of {@code metric} (e.g. {@code val/loss}) at {@code step}. */
    public void log(long step, String metric, double value) {
        metrics.log(step, metric, value);
    }

    public void progress(long step, long total, double loss) {
        settings.progress().update(step, total, loss);
    }

    /** A human-readable line for the run's log. */
    public void say(String message) {
        settings.log().println(message);
        settings.log().flush();
    }

    /** Whether to save a checkpoint after {@code step}: on the interval, at a stop request, or never. */
    public boolean checkpointDue(long step) {
        int every = settings.checkpointEvery();
        return stopRequested() || (every > 0 && step % every == 0);
    }

    /** Saves {@code checkpoint} atomically over the run's previous one. */
    public void saveCheckpoint(Checkpoint checkpoint) throws IOException {
        checkpoint.save(settings.runDir().resolve(CHECKPOINT_DIR));
    }

    /** The checkpoint to continue from when resuming. */
    public Optional<Checkpoint> resumeFrom() {
        return Optional.ofNullable(settings.resume());
    }

    /** True once the user asked the run to stop: save a checkpoint and return. */
    public boolean stopRequested() {
        return settings.stop().getAsBoolean();
    }

    /** Writes free Markdown (e.g. generated samples) that the report includes. */
    public void writeSamples(String markdown) throws IOException {
        AtomicFiles.writeString(settings.runDir().resolve("samples.md"), markdown);
    }

    @Override
    public void close() throws IOException {
        metrics.close();
    }
}
