package dev.thirty.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Golden fixtures written by a reference framework and read by tests without it.
 *
 * <p>Format: one JSON object per file, mapping a name to {@code {"shape": [..], "data": [..]}}
 * (data flat, row-major, as written by {@code tensor.flatten().tolist()}), plus an optional
 * {@code "__meta__"} object describing how the file was made. Each fixture sits beside the script
 * that generates it.
 */
public final class Golden {

    private final String source;
    private final Map<String, Entry> entries;
    private final JsonNode meta;

    /** One named array of a fixture. */
    public record Entry(int[] shape, float[] data) {
    }

    private Golden(String source, Map<String, Entry> entries, JsonNode meta) {
        this.source = source;
        this.entries = entries;
        this.meta = meta;
    }

    /** Reads the class-path resource {@code resource} relative to {@code anchor}. */
    public static Golden load(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("golden fixture " + resource + " not found beside "
                        + anchor.getName() + "; run its generator script");
            }
            return parse(resource, new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("golden fixture " + resource + ": " + e.getMessage(), e);
        }
    }

    private static Golden parse(String source, JsonNode root) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("__meta__")) {
                continue;
            }
            JsonNode shapeNode = f.getValue().get("shape");
            JsonNode dataNode = f.getValue().get("data");
            if (shapeNode == null || dataNode == null) {
                throw new IllegalArgumentException(source + ": entry '" + f.getKey() + "' lacks shape or data");
            }
            int[] shape = new int[shapeNode.size()];
            int size = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asInt();
                size *= shape[i];
            }
            if (dataNode.size() != size) {
                throw new IllegalArgumentException(source + ": entry '" + f.getKey() + "' has shape "
                        + java.util.Arrays.toString(shape) + " but " + dataNode.size() + " values");
            }
            float[] data = new float[size];
            for (int i = 0; i < size; i++) {
                data[i] = (float) dataNode.get(i).asDouble();
            }
            entries.put(f.getKey(), new Entry(shape, data));
        }
        return new Golden(source, entries, root.get("__meta__"));
    }

    /** The entry {@code name}, or an error naming the fixture and the names it has. */
    public Entry get(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException(source + " has no entry '" + name + "'; it has " + entries.keySet());
        }
        return e;
    }

    /** The entry's values as ints (targets, indices). */
    public int[] ints(String name) {
        float[] d = get(name).data();
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = Math.round(d[i]);
        }
        return out;
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    /** The {@code __meta__} object, or null. */
    public JsonNode meta() {
        return meta;
    }
}
