package dev.thirty.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A run's {@code config.json}: what was run, with which settings, where and from which commit.
 *
 * @param experiment the experiment's name, e.g. {@code mlp-mnist}
 * @param title      its human title, e.g. {@code An MLP on MNIST}
 * @param paper      the paper it reproduces; empty for engine demos
 * @param preset     the named config preset the run started from, e.g. {@code cpu}
 * @param settings   the experiment's config record, flattened: nested objects become dotted keys,
 *                   arrays their JSON text; in file order
 * @param overrides  the {@code --set key=value} pairs given on the command line, as typed
 * @param seed       the random seed
 * @param threads    compute threads
 * @param kernels    the kernel implementation, e.g. {@code vector}
 * @param commit     the source commit, or {@code unknown}
 * @param jdk        the Java runtime version
 * @param machine    the machine the run used
 * @param started    when the run started, as written (ISO-8601)
 */
public record RunConfig(String experiment, String title, Optional<Paper> paper, String preset,
        Map<String, String> settings, Map<String, String> overrides, long seed, int threads, String kernels,
        String commit, String jdk, Machine machine, String started) {

    public RunConfig {
        requireText(experiment, "experiment");
        requireText(title, "title");
        Objects.requireNonNull(paper, "paper");
        Objects.requireNonNull(preset, "preset");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        if (threads < 1) {
            throw new RunFolderException("config.json: threads must be at least 1, got " + threads);
        }
        Objects.requireNonNull(kernels, "kernels");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(jdk, "jdk");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(started, "started");
    }

    /** The paper a run reproduces: its citation and where to read it. */
    public record Paper(String citation, Optional<String> url) {
        public Paper {
            requireText(citation, "paper.citation");
            Objects.requireNonNull(url, "url");
        }
    }

    /**
     * The machine a run used.
     *
     * @param cpuModel  empty where the operating system did not say
     * @param maxHeapMb the JVM's maximum heap; empty where not recorded
     */
    public record Machine(String os, String arch, int cpus, Optional<String> cpuModel, Optional<Long> maxHeapMb) {
        public Machine {
            Objects.requireNonNull(os, "os");
            Objects.requireNonNull(arch, "arch");
            if (cpus < 1) {
                throw new RunFolderException("config.json: machine.cpus must be at least 1, got " + cpus);
            }
            Objects.requireNonNull(cpuModel, "cpuModel");
            Objects.requireNonNull(maxHeapMb, "maxHeapMb");
        }
    }

    /** Reads the parsed {@code config.json}; a missing or mistyped field names itself. */
    static RunConfig parse(JsonNode root) {
        JsonFields f = JsonFields.root("config.json", root);
        Optional<Paper> paper = f.optionalObject("paper")
                .map(p -> new Paper(p.text("citation"), p.optionalText("url")));
        JsonFields m = f.object("machine");
        Machine machine = new Machine(m.text("os"), m.text("arch"), (int) m.integer("cpus"),
                m.optionalText("cpuModel"), m.optionalNumber("maxHeapMb").map(Double::longValue));
        Map<String, String> overrides = new LinkedHashMap<>();
        f.optionalObject("overrides").ifPresent(o -> o.node().fieldNames()
                .forEachRemaining(k -> overrides.put(k, o.text(k))));
        Map<String, String> settings = new LinkedHashMap<>();
        flatten("", f.object("config").node(), settings);
        return new RunConfig(f.text("experiment"), f.text("title"), paper, f.text("preset"), settings,
                overrides, f.integer("seed"), (int) f.integer("threads"), f.text("kernels"), f.text("commit"),
                f.text("jdk"), machine, f.text("started"));
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject() && !v.isEmpty()) {
                flatten(key + ".", v, into);
            } else {
                into.put(key, v.isValueNode() ? v.asText() : v.toString());
            }
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new RunFolderException("config.json: field '" + field + "' must not be empty");
        }
    }
}
