package dev.thirty.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * Everything needed to resume training exactly: named tensors (model weights under their
 * state-dict names, optimizer state under {@link #optimizerSlot} names such as
 * {@code optim.fc.weight.momentum}), the step, the saved state of each named random generator,
 * optimizer scalars, and the run's config as free-form JSON.
 *
 * <p>On disk a checkpoint is a directory holding two files:
 * <ul>
 *   <li>{@code model-<generation>.safetensors}: every tensor as F32, readable by PyTorch and
 *       Hugging Face tools (metadata {@code format=pt}, {@code step});</li>
 *   <li>{@code checkpoint.json}: the commit record: step, RNG states, optimizer scalars, config,
 *       and the name and SHA-256 of the tensor file it belongs to.</li>
 * </ul>
 *
 * <p>Crash safety: {@link #save} writes the tensors to a <em>new</em> generation file (atomically,
 * see {@link AtomicFiles}) and only then atomically replaces {@code checkpoint.json}, which is the
 * commit point. Until that rename the old record still names the old, untouched tensor file, so a
 * crash at any moment leaves the previous checkpoint loadable; after it the new one is complete.
 * Only then are tensor files of older generations deleted (a file left by an interrupted save is
 * removed by the next successful one; if that clean-up itself fails, {@code save} throws although
 * the new checkpoint is already committed). {@link #load} verifies the tensor file against the
 * recorded SHA-256, so a file changed or damaged after the save is reported, never half-used.
 *
 * <p>Tensors are held by reference and {@code long[]} states by value copy at construction; the
 * record's {@code equals} compares tensors and states by identity.
 */
public record Checkpoint(long step, Map<String, Tensor> tensors, Map<String, long[]> rngStates,
                         Map<String, Double> optimizerScalars, JsonNode config) {

    /** Validates and takes unmodifiable copies (config deep-copied; null config becomes JSON null). */
    public Checkpoint {
        if (step < 0) {
            throw new IllegalArgumentException("checkpoint step must be >= 0, got " + step);
        }
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        if (tensors.containsKey(SafeTensorsHeader.METADATA_KEY) || tensors.containsKey(null)) {
            throw new IllegalArgumentException("checkpoint tensor names must be non-null and not "
                    + SafeTensorsHeader.METADATA_KEY);
        }
        Map<String, long[]> states = new LinkedHashMap<>();
        rngStates.forEach((name, state) -> states.put(name, state.clone()));
        rngStates = Collections.unmodifiableMap(states);
        optimizerScalars.forEach((name, value) -> {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("optimizer scalar '" + name + "' must be finite, got " + value);
            }
        });
        optimizerScalars = Collections.unmodifiableMap(new LinkedHashMap<>(optimizerScalars));
        config = config == null ? NullNode.getInstance() : config.deepCopy();
    }

    /** The tensor name for optimizer state {@code slot} of parameter {@code param}: {@code optim.<param>.<slot>}. */
    public static String optimizerSlot(String param, String slot) {
        return "optim." + param + "." + slot;
    }

    /** Whether {@code dir} holds a completed checkpoint record. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(CheckpointRecord.FILE_NAME));
    }

    // ---- saving -------------------------------------------------------------------------------

    /** Saves into {@code dir} (created if needed), replacing any checkpoint there only once complete. */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        String tensorsFile = "model-%06d.safetensors".formatted(latestGeneration(dir) + 1);
        MessageDigest sha = sha256();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("step", Long.toString(step));
        AtomicFiles.write(dir.resolve(tensorsFile),
                out -> SafeTensors.writeTo(new DigestOutputStream(out, sha), tensors, metadata));
        CheckpointRecord record = new CheckpointRecord(step, tensorsFile, HexFormat.of().formatHex(sha.digest()),
                tensors.size(), rngStates, optimizerScalars, config);
        AtomicFiles.write(dir.resolve(CheckpointRecord.FILE_NAME), record.toJson()); // the commit point
        for (Path old : tensorFiles(dir)) {
            if (!old.getFileName().toString().equals(tensorsFile)) {
                Files.deleteIfExists(old);
            }
        }
    }

    private static long latestGeneration(Path dir) throws IOException {
        long latest = 0;
        for (Path p : tensorFiles(dir)) {
            Matcher m = CheckpointRecord.TENSORS_FILE.matcher(p.getFileName().toString());
            if (m.matches()) {
                latest = Math.max(latest, Long.parseLong(m.group(1)));
            }
        }
        return latest;
    }

    private static List<Path> tensorFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> CheckpointRecord.TENSORS_FILE.matcher(p.getFileName().toString()).matches())
                    .toList();
        }
    }

    // ---- loading ------------------------------------------------------------------------------

    /** Loads the checkpoint committed in {@code dir}, checking the record, the hash and the tensor file. */
    public static Checkpoint load(Path dir) throws IOException {
        CheckpointRecord record = CheckpointRecord.read(dir);
        Path file = dir.resolve(record.tensorsFile());
        String actual = hash(dir, file);
        if (!actual.equals(record.sha256())) {
            throw new CheckpointException(file + ": SHA-256 is " + actual + " but " + CheckpointRecord.FILE_NAME
                    + " records " + record.sha256() + ": the tensor file was changed or damaged after the save");
        }
        SafeTensorsFile stored = SafeTensors.read(file);
        List<String> problems = new ArrayList<>();
        for (String name : stored.names()) {
            if (stored.dtype(name) != DType.F32) {
                problems.add("'" + name + "' is stored as " + stored.dtype(name) + ", checkpoints hold F32");
            }
        }
        if (stored.names().size() != record.tensorCount()) {
            problems.add("the record lists " + record.tensorCount() + " tensors, the file holds " + stored.names().size());
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException(file + ": not a tensor file of this checkpoint", problems);
        }
        return new Checkpoint(record.step(), stored.tensors(), record.rngStates(), record.optimizerScalars(),
                record.config());
    }

    /**
     * Loads the checkpoint in {@code dir} and copies its tensors into {@code targets}, as
     * {@link #loadInto(Map)} does; errors name the directory.
     */
    public static Checkpoint loadInto(Path dir, Map<String, Tensor> targets) throws IOException {
        Checkpoint checkpoint = load(dir);
        try {
            checkpoint.loadInto(targets);
        } catch (CheckpointException e) {
            throw new CheckpointException(dir + ": checkpoint (step " + checkpoint.step()
                    + ") does not match the expected tensors", e.problems());
        }
        return checkpoint;
    }

    /**
     * Copies every tensor into the tensor of the same name in {@code targets}, after checking that
     * the two hold exactly the same names with the same shapes (all tensors are float32). Every
     * missing name, unexpected name and shape mismatch is reported in one exception, and nothing
     * is copied unless everything matches.
     */
    public void loadInto(Map<String, Tensor> targets) throws CheckpointException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : targets.entrySet()) {
            Tensor found = tensors.get(e.getKey());
            if (found == null) {
                problems.add("missing: '" + e.getKey() + "' (expected shape " + e.getValue().shape() + ")");
            } else if (!found.shape().equals(e.getValue().shape())) {
                problems.add("shape: '" + e.getKey() + "' is " + found.shape() + " in the checkpoint, expected "
                        + e.getValue().shape());
            }
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (!targets.containsKey(e.getKey())) {
                problems.add("unexpected: '" + e.getKey() + "' (shape " + e.getValue().shape() + ") is in the"
                        + " checkpoint but not expected");
            }
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException("checkpoint (step " + step + ") does not match the expected tensors: "
                    + problems.size() + " problem" + (problems.size() == 1 ? "" : "s"), problems);
        }
        targets.forEach((name, target) -> {
            float[] source = tensors.get(name).data();
            System.arraycopy(source, 0, target.data(), 0, source.length);
        });
    }

    private static String hash(Path dir, Path file) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CheckpointException(dir + ": " + CheckpointRecord.FILE_NAME + " names " + file.getFileName()
                    + ", which is missing", e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
