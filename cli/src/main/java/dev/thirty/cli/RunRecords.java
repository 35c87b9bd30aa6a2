package dev.thirty.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Headline;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.io.AtomicFiles;
import dev.thirty.io.Checkpoint;
import dev.thirty.kernels.Kernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The files of a run folder that the command writes: {@code config.json} (what was run, with
 * seed, commit, JDK, threads, kernels and machine) and {@code result.json} (what it reached, the
 * paper's number beside it). The experiment itself writes metrics and checkpoints.
 */
final class RunRecords {

    static final String CONFIG = "config.json";
    static final String RESULT = "result.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunRecords() {
    }

    /** A new folder {@code out/<experiment>-<UTC timestamp>} (suffixed if it already exists). */
    static Path create(Path out, String experiment) throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = out.resolve(experiment + "-" + stamp);
        for (int i = 2; Files.exists(dir); i++) {
            dir = out.resolve(experiment + "-" + stamp + "-" + i);
        }
        Files.createDirectories(dir);
        return dir;
    }

    static void writeConfig(Path dir, Experiment<?> e, String preset, Record config, Map<String, String> overrides,
                            long seed, int threads, int checkpointEvery) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("experiment", e.name());
        root.put("title", e.title());
        ObjectNode paper = root.putObject("paper");
        paper.put("citation", e.citation().text());
        if (!e.citation().url().isBlank()) {
            paper.put("url", e.citation().url());
        }
        root.put("preset", preset);
        root.set("config", JSON.valueToTree(config));
        root.set("overrides", JSON.valueToTree(overrides));
        root.put("seed", seed);
        root.put("threads", threads);
        root.put("kernels", Kernels.active().backend().name().toLowerCase());
        root.put("checkpointEvery", checkpointEvery);
        root.put("commit", commit());
        root.put("jdk", Runtime.version().toString());
        root.set("machine", JSON.valueToTree(machine()));
        root.put("started", Instant.now().toString());
        AtomicFiles.writeString(dir.resolve(CONFIG), JSON.writeValueAsString(root));
    }

    static JsonNode readConfig(Path dir) throws IOException {
        Path file = dir.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("not a run folder: " + dir + " (no " + CONFIG + ")");
        }
        return JSON.readTree(file.toFile());
    }

    /**
     * The experiment's configuration as the run folder recorded it ({@code config} of its config.json), laid
     * over the preset it recorded (the default preset when that name is gone): a setting the experiment
     * gained after the run was recorded takes the preset's value, so older runs still resume and sample.
     */
    static <C extends Record> C config(Experiment<C> e, JsonNode recorded) throws IOException {
        C preset = e.presets().get(recorded.path("preset").asText(""));
        ObjectNode merged = JSON.valueToTree(preset != null ? preset : e.presets().get(e.defaultPreset()));
        overlay(merged, recorded.get("config"));
        return JSON.treeToValue(merged, e.configType());
    }

    /** Writes every field of {@code top} into {@code base}, merging nested objects field by field. */
    private static void overlay(ObjectNode base, JsonNode top) {
        if (top == null || !top.isObject()) {
            return;
        }
        top.fields().forEachRemaining(f -> {
            JsonNode under = base.get(f.getKey());
            if (under instanceof ObjectNode nested && f.getValue().isObject()) {
                overlay(nested, f.getValue());
            } else {
                base.set(f.getKey(), f.getValue());
            }
        });
    }

    /**
     * The run folder's checkpoint, or a clear error for {@code command} when it has none yet
     * ({@code hint}, possibly empty, is appended to that message).
     */
    static Checkpoint checkpoint(Path dir, String command, String hint) throws IOException {
        Path at = dir.resolve(RunContext.CHECKPOINT_DIR);
        if (!Checkpoint.exists(at)) {
            throw new IllegalArgumentException(command + ": " + dir + " has no checkpoint yet" + hint);
        }
        return Checkpoint.load(at);
    }

    /** Writes {@code result.json} and returns what was written. */
    static Map<String, Object> writeResult(Path dir, Experiment<?> e, Headline h, RunResult r, double wallSeconds)
            throws IOException {
        Map<String, Object> headline = new LinkedHashMap<>();
        headline.put("metric", h.metric());
        headline.put("ours", r.metrics().get(h.metric()));
        headline.put("paper", h.paper());
        headline.put("paperNote", h.note());
        headline.put("target", h.target());
        headline.put("direction", h.direction().name());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("experiment", e.name());
        out.put("status", r.status().name().toLowerCase());
        out.put("step", r.step());
        out.put("metrics", new java.util.TreeMap<>(r.metrics()));
        out.put("headline", headline);
        out.put("wallSeconds", wallSeconds);
        out.put("finished", Instant.now().toString());
        AtomicFiles.writeString(dir.resolve(RESULT), JSON.writeValueAsString(out));
        return out;
    }

    /** The machine facts every report records. */
    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("arch", System.getProperty("os.arch"));
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("cpuModel", cpuModel());
        m.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return m;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: unknown
        }
        return "unknown";
    }

    /** The git commit of the working directory, or "unknown" outside a repository. */
    static String commit() {
        try {
            Process p = new ProcessBuilder(List.of("git", "rev-parse", "--short=12", "HEAD"))
                    .redirectErrorStream(true).start();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown";
            }
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.exitValue() == 0 && out.matches("[0-9a-f]+") ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
