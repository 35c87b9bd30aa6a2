package dev.thirty.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Golden;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SafeTensorsTest.class.getResource(name).toURI());
    }

    private static void assertMatchesGolden(SafeTensorsFile file, Golden golden) {
        for (var e : golden.entries().entrySet()) {
            Tensor t = file.tensor(e.getKey());
            assertEquals(Shape.of(e.getValue().shape()), t.shape(), e.getKey());
            FloatAssert.assertIdentical(e.getKey(), e.getValue().data(), t.data());
        }
    }

    @Test
    void readsFloat32TensorsWrittenFromPyTorch() throws Exception {
        SafeTensorsFile file = SafeTensors.read(resource("torch_f32.safetensors"));
        assertEquals(List.of("conv.weight", "embedding.weight", "empty", "linear.bias", "linear.weight",
                "specials", "step"), file.names());
        assertEquals(Map.of("format", "pt", "made_by", "make_safetensors_fixtures.py"), file.metadata());
        assertEquals(DType.F32, file.dtype("linear.weight"));
        assertEquals(Shape.of(4, 3), file.shape("linear.weight"));
        assertEquals(Shape.scalar(), file.shape("step"));
        assertEquals(Shape.of(0, 3), file.shape("empty"));
        assertMatchesGolden(file, Golden.load(SafeTensorsTest.class, "torch_f32.json"));
        FloatAssert.assertIdentical("specials", new float[] {0f, -0f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, 1e-40f, Float.MAX_VALUE}, file.tensor("specials").data());
    }

    @Test
    void convertsF64F16AndBf16ToFloat32LikePyTorch() throws Exception {
        SafeTensorsFile file = SafeTensors.read(resource("torch_mixed.safetensors"));
        assertEquals(DType.F64, file.dtype("double"));
        assertEquals(DType.F16, file.dtype("half"));
        assertEquals(DType.BF16, file.dtype("brain"));
        assertMatchesGolden(file, Golden.load(SafeTensorsTest.class, "torch_mixed.json"));
        FloatAssert.assertIdentical("half_specials", new float[] {65504f, -65504f, 5.9604645e-8f,
            Float.POSITIVE_INFINITY, -0f}, file.tensor("half_specials").data());
    }

    @Test
    void writerReproducesTheReferenceLayoutByteForByte() throws Exception {
        Path fixture = resource("torch_f32.safetensors");
        SafeTensorsFile file = SafeTensors.read(fixture);
        // Insert in a scrambled order: the writer must sort by name as the reference does.
        List<String> names = new ArrayList<>(file.names());
        Collections.reverse(names);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        names.forEach(n -> tensors.put(n, file.tensor(n)));
        Path out = dir.resolve("ours.safetensors");
        SafeTensors.write(out, tensors, file.metadata());
        assertArrayEquals(Files.readAllBytes(fixture), Files.readAllBytes(out));
    }

    @Test
    void writtenFileReadsBackIdentically() throws IOException {
        Rng rng = Rng.seeded(21);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b", Tensor.randn(rng, 3, 5, 2));
        tensors.put("a", Tensor.randn(rng, 7));
        tensors.put("scalar", Tensor.scalar(-2.5f));
        tensors.put("empty", Tensor.zeros(4, 0));
        tensors.put("nan", Tensor.vector(Float.NaN, Float.intBitsToFloat(0x7fc00001), -0f));
        tensors.put("big", Tensor.randn(rng, 300_000)); // spans more than one 1 MiB write chunk
        Path path = dir.resolve("round.safetensors");
        SafeTensors.write(path, tensors, Map.of("step", "12", "ünïcode", "✓"));
        SafeTensorsFile back = SafeTensors.read(path);
        assertEquals(List.of("a", "b", "big", "empty", "nan", "scalar"), back.names());
        assertEquals(Map.of("step", "12", "ünïcode", "✓"), back.metadata());
        for (var e : tensors.entrySet()) {
            Tensor t = back.tensor(e.getKey());
            assertEquals(e.getValue().shape(), t.shape(), e.getKey());
            assertArrayEquals(rawBits(e.getValue().data()), rawBits(t.data()), e.getKey());
        }
    }

    private static int[] rawBits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    @Test
    void headerIsPaddedWithSpacesToEightBytesAndOffsetsTileTheData() throws IOException {
        Map<String, Tensor> tensors = Map.of("w", Tensor.ones(3), "v", Tensor.zeros(2, 2));
        Path path = dir.resolve("pad.safetensors");
        SafeTensors.write(path, tensors, Map.of("k", "v"));
        byte[] bytes = Files.readAllBytes(path);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header length " + n);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"k\":\"v\"},\"v\":"), header);
        JsonNode json = new ObjectMapper().readTree(header);
        assertEquals("[0,16]", json.get("v").get("data_offsets").toString());
        assertEquals("[16,28]", json.get("w").get("data_offsets").toString());
        assertEquals(8 + n + 28, bytes.length);
        String padding = header.substring(header.lastIndexOf('}') + 1);
        assertTrue(padding.length() < 8 && padding.chars().allMatch(c -> c == ' '), "padding '" + padding + "'");
    }

    @Test
    void tensorReturnsACopyAndUnknownNameIsReported() throws IOException {
        Path path = dir.resolve("copy.safetensors");
        SafeTensors.write(path, Map.of("x", Tensor.vector(1, 2)));
        SafeTensorsFile file = SafeTensors.read(path);
        file.tensor("x").data()[0] = 99;
        assertEquals(1f, file.tensor("x").data()[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> file.tensor("y"));
        assertTrue(e.getMessage().contains("'y'") && e.getMessage().contains("copy.safetensors")
                && e.getMessage().contains("x"), e.getMessage());
    }

    @Test
    void reservedMetadataNameCannotBeATensor() {
        Path path = dir.resolve("bad.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(path, Map.of("__metadata__", Tensor.ones(1))));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        assertTrue(Files.notExists(path));
    }
}
