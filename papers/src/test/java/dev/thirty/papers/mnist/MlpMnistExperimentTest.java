package dev.thirty.papers.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.thirty.data.DataLocation;
import dev.thirty.data.MissingDatasetException;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.kernels.ComputePool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlpMnistExperimentTest {

    @TempDir
    Path tmp;

    private static DataLocation realData() {
        String env = System.getenv(DataLocation.DATA_ENV);
        assumeTrue(env != null && Files.isDirectory(Path.of(env, "mnist")),
                "MNIST not found: set THIRTY_DATA to a folder holding mnist/");
        return DataLocation.of(null, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    private RunResult run(MlpMnistConfig config, DataLocation data) throws IOException {
        try (ComputePool pool = ComputePool.ofThreads(2);
             RunContext ctx = RunContext.open(RunContext.Settings.quiet(tmp, 42, data))) {
            return pool.call(() -> {
                try {
                    return new MlpMnistExperiment().run(config, ctx);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * The tiny preset (784-64-10, 300 steps of 64 on 10,000 training digits) must reach 93% on
     * the full 10,000-digit test set: a linear softmax classifier trained the same way reaches
     * about 88-90%, so 93% needs the hidden layer to learn; the full default preset reaches ~98%.
     */
    @Test
    void tinyPresetLearnsMnistOnRealData() throws IOException {
        RunResult r = run(MlpMnistConfig.tiny(), realData());
        assertEquals(RunResult.Status.COMPLETED, r.status());
        double acc = r.metrics().get("test/accuracy");
        assertTrue(acc >= 0.93, "test accuracy " + acc);
        assertTrue(Files.readString(tmp.resolve("metrics.csv")).contains("val/accuracy"));
    }

    @Test
    void missingDataSaysWhereItLooked() {
        DataLocation nowhere = DataLocation.of(tmp.resolve("none"), Map.of(), tmp);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> run(MlpMnistConfig.tiny(), nowhere));
        assertTrue(e.getCause() instanceof MissingDatasetException, e.toString());
        assertTrue(e.getCause().getMessage().contains("mnist"), e.getCause().getMessage());
    }
}
