package dev.thirty.cli.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small hand-made run folders in the format the training side writes. */
final class SampleRun {

    static final String CONFIG = """
            {"experiment": "mlp-mnist", "title": "An MLP on MNIST",
             "paper": {"citation": "LeCun, Bottou, Bengio and Haffner (1998). Gradient-based learning applied to document recognition.",
                       "url": "http://yann.lecun.com/exdb/publis/pdf/lecun-98.pdf"},
             "preset": "cpu",
             "config": {"hidden": 800, "lr": 0.05, "batch": 64, "schedule": {"kind": "cosine", "warmup": 10},
                        "layers": [784, 800, 10]},
             "overrides": {"lr": "0.05"},
             "seed": 42, "threads": 2, "kernels": "vector", "commit": "abc1234", "jdk": "25.0.3+9-LTS",
             "machine": {"os": "Linux 6.1", "arch": "amd64", "cpus": 2, "cpuModel": "Intel(R) Xeon(R) Test CPU",
                         "maxHeapMb": 6000},
             "started": "2026-11-28T17:20:00Z"}
            """;

    static final String METRICS = """
            step,metric,value
            0,lr,0.0
            0,train/loss,2.3
            10,lr,0.05
            10,train/loss,0.9
            10,val/loss,1.0
            10,val/accuracy,0.71
            20,lr,0.025
            20,train/loss,NaN
            20,val/loss,0.31
            20,val/accuracy,0.93
            30,train/loss,0.12
            30,val/loss,0.2
            30,val/accuracy,0.95
            30,test/accuracy,0.978
            """;

    static final String RESULT = """
            {"experiment": "mlp-mnist", "status": "completed", "step": 30,
             "metrics": {"test/accuracy": 0.978, "val/loss": 0.07},
             "headline": {"metric": "test/accuracy", "ours": 0.978, "paper": 0.984,
                          "paperNote": "2-layer MLP, 800 hidden units (Simard et al. 2003)",
                          "target": 0.97, "direction": "HIGHER"},
             "wallSeconds": 73.2, "finished": "2026-11-28T17:21:13Z"}
            """;

    private SampleRun() {
    }

    /** A completed run: config, metrics and result. */
    static Path completed(Path dir) {
        write(dir, "config.json", CONFIG);
        write(dir, "metrics.csv", METRICS);
        write(dir, "result.json", RESULT);
        return dir;
    }

    static void write(Path dir, String file, String text) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
