package dev.thirty.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** PyTorch's training images/s by network key and thread count, from {@code cnn_cifar_shape.py --json}. */
record TorchReference(String torch, Map<String, Map<String, Double>> figures) {

    /** PyTorch's figure for network {@code key} at {@code threads}, or null when the file has none. */
    Double imagesPerSecond(String key, int threads) {
        Map<String, Double> byThreads = figures.get(key);
        return byThreads == null ? null : byThreads.get(Integer.toString(threads));
    }

    static TorchReference read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("conv bench: could not read the reference " + file + ": "
                    + e.getMessage(), e);
        }
        JsonNode results = root == null ? null : root.get("results");
        if (results == null || !results.isArray()) {
            throw new IllegalArgumentException("conv bench: the reference " + file
                    + " has no \"results\" list (expected cnn_cifar_shape.py --json output)");
        }
        Map<String, Map<String, Double>> figures = new LinkedHashMap<>();
        for (JsonNode r : results) {
            JsonNode key = r.get("key");
            JsonNode threads = r.get("threads");
            JsonNode rate = r.get("images_per_s");
            if (key == null || threads == null || rate == null || !rate.isNumber()) {
                throw new IllegalArgumentException("conv bench: the reference " + file
                        + " has a result without key, threads and images_per_s: " + r);
            }
            figures.computeIfAbsent(key.asText(), k -> new LinkedHashMap<>())
                    .put(Integer.toString(threads.asInt()), rate.asDouble());
        }
        JsonNode torch = root.get("torch");
        return new TorchReference(torch == null ? "unknown" : torch.asText(), figures);
    }
}
