package dev.thirty.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed files are rejected with a message naming the file and the problem: no OOM, no hang. */
class SafeTensorsCorruptionTest {

    @TempDir
    Path dir;

    private Path file(String name, long headerLength, byte[] header, int dataBytes) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(headerLength).put(header);
        Path path = dir.resolve(name);
        Files.write(path, buf.array());
        return path;
    }

    private Path file(String name, String header, int dataBytes) throws IOException {
        byte[] bytes = header.getBytes(StandardCharsets.UTF_8);
        return file(name, bytes.length, bytes, dataBytes);
    }

    private static String f32(String name, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    private static void assertRejected(Path path, String... fragments) {
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(path));
        String message = e.getMessage();
        assertTrue(message.contains(path.getFileName().toString()), "message does not name the file: " + message);
        for (String f : fragments) {
            assertTrue(message.contains(f), "message lacks '" + f + "': " + message);
        }
    }

    @Test
    void fileShorterThanTheHeaderLengthIsRejected() throws IOException {
        Path path = dir.resolve("tiny.safetensors");
        Files.write(path, new byte[] {1, 2, 3});
        assertRejected(path, "3 bytes", "too short");
    }

    @Test
    void truncatedFileIsRejected() throws IOException {
        Path good = dir.resolve("good.safetensors");
        SafeTensors.write(good, Map.of("w", Tensor.ones(4, 4)));
        byte[] bytes = Files.readAllBytes(good);
        Path cutData = dir.resolve("cut-data.safetensors");
        Files.write(cutData, Arrays.copyOf(bytes, bytes.length - 5));
        assertRejected(cutData, "'w'", "run past the end of the 59-byte data buffer");
        Path cutHeader = dir.resolve("cut-header.safetensors");
        Files.write(cutHeader, Arrays.copyOf(bytes, 20));
        assertRejected(cutHeader, "runs past the end of the file (20 bytes");
    }

    @Test
    void headerLengthPastEndOfFileIsRejected() throws IOException {
        assertRejected(file("past.safetensors", 1000, "{}".getBytes(StandardCharsets.UTF_8), 0),
                "header length 1000 runs past the end of the file");
    }

    @Test
    void hugeHeaderLengthIsRejectedWithoutAllocating() throws IOException {
        byte[] header = "{}".getBytes(StandardCharsets.UTF_8);
        assertRejected(file("huge.safetensors", 1L << 62, header, 0), "header length 4611686018427387904",
                "exceeds the limit of 100000000 bytes");
        assertRejected(file("unsigned.safetensors", -1L, header, 0), "18446744073709551615", "exceeds the limit");
        assertRejected(file("cap.safetensors", SafeTensors.MAX_HEADER_BYTES + 1, header, 0), "exceeds the limit");
    }

    @Test
    void headerThatIsNotJsonIsRejected() throws IOException {
        assertRejected(file("text.safetensors", "hello world", 0), "not valid JSON");
        assertRejected(file("garbage.safetensors", "{} trailing", 0), "not valid JSON");
        assertRejected(file("utf8.safetensors", 4, new byte[] {'{', '"', (byte) 0xff, '}'}, 0), "not valid UTF-8");
        assertRejected(file("deep.safetensors", "{\"a\":" + "[".repeat(100_000), 0), "not valid JSON");
    }

    @Test
    void headerThatIsNotAnObjectIsRejected() throws IOException {
        assertRejected(file("array.safetensors", "[1, 2]", 0), "must be a JSON object", "found '['");
        assertRejected(file("empty.safetensors", "   ", 0), "must be a JSON object", "found nothing");
        assertRejected(file("entry.safetensors", "{\"w\": 3}", 0), "tensor 'w' must be an object");
    }

    @Test
    void entryMissingAFieldIsRejected() throws IOException {
        assertRejected(file("nodtype.safetensors", "{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                "tensor 'w' has no 'dtype'");
        assertRejected(file("noshape.safetensors", "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4),
                "tensor 'w' has no 'shape'");
        assertRejected(file("nooffsets.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4),
                "tensor 'w' has no 'data_offsets'");
    }

    @Test
    void unknownAndUnsupportedDtypesAreRejected() throws IOException {
        assertRejected(file("f33.safetensors", "{\"w\":{\"dtype\":\"F33\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                "unknown dtype 'F33'", "expected F32, F16, BF16 or F64");
        assertRejected(file("i64.safetensors", "{\"w\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8),
                "dtype I64 is not supported");
    }

    @Test
    void shapeThatDisagreesWithOffsetsIsRejected() throws IOException {
        assertRejected(file("size.safetensors", "{" + f32("w", "[2,2]", 0, 12) + "}", 12),
                "tensor 'w': shape (2, 2) of F32 needs 16 bytes, but data_offsets [0, 12] span 12");
    }

    @Test
    void overlappingOffsetsAreRejected() throws IOException {
        assertRejected(file("overlap.safetensors", "{" + f32("a", "[2]", 0, 8) + "," + f32("b", "[2]", 4, 12) + "}", 12),
                "tensor 'b': data_offsets [4, 12] overlap tensor 'a' [0, 8]");
    }

    @Test
    void offsetsOutOfRangeAreRejected() throws IOException {
        assertRejected(file("range.safetensors", "{" + f32("a", "[2]", 0, 8) + "}", 4),
                "tensor 'a': data_offsets [0, 8] run past the end of the 4-byte data buffer");
        assertRejected(file("backwards.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,4]}}", 8),
                "end before they begin");
        assertRejected(file("negative.safetensors", "{" + f32("a", "[1]", -4, 0) + "}", 4),
                "two non-negative integers");
    }

    @Test
    void dataBufferWithHolesOrTrailingBytesIsRejected() throws IOException {
        assertRejected(file("hole.safetensors", "{" + f32("a", "[1]", 0, 4) + "," + f32("b", "[1]", 8, 12) + "}", 12),
                "hole", "bytes [4, 8) before tensor 'b'");
        assertRejected(file("trailing.safetensors", "{" + f32("a", "[1]", 0, 4) + "}", 8),
                "4 trailing bytes");
    }

    @Test
    void duplicateNamesAreRejected() throws IOException {
        assertRejected(file("dup.safetensors", "{" + f32("a", "[1]", 0, 4) + "," + f32("a", "[1]", 4, 8) + "}", 8),
                "Duplicate field 'a'");
        assertRejected(file("dupfield.safetensors",
                "{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                "Duplicate field 'dtype'");
    }

    @Test
    void negativeAndOversizedDimensionsAreRejected() throws IOException {
        assertRejected(file("negdim.safetensors", "{" + f32("a", "[-1,2]", 0, 0) + "}", 0),
                "tensor 'a': shape [-1,2] has dimension 0 = -1");
        assertRejected(file("bigdim.safetensors", "{" + f32("a", "[10000000000]", 0, 4) + "}", 4),
                "dimension 0 = 10000000000");
        assertRejected(file("product.safetensors", "{" + f32("a", "[100000,100000]", 0, 4) + "}", 4),
                "tensor 'a'", "more elements than a Java array can hold");
        assertRejected(file("fraction.safetensors", "{" + f32("a", "[1.5]", 0, 4) + "}", 4), "dimension 0 = 1.5");
    }

    @Test
    void metadataThatIsNotStringsIsRejected() throws IOException {
        assertRejected(file("meta.safetensors", "{\"__metadata__\":{\"step\":3}}", 0),
                "__metadata__ value for 'step' must be a string");
    }
}
