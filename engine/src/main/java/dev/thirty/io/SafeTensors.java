package dev.thirty.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thirty.tensor.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format (Hugging Face), so checkpoints open in PyTorch and
 * Hugging Face tools and their files open here.
 *
 * <p>Layout: an unsigned 64-bit little-endian header length {@code N}; {@code N} bytes of UTF-8 JSON
 * mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} plus an
 * optional {@code "__metadata__"} object of strings; then the data buffer, where each tensor's
 * row-major little-endian bytes lie at {@code [begin, end)} relative to the buffer's start. The
 * buffer must be covered exactly by the tensors.
 *
 * <p>Writing follows the reference implementation: tensors ordered by name (by UTF-8 bytes; all
 * are F32, so the reference's order by alignment then name reduces to this), laid out
 * contiguously, {@code __metadata__} first in the header (omitted when empty), compact JSON, and
 * the header padded with spaces to a multiple of 8 bytes so the data buffer starts 8-byte aligned.
 *
 * <p>Reading checks the whole file before trusting any number in it (header length within a
 * {@value #MAX_HEADER_BYTES}-byte cap and the file, the JSON, every entry, the byte layout) and
 * throws {@link SafeTensorsException} naming the file and the problem. F32, F16, BF16 and F64 are
 * converted to float32.
 */
public final class SafeTensors {

    /** The largest header accepted, as in the reference implementation (100 MB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final int CHUNK_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensors() {
    }

    // ---- reading ------------------------------------------------------------------------------

    /** Reads and checks a whole safetensors file. */
    public static SafeTensorsFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new SafeTensorsException(file, "file is " + size + " bytes, too short for the 8-byte"
                        + " header length");
            }
            long headerLength = read(file, ch, 0, 8).getLong(0);
            if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
                throw new SafeTensorsException(file, "header length " + Long.toUnsignedString(headerLength)
                        + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
            }
            if (8 + headerLength > size) {
                throw new SafeTensorsException(file, "header length " + headerLength + " runs past the end of"
                        + " the file (" + size + " bytes, so at most " + (size - 8) + " bytes of header)");
            }
            byte[] header = new byte[(int) headerLength];
            read(file, ch, 8, (int) headerLength).get(0, header);
            long dataStart = 8 + headerLength;
            SafeTensorsHeader.Parsed parsed = SafeTensorsHeader.parse(file, header, size - dataStart);
            Map<String, SafeTensorsFile.Stored> tensors = new LinkedHashMap<>();
            for (SafeTensorsHeader.Entry e : parsed.entries()) {
                float[] values = new float[e.shape().size()];
                decode(file, ch, dataStart + e.begin(), e.dtype(), values);
                tensors.put(e.name(), new SafeTensorsFile.Stored(e.dtype(), e.shape(), values));
            }
            return new SafeTensorsFile(file, tensors, parsed.metadata());
        }
    }

    /** Decodes {@code values.length} elements starting at byte {@code position}, a chunk at a time. */
    private static void decode(Path file, FileChannel ch, long position, DType dtype, float[] values)
            throws IOException {
        int perChunk = CHUNK_BYTES / dtype.bytes();
        for (int done = 0; done < values.length; ) {
            int count = Math.min(perChunk, values.length - done);
            ByteBuffer bytes = read(file, ch, position + (long) done * dtype.bytes(), count * dtype.bytes());
            dtype.decode(bytes, values, done, count);
            done += count;
        }
    }

    /** Exactly {@code length} bytes at {@code position}, little-endian. */
    private static ByteBuffer read(Path file, FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new SafeTensorsException(file, "file ended at byte " + (position + buf.position())
                        + " while reading " + length + " bytes from " + position, new EOFException());
            }
        }
        return buf.flip();
    }

    // ---- writing ------------------------------------------------------------------------------

    /** Atomically writes {@code tensors} (as F32) without metadata to {@code file}. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /** Atomically writes {@code tensors} (as F32) and {@code metadata} to {@code file}. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        AtomicFiles.write(file, out -> writeTo(out, tensors, metadata));
    }

    /**
     * Writes the safetensors bytes of {@code tensors} (as F32) and {@code metadata} to {@code out}.
     *
     * @throws IllegalArgumentException for a null name or the reserved name {@code __metadata__}
     */
    public static void writeTo(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        List<String> names = sortedNames(tensors);
        byte[] header = header(names, tensors, metadata);
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
        out.write(length.array());
        out.write(header);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (String name : names) {
            float[] data = tensors.get(name).data();
            for (int done = 0; done < data.length; ) {
                int count = Math.min(CHUNK_BYTES / Float.BYTES, data.length - done);
                chunk.clear().asFloatBuffer().put(data, done, count);
                out.write(chunk.array(), 0, count * Float.BYTES);
                done += count;
            }
        }
    }

    private static List<String> sortedNames(Map<String, Tensor> tensors) {
        List<String> names = new ArrayList<>(tensors.keySet());
        for (String name : names) {
            if (name == null || name.equals(SafeTensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("safetensors: tensor name " + (name == null ? "null"
                        : "'" + name + "' is reserved for metadata") + " cannot be written");
            }
        }
        names.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8)));
        return names;
    }

    /** Compact JSON header, padded with spaces to a multiple of 8 bytes. */
    private static byte[] header(List<String> names, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafeTensorsHeader.METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (String name : names) {
            Tensor t = tensors.get(name);
            ObjectNode entry = root.putObject(name);
            entry.put("dtype", DType.F32.name());
            ArrayNode shape = entry.putArray("shape");
            for (int d : t.shape().dims()) {
                shape.add(d);
            }
            long end = offset + (long) t.size() * Float.BYTES;
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(root);
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }
}
