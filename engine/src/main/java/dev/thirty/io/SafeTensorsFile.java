package dev.thirty.io;

import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contents of a safetensors file, read completely and checked by {@link SafeTensors#read}:
 * tensor names in header order, each tensor's stored dtype and shape, its values converted to
 * float32, and the {@code __metadata__} strings. Immutable: {@link #tensor} returns a fresh copy.
 */
public final class SafeTensorsFile {

    /** A tensor as stored: its dtype in the file and its values as float32. */
    record Stored(DType dtype, Shape shape, float[] values) {
    }

    private final Path source;
    private final Map<String, Stored> tensors;
    private final Map<String, String> metadata;

    SafeTensorsFile(Path source, Map<String, Stored> tensors, Map<String, String> metadata) {
        this.source = source;
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The file this was read from. */
    public Path source() {
        return source;
    }

    /** Tensor names in the order the header lists them. */
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** The {@code __metadata__} strings (empty when the file has none), in header order. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The element type the file stores {@code name} in. */
    public DType dtype(String name) {
        return stored(name).dtype();
    }

    public Shape shape(String name) {
        return stored(name).shape();
    }

    /** A new tensor holding the values of {@code name}, converted to float32. */
    public Tensor tensor(String name) {
        Stored s = stored(name);
        return Tensor.wrap(s.values().clone(), s.shape());
    }

    /** Every tensor, copied, in header order. */
    public Map<String, Tensor> tensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : tensors.keySet()) {
            out.put(name, tensor(name));
        }
        return out;
    }

    private Stored stored(String name) {
        Stored s = tensors.get(name);
        if (s == null) {
            throw new IllegalArgumentException(source + ": no tensor named '" + name + "'; the file holds "
                    + tensors.size() + " tensors" + preview());
        }
        return s;
    }

    private String preview() {
        List<String> names = names();
        int shown = Math.min(names.size(), 10);
        return shown == 0 ? "" : ": " + String.join(", ", names.subList(0, shown)) + (shown < names.size() ? ", ..." : "");
    }
}
