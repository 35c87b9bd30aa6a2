package dev.thirty.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thirty.tensor.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and checks a safetensors JSON header against the size of the data buffer that follows
 * it. Every number is checked before use: each entry's dtype, shape and offsets, each byte range
 * against its dtype and shape, and the ranges together, which must tile the buffer exactly (no
 * overlap, no hole, no trailing bytes), as the format requires.
 */
final class SafeTensorsHeader {

    static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    /** One tensor's header entry; offsets are relative to the start of the data buffer. */
    record Entry(String name, DType dtype, Shape shape, long begin, long end) {
    }

    /** The entries in header order, and the {@code __metadata__} strings. */
    record Parsed(List<Entry> entries, Map<String, String> metadata) {
    }

    private SafeTensorsHeader() {
    }

    static Parsed parse(Path file, byte[] header, long dataLength) throws SafeTensorsException {
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(utf8(file, header))) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new SafeTensorsException(file, "header must be a JSON object, found "
                        + (first == null ? "nothing" : first.asString() == null ? first : "'" + first.asString() + "'"));
            }
            // Duplicate names, here or inside an entry, fail in the parser (strict duplicate detection).
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                JsonNode value = JSON.readTree(p);
                if (name.equals(METADATA_KEY)) {
                    metadata = metadata(file, value);
                } else {
                    entries.add(entry(file, name, value));
                }
            }
            if (p.nextToken() != null) {
                throw new SafeTensorsException(file, "header has content after its JSON object");
            }
        } catch (SafeTensorsException e) {
            throw e;
        } catch (JacksonException e) {
            throw new SafeTensorsException(file, "header is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SafeTensorsException(file, "header could not be parsed: " + e.getMessage(), e);
        }
        checkLayout(file, entries, dataLength);
        return new Parsed(List.copyOf(entries), metadata);
    }

    private static String utf8(Path file, byte[] header) throws SafeTensorsException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            throw new SafeTensorsException(file, "header is not valid UTF-8 text (" + e + ")");
        }
    }

    private static Map<String, String> metadata(Path file, JsonNode value) throws SafeTensorsException {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (value.isNull()) {
            return metadata;
        }
        if (!value.isObject()) {
            throw new SafeTensorsException(file, METADATA_KEY + " must be an object of strings, found "
                    + value.getNodeType());
        }
        for (Map.Entry<String, JsonNode> kv : value.properties()) {
            if (!kv.getValue().isTextual()) {
                throw new SafeTensorsException(file, METADATA_KEY + " value for '" + kv.getKey()
                        + "' must be a string, found " + kv.getValue().getNodeType() + " " + kv.getValue());
            }
            metadata.put(kv.getKey(), kv.getValue().textValue());
        }
        return metadata;
    }

    private static Entry entry(Path file, String name, JsonNode value) throws SafeTensorsException {
        String where = "tensor '" + name + "'";
        if (!value.isObject()) {
            throw new SafeTensorsException(file, where + " must be an object with dtype, shape and data_offsets,"
                    + " found " + value.getNodeType());
        }
        JsonNode dtypeNode = require(file, where, value, "dtype");
        if (!dtypeNode.isTextual()) {
            throw new SafeTensorsException(file, where + ": dtype must be a string, found " + dtypeNode);
        }
        DType dtype = dtype(file, where, dtypeNode.textValue());
        int[] dims = dims(file, where, require(file, where, value, "shape"));
        Shape shape;
        try {
            shape = Shape.of(dims);
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsException(file, where + ": " + e.getMessage());
        }
        JsonNode offsets = require(file, where, value, "data_offsets");
        if (!offsets.isArray() || offsets.size() != 2 || !isCount(offsets.get(0)) || !isCount(offsets.get(1))) {
            throw new SafeTensorsException(file, where + ": data_offsets must be two non-negative integers"
                    + " [begin, end], found " + offsets);
        }
        long begin = offsets.get(0).longValue();
        long end = offsets.get(1).longValue();
        if (end < begin) {
            throw new SafeTensorsException(file, where + ": data_offsets [" + begin + ", " + end
                    + "] end before they begin");
        }
        long expected = (long) shape.size() * dtype.bytes();
        if (end - begin != expected) {
            throw new SafeTensorsException(file, where + ": shape " + shape + " of " + dtype + " needs "
                    + expected + " bytes, but data_offsets [" + begin + ", " + end + "] span " + (end - begin));
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static JsonNode require(Path file, String where, JsonNode entry, String field) throws SafeTensorsException {
        JsonNode node = entry.get(field);
        if (node == null) {
            throw new SafeTensorsException(file, where + " has no '" + field + "' (expected dtype, shape"
                    + " and data_offsets), found " + entry);
        }
        return node;
    }

    private static DType dtype(Path file, String where, String name) throws SafeTensorsException {
        var known = DType.byName(name);
        if (known.isPresent()) {
            return known.get();
        }
        String supported = "F32, F16, BF16 or F64";
        if (DType.isOtherFormatType(name)) {
            throw new SafeTensorsException(file, where + ": dtype " + name + " is not supported (this reader"
                    + " converts " + supported + " to float32)");
        }
        throw new SafeTensorsException(file, where + ": unknown dtype '" + name + "', expected " + supported);
    }

    private static int[] dims(Path file, String where, JsonNode shape) throws SafeTensorsException {
        if (!shape.isArray()) {
            throw new SafeTensorsException(file, where + ": shape must be an array of dimensions, found " + shape);
        }
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shape.get(i);
            if (!d.isIntegralNumber() || d.bigIntegerValue().signum() < 0 || !d.canConvertToInt()) {
                throw new SafeTensorsException(file, where + ": shape " + shape + " has dimension " + i + " = " + d
                        + ", expected an integer in [0, " + Integer.MAX_VALUE + "]");
            }
            dims[i] = d.intValue();
        }
        return dims;
    }

    private static boolean isCount(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0;
    }

    /** The byte ranges, sorted, must tile {@code [0, dataLength)} exactly. */
    private static void checkLayout(Path file, List<Entry> entries, long dataLength) throws SafeTensorsException {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : byOffset) {
            if (e.end() > dataLength) {
                throw new SafeTensorsException(file, "tensor '" + e.name() + "': data_offsets [" + e.begin() + ", "
                        + e.end() + "] run past the end of the " + dataLength + "-byte data buffer");
            }
            if (e.begin() < covered) {
                throw new SafeTensorsException(file, "tensor '" + e.name() + "': data_offsets [" + e.begin() + ", "
                        + e.end() + "] overlap tensor '" + previous.name() + "' [" + previous.begin() + ", "
                        + previous.end() + "]");
            }
            if (e.begin() > covered) {
                throw new SafeTensorsException(file, "data buffer has a hole: bytes [" + covered + ", " + e.begin()
                        + ") before tensor '" + e.name() + "' belong to no tensor");
            }
            covered = e.end();
            previous = e;
        }
        if (covered != dataLength) {
            throw new SafeTensorsException(file, "data buffer has " + (dataLength - covered) + " trailing bytes"
                    + " after the last tensor (tensors cover " + covered + " of " + dataLength + " bytes)");
        }
    }
}
