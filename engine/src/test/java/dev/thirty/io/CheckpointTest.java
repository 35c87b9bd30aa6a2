package dev.thirty.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Tensor> model(Rng rng) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("fc.weight", Tensor.randn(rng, 3, 4));
        tensors.put("fc.bias", Tensor.randn(rng, 4));
        tensors.put(Checkpoint.optimizerSlot("fc.weight", "momentum"), Tensor.randn(rng, 3, 4));
        return tensors;
    }

    private static Checkpoint checkpoint(long step, Rng rng) throws IOException {
        JsonNode config = JSON.readTree("{\"lr\": 0.1, \"layers\": [3, 4], \"name\": \"tiny\"}");
        return new Checkpoint(step, model(rng), Map.of("init", rng.state(), "data", new long[] {-1, Long.MIN_VALUE}),
                Map.of("lr", 0.05, "beta1", 0.9), config);
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void savedCheckpointLoadsBackIdentically() throws IOException {
        Rng rng = Rng.seeded(3);
        Checkpoint saved = checkpoint(120, rng);
        saved.save(dir);
        Checkpoint loaded = Checkpoint.load(dir);
        assertEquals(120, loaded.step());
        assertEquals(List.copyOf(saved.tensors().keySet()).stream().sorted().toList(),
                List.copyOf(loaded.tensors().keySet()));
        saved.tensors().forEach((name, t) -> {
            assertEquals(t.shape(), loaded.tensors().get(name).shape(), name);
            assertArrayEquals(t.data(), loaded.tensors().get(name).data(), name);
        });
        assertArrayEquals(saved.rngStates().get("init"), loaded.rngStates().get("init"));
        assertArrayEquals(new long[] {-1, Long.MIN_VALUE}, loaded.rngStates().get("data"));
        assertEquals(saved.optimizerScalars(), loaded.optimizerScalars());
        assertEquals(saved.config(), loaded.config());
        Rng resumed = Rng.restore(loaded.rngStates().get("init"));
        assertEquals(rng.nextLong(), resumed.nextLong());
    }

    @Test
    void tensorFileOpensAsPlainSafetensors() throws IOException {
        checkpoint(7, Rng.seeded(1)).save(dir);
        assertEquals(List.of("checkpoint.json", "model-000001.safetensors"), listing());
        SafeTensorsFile file = SafeTensors.read(dir.resolve("model-000001.safetensors"));
        assertEquals(Map.of("format", "pt", "step", "7"), file.metadata());
        assertTrue(file.contains("optim.fc.weight.momentum"));
    }

    @Test
    void laterSaveReplacesTheEarlierOneAndRemovesItsTensorFile() throws IOException {
        checkpoint(1, Rng.seeded(1)).save(dir);
        checkpoint(2, Rng.seeded(2)).save(dir);
        assertEquals(List.of("checkpoint.json", "model-000002.safetensors"), listing());
        assertEquals(2, Checkpoint.load(dir).step());
    }

    @Test
    void interruptedSaveLeavesThePreviousCheckpointLoadable() throws IOException {
        checkpoint(10, Rng.seeded(1)).save(dir);
        // A save that crashed after writing its tensor file but before committing checkpoint.json,
        // and one that died mid-way through the record's temporary file.
        Files.write(dir.resolve("model-000002.safetensors"), new byte[] {1, 2, 3});
        Files.writeString(dir.resolve(".checkpoint.json.0123abcd.tmp"), "{\"format\": ");
        Checkpoint survivor = Checkpoint.load(dir);
        assertEquals(10, survivor.step());
        checkpoint(11, Rng.seeded(2)).save(dir);
        assertEquals(11, Checkpoint.load(dir).step());
        assertFalse(listing().contains("model-000002.safetensors"));
        assertTrue(listing().contains("model-000003.safetensors"), listing().toString());
    }

    @Test
    void damagedTensorFileIsDetectedByItsHash() throws IOException {
        checkpoint(5, Rng.seeded(1)).save(dir);
        Path file = dir.resolve("model-000001.safetensors");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(dir));
        assertTrue(e.getMessage().contains("model-000001.safetensors") && e.getMessage().contains("SHA-256"),
                e.getMessage());
    }

    @Test
    void missingRecordOrTensorFileIsReportedByName() throws IOException {
        CheckpointException none = assertThrows(CheckpointException.class, () -> Checkpoint.load(dir));
        assertTrue(none.getMessage().contains("checkpoint.json is missing"), none.getMessage());
        assertFalse(Checkpoint.exists(dir));
        checkpoint(5, Rng.seeded(1)).save(dir);
        assertTrue(Checkpoint.exists(dir));
        Files.delete(dir.resolve("model-000001.safetensors"));
        CheckpointException gone = assertThrows(CheckpointException.class, () -> Checkpoint.load(dir));
        assertTrue(gone.getMessage().contains("model-000001.safetensors, which is missing"), gone.getMessage());
    }

    @Test
    void malformedRecordNamesTheField() throws IOException {
        checkpoint(5, Rng.seeded(1)).save(dir);
        Path record = dir.resolve("checkpoint.json");
        String json = Files.readString(record);
        Files.writeString(record, json.replace("\"step\" : 5", "\"step\" : -5"));
        CheckpointException step = assertThrows(CheckpointException.class, () -> Checkpoint.load(dir));
        assertTrue(step.getMessage().contains("'step' must be a non-negative integer, found -5"), step.getMessage());
        Files.writeString(record, json.replace("model-000001.safetensors", "../elsewhere.safetensors"));
        CheckpointException escape = assertThrows(CheckpointException.class, () -> Checkpoint.load(dir));
        assertTrue(escape.getMessage().contains("tensors.file"), escape.getMessage());
        Files.writeString(record, "{\"format\": \"thirty-checkpoint\", \"version\": 1}");
        CheckpointException missing = assertThrows(CheckpointException.class, () -> Checkpoint.load(dir));
        assertTrue(missing.getMessage().contains("missing field 'tensors'"), missing.getMessage());
    }

    @Test
    void loadIntoReportsEveryMismatchInOneError() throws IOException {
        checkpoint(9, Rng.seeded(1)).save(dir);
        Map<String, Tensor> expected = new LinkedHashMap<>();
        expected.put("fc.weight", Tensor.zeros(4, 3));
        expected.put("fc.bias", Tensor.zeros(4));
        expected.put("head.weight", Tensor.zeros(2));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.loadInto(dir, expected));
        assertEquals(List.of(
                "shape: 'fc.weight' is (3, 4) in the checkpoint, expected (4, 3)",
                "missing: 'head.weight' (expected shape (2,))",
                "unexpected: 'optim.fc.weight.momentum' (shape (3, 4)) is in the checkpoint but not expected"),
                e.problems());
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("step 9"), e.getMessage());
        assertArrayEquals(new float[4], expected.get("fc.bias").data(), "nothing is copied on mismatch");
    }

    @Test
    void loadIntoCopiesEveryTensorWhenAllMatch() throws IOException {
        Checkpoint saved = checkpoint(9, Rng.seeded(1));
        saved.save(dir);
        Map<String, Tensor> targets = new LinkedHashMap<>();
        saved.tensors().forEach((name, t) -> targets.put(name, Tensor.zeros(t.shape().dims())));
        Checkpoint.loadInto(dir, targets);
        saved.tensors().forEach((name, t) -> assertArrayEquals(t.data(), targets.get(name).data(), name));
    }

    @Test
    void constructorRejectsNegativeStepAndNonFiniteScalars() {
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint(-1, Map.of(), Map.of(), Map.of(), null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Checkpoint(0, Map.of(), Map.of(), Map.of("lr", Double.NaN), null));
        assertTrue(e.getMessage().contains("'lr'"), e.getMessage());
    }
}
