package dev.thirty.papers.gpipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.experiment.RunResult;
import dev.thirty.papers.ExperimentRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpipeExperimentTest {

    @TempDir
    Path tmp;

    private static Path home() {
        return ExperimentRuns.homeWithCifar10();
    }

    /**
     * The ci preset: the pipelined run learns, matches the in-order run to the bit and the undivided batch
     * to float rounding, and re-materialisation cuts the activation peak as the analysis says. No timing is
     * asserted: CI machines are shared, and the speed figures belong to {@code thirty bench gpipe}.
     */
    @Test
    void ciPresetTrainsThroughThePipelineAndMeasuresIt() throws IOException {
        RunResult r = ExperimentRuns.run(new GpipeExperiment(), GpipeConfig.ci(), tmp, home(), 2, null, () -> false);
        assertEquals(RunResult.Status.COMPLETED, r.status());
        Map<String, Double> m = r.metrics();
        assertEquals(1.0, m.get("check/bit_identical"));
        assertTrue(m.get("check/gradient_relative_difference") < 1e-5, m.toString());
        assertTrue(m.get("test/error") <= CI_ERROR, "test error " + m.get("test/error"));
        double never = m.get("memory/never_bytes");
        double always = m.get("memory/always_bytes");
        assertTrue(always < 0.5 * never, "always " + always + " vs never " + never);
        assertTrue(always <= m.get("memory/always_predicted_bytes"), m.toString());
        assertTrue(m.get("memory/never_bytes") >= m.get("memory/plain_bytes"), m.toString());
        for (String key : new String[] {"speedup", "fraction_of_ideal", "idle/measured_m4", "idle/simulated_m4"}) {
            assertTrue(m.get(key) > 0, key + " in " + m);
        }
        for (String f : new String[] {"timeline.png", "timeline-except-last.png"}) {
            assertTrue(Files.size(tmp.resolve(f)) > 100, f);
        }
        String samples = Files.readString(tmp.resolve("samples.md"));
        assertTrue(samples.contains("| weights after 3 SGD steps") && samples.contains("bit-identical"), samples);
        assertTrue(samples.contains("| 8 | 0.875 (1.00x) | 0.778 (1.78x) |"), samples);
    }

    /**
     * Chance is 90%. The ci preset (192 steps of 64 on 4,096 images) measured 72.6% and 67.5% with seeds 42
     * and 7; 80% leaves room for other seeds while still failing a run that does not learn.
     */
    private static final double CI_ERROR = 0.80;

    @Test
    void stopAndResumeIsExact() throws IOException {
        GpipeConfig c = new GpipeConfig(4, 0.5, 32, 2, 4, "except-last", 1, 0.02, 0.9, 5e-4, 800, 100,
                new int[] {4}, 1);
        ExperimentRuns.assertStopAndResumeIsExact(new GpipeExperiment(), c, tmp, home(), 2, 25);
    }

    @Test
    void settingsAreCheckedWithClearMessages() {
        var e = assertThrows(IllegalArgumentException.class, () -> new GpipeConfig(8, 0.5, 64, 2, 128, "never", 1,
                0.02, 0.9, 0, 0, 0, new int[] {1}, 1));
        assertTrue(e.getMessage().contains("microBatches must be in [1, batch = 64]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GpipeConfig(8, 0.5, 64, 2, 4, "sometimes", 1,
                0.02, 0.9, 0, 0, 0, new int[] {1}, 1));
        assertTrue(e.getMessage().contains("never, except-last or always"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GpipeConfig(8, 0.5, 64, 2, 4, "never", 1,
                0.02, 0.9, 0, 0, 0, new int[] {4, 2}, 1));
        assertTrue(e.getMessage().contains("ascending"), e.getMessage());
    }
}
