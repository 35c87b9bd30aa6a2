package dev.thirty.papers.alexnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.experiment.RunResult;
import dev.thirty.papers.ExperimentRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlexNetExperimentTest {

    @TempDir
    Path tmp;

    @Test
    void buildsTheNetworkPrintsItsTableAndTimesAStep() throws IOException {
        RunResult r = ExperimentRuns.run(new AlexNetExperiment(), AlexNetConfig.tiny(), tmp, 2, null, () -> false);
        assertEquals(RunResult.Status.COMPLETED, r.status());
        assertEquals(60_965_224.0, r.metrics().get("parameters"));
        assertTrue(r.metrics().get("timing/step_s") > 0);
        String samples = Files.readString(tmp.resolve("samples.md"));
        assertTrue(samples.contains("| pool5 | MaxPool2d 3x3/2 pad 0 | 1 x 256 x 6 x 6 |"), samples);
        assertTrue(samples.contains("| training step |"), samples);
    }

    @Test
    void aMissingImageFolderIsNamed() {
        AlexNetConfig c = new AlexNetConfig("one", 2, 1, tmp.resolve("imagenet").toString(), 1, null, 0.01, 0.9,
                5e-4);
        var e = assertThrows(IllegalArgumentException.class,
                () -> ExperimentRuns.run(new AlexNetExperiment(), c, tmp.resolve("run"), 2, null, () -> false));
        assertTrue(e.getMessage().contains("imagenet") && e.getMessage().contains("does not exist"), e.getMessage());
    }
}
