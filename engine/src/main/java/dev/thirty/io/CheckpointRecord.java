package dev.thirty.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSON commit record of a {@link Checkpoint}, {@code checkpoint.json}:
 *
 * <pre>
 * {"format": "thirty-checkpoint", "version": 1, "step": 120,
 *  "tensors": {"file": "model-000003.safetensors", "sha256": "...", "count": 12},
 *  "rng": {"init": [s0, s1, s2, s3], ...},
 *  "optimizer": {"lr": 0.001, ...},
 *  "config": {...}}
 * </pre>
 *
 * Parsing checks every field and names the record and the field when one is missing or wrong.
 */
record CheckpointRecord(long step, String tensorsFile, String sha256, int tensorCount,
                        Map<String, long[]> rngStates, Map<String, Double> optimizerScalars, JsonNode config) {

    static final String FILE_NAME = "checkpoint.json";
    static final String FORMAT = "thirty-checkpoint";
    static final int VERSION = 1;
    static final Pattern TENSORS_FILE = Pattern.compile("model-(\\d{6,18})\\.safetensors");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** The record as pretty-printed JSON. */
    byte[] toJson() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("version", VERSION).put("step", step);
        root.putObject("tensors").put("file", tensorsFile).put("sha256", sha256).put("count", tensorCount);
        ObjectNode rng = root.putObject("rng");
        rngStates.forEach((name, state) -> {
            ArrayNode words = rng.putArray(name);
            for (long w : state) {
                words.add(w);
            }
        });
        ObjectNode optimizer = root.putObject("optimizer");
        optimizerScalars.forEach(optimizer::put);
        root.set("config", config);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /** Reads and checks {@code dir/checkpoint.json}. */
    static CheckpointRecord read(Path dir) throws CheckpointException {
        Path file = dir.resolve(FILE_NAME);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new CheckpointException(dir + ": not a checkpoint: " + FILE_NAME + " is missing (no save into"
                    + " this directory has completed)", e);
        } catch (JacksonException e) {
            throw new CheckpointException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot be read: " + e.getMessage(), e);
        }
        Fields f = new Fields(file);
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file + ": expected a JSON object, found " + root);
        }
        String format = f.text(root, "format");
        long version = f.count(root, "version");
        if (!format.equals(FORMAT) || version != VERSION) {
            throw new CheckpointException(file + ": expected format '" + FORMAT + "' version " + VERSION
                    + ", found '" + format + "' version " + version);
        }
        JsonNode tensors = f.object(root, "tensors");
        String tensorsFile = f.text(tensors, "file");
        if (!TENSORS_FILE.matcher(tensorsFile).matches()) {
            throw new CheckpointException(file + ": tensors.file must name a model-<generation>.safetensors file"
                    + " in the same directory, found '" + tensorsFile + "'");
        }
        String sha = f.text(tensors, "sha256");
        if (!SHA256.matcher(sha).matches()) {
            throw new CheckpointException(file + ": tensors.sha256 must be 64 lowercase hex digits, found '" + sha + "'");
        }
        long count = f.count(tensors, "count");
        return new CheckpointRecord(f.count(root, "step"), tensorsFile, sha, (int) Math.min(count, Integer.MAX_VALUE),
                rngStates(f, f.object(root, "rng")), scalars(f, f.object(root, "optimizer")), f.node(root, "config"));
    }

    private static Map<String, long[]> rngStates(Fields f, JsonNode rng) throws CheckpointException {
        Map<String, long[]> states = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : rng.properties()) {
            JsonNode words = e.getValue();
            if (!words.isArray()) {
                throw f.problem("rng." + e.getKey() + " must be an array of 64-bit integers, found " + words);
            }
            long[] state = new long[words.size()];
            for (int i = 0; i < state.length; i++) {
                JsonNode w = words.get(i);
                if (!w.isIntegralNumber() || !w.canConvertToLong()) {
                    throw f.problem("rng." + e.getKey() + "[" + i + "] must be a 64-bit integer, found " + w);
                }
                state[i] = w.longValue();
            }
            states.put(e.getKey(), state);
        }
        return states;
    }

    private static Map<String, Double> scalars(Fields f, JsonNode optimizer) throws CheckpointException {
        Map<String, Double> scalars = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : optimizer.properties()) {
            if (!e.getValue().isNumber()) {
                throw f.problem("optimizer." + e.getKey() + " must be a number, found " + e.getValue());
            }
            scalars.put(e.getKey(), e.getValue().doubleValue());
        }
        return scalars;
    }

    /** Field access that names the record and the field in every complaint. */
    private record Fields(Path file) {

        CheckpointException problem(String what) {
            return new CheckpointException(file + ": " + what);
        }

        JsonNode node(JsonNode parent, String name) throws CheckpointException {
            JsonNode n = parent.get(name);
            if (n == null) {
                throw problem("missing field '" + name + "'");
            }
            return n;
        }

        JsonNode object(JsonNode parent, String name) throws CheckpointException {
            JsonNode n = node(parent, name);
            if (!n.isObject()) {
                throw problem("field '" + name + "' must be an object, found " + n);
            }
            return n;
        }

        String text(JsonNode parent, String name) throws CheckpointException {
            JsonNode n = node(parent, name);
            if (!n.isTextual()) {
                throw problem("field '" + name + "' must be a string, found " + n);
            }
            return n.textValue();
        }

        long count(JsonNode parent, String name) throws CheckpointException {
            JsonNode n = node(parent, name);
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
                throw problem("field '" + name + "' must be a non-negative integer, found " + n);
            }
            return n.longValue();
        }
    }
}
