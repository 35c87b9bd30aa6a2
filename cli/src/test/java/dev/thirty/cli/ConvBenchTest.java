package dev.thirty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvBenchTest {

    private static final List<String> NETWORKS =
            List.of("tf_cifar_lrn", "tf_cifar_nolrn", "lenet5", "cudaconvnet_80sec", "cudaconvnet_18pct");

    private static final String[] TINY = {"bench", "conv", "--only", "training", "--steps", "1", "--reps", "1",
        "--threads", "1", "--batch", "8", "--warmup", "0", "--train-warmup", "0"};

    private static MainTest.Outcome run(String[] base, String... more) {
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return MainTest.run(args);
    }

    @Test
    void trainingFiguresForEveryNetworkAndRatiosAgainstAReference(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("torch.json");
        Files.writeString(reference, """
                {"torch": "1.13.0", "results": [
                 {"model": "cifar", "key": "tf_cifar_lrn", "batch": 128, "threads": 1, "images_per_s": 100.0},
                 {"model": "cifar", "key": "tf_cifar_nolrn", "batch": 128, "threads": 1, "images_per_s": 200.0},
                 {"model": "lenet", "key": "lenet5", "batch": 128, "threads": 1, "images_per_s": 5000.0},
                 {"model": "lenet", "key": "lenet5", "batch": 128, "threads": 2, "images_per_s": 7000.0}]}
                """);
        Path json = tmp.resolve("conv.json");
        MainTest.Outcome o = run(TINY, "--reference", reference.toString(), "--json", json.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("| lenet5 | 8 | 1 |") && o.out().contains("ours / PyTorch"), o.out());

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        for (String key : NETWORKS) {
            double rate = root.get("imagesPerSecond").get(key).get("1").asDouble();
            assertTrue(rate > 0 && Double.isFinite(rate), key + ": " + rate);
        }
        JsonNode ratios = root.get("ratioToReference");
        for (String key : List.of("tf_cifar_lrn", "tf_cifar_nolrn", "lenet5")) {
            double ours = root.get("imagesPerSecond").get(key).get("1").asDouble();
            double torch = root.get("reference").get("imagesPerSecond").get(key).get("1").asDouble();
            assertEquals(ours / torch, ratios.get(key).get("1").asDouble(), 1e-9 * ours / torch, key);
        }
        assertFalse(ratios.has("cudaconvnet_80sec"), "no ratio without a reference figure: " + ratios);
        assertFalse(root.has("kernels"), "--only training measures no kernels");
    }

    @Test
    void withoutAReferenceThereAreNoRatios() throws Exception {
        MainTest.Outcome o = run(TINY, "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode root = new ObjectMapper().readTree(o.out());
        assertTrue(root.get("imagesPerSecond").get("cudaconvnet_18pct").get("1").asDouble() > 0, o.out());
        assertFalse(root.has("ratioToReference"), o.out());
        assertFalse(o.err().contains("PyTorch"), o.err());
    }

    @Test
    void kernelFiguresForEveryLayerAndPass() throws Exception {
        MainTest.Outcome o = MainTest.run("bench", "conv", "--only", "kernels", "--threads", "1", "--reps", "1",
                "--seconds", "0", "--warmup", "0", "--cifar-batch", "1", "--imagenet-batch", "1", "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode gflops = new ObjectMapper().readTree(o.out()).get("gflops");
        assertEquals(12, gflops.size(), gflops.toString());
        for (JsonNode layer : gflops) {
            for (String pass : List.of("forward", "inputGrad", "weightGrad")) {
                double g = layer.get(pass).get("1").asDouble();
                assertTrue(g > 0 && Double.isFinite(g), pass + ": " + layer);
            }
        }
        assertTrue(o.err().contains("| alexnet conv1 | 1 | 3x224x224 | 96x55x55 |"), o.err());
    }

    @Test
    void aBadOnlyValueIsAClearError() {
        MainTest.Outcome o = MainTest.run("bench", "conv", "--only", "kernel");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--only is kernels, training or all, got 'kernel'"), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void anUnknownNetworkToSplitIsAClearError() {
        MainTest.Outcome o = MainTest.run("bench", "conv", "--only", "training", "--layers", "alexnet");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("no network 'alexnet'") && o.err().contains("tf_cifar_lrn"), o.err());
    }

    @Test
    void networksChoosesWhatIsTrained() throws Exception {
        MainTest.Outcome o = run(TINY, "--networks", "lenet5,cudaconvnet_80sec", "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode rates = new ObjectMapper().readTree(o.out()).get("imagesPerSecond");
        assertEquals(List.of("lenet5", "cudaconvnet_80sec"), iterate(rates.fieldNames()), o.out());

        MainTest.Outcome bad = run(TINY, "--networks", "lenet");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--networks: no network 'lenet'"), bad.err());
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
