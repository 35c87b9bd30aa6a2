package dev.thirty.papers.alexnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.experiment.RunResult;
import dev.thirty.optim.LearningRateSchedule;
import dev.thirty.papers.ExperimentRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlexNetCifarExperimentTest {

    @TempDir
    Path tmp;

    private static Path home() {
        return ExperimentRuns.homeWithCifar10();
    }

    /**
     * The ci preset: one epoch of the 80sec net on all 50,000 training images (390 steps of 128), tested on
     * 2,000 test images. Chance is 90% error. The threshold, 55%, is the smoke test of the reproduction plan
     * for this net after one epoch: cuda-convnet's own 19pct log stands at 55% after about three epochs'
     * worth of 10,000-image batches. One epoch here measured 49.8% on the full test set (seed 42), and the
     * whole 10-epoch recipe 26.5%; 3 epochs on a 10,000-image subset stayed at 54.6%, too close to pass
     * reliably, which is why the preset sees every image once.
     */
    @Test
    void ciPresetLearnsCifar10AndWritesTheFigures() throws IOException {
        Path home = home();
        RunResult r = ExperimentRuns.run(new AlexNetCifarExperiment(), AlexNetCifarConfig.ci(), tmp, home, 2, null,
                () -> false);
        assertEquals(RunResult.Status.COMPLETED, r.status());
        double error = r.metrics().get("test/error");
        assertTrue(error <= 0.55, "test error " + error);
        for (String f : new String[] {"confusion.png", "confusion.csv", "conv1-filters.png", "neighbours.png"}) {
            assertTrue(Files.size(tmp.resolve(f)) > 100, f);
        }
        String samples = Files.readString(tmp.resolve("samples.md"));
        assertTrue(samples.contains("| cuda-convnet (layers-80sec.cfg"), samples);
        // The 200 lossless images were matched with their JPEG copies (a wrong match would not be ~8 RMSE).
        assertTrue(r.metrics().containsKey("jpeg200/error"), r.metrics().toString());
        assertTrue(r.metrics().get("lossless200/agreement") >= 0.8, r.metrics().toString());
        assertTrue(Files.readString(tmp.resolve("metrics.csv")).contains("test/error"));
    }

    /** A stopped and resumed run ends bit for bit where an uninterrupted one does, crops and reflections too. */
    @Test
    void stopAndResumeIsExact() throws IOException {
        AlexNetCifarConfig c = new AlexNetCifarConfig("18pct", 1, new int[0], 32, 0.001, 0.9, 24, true, true, 0,
                800, 100, 0);
        ExperimentRuns.assertStopAndResumeIsExact(new AlexNetCifarExperiment(), c, tmp, home(), 2, 25);
    }

    @Test
    void settingsAreCheckedWithClearMessages() {
        var e = assertThrows(IllegalArgumentException.class, () -> new AlexNetCifarConfig("17pct", 1, null, 128,
                0.001, 0.9, 0, false, false, -1, 0, 0, 0));
        assertTrue(e.getMessage().contains("17pct"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AlexNetCifarConfig("19pct", 1, null, 128,
                0.001, 0.9, 0, false, true, -1, 0, 0, 0));
        assertTrue(e.getMessage().contains("multiview needs a crop"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AlexNetCifarConfig("80sec", 10, new int[] {8, 4},
                128, 0.001, 0.9, 0, false, false, -1, 0, 0, 0));
        assertTrue(e.getMessage().contains("ascending"), e.getMessage());
    }

    @Test
    void learningRateDropsByTenAfterEachListedEpoch() {
        LearningRateSchedule s = AlexNetCifarConfig.net18pct().schedule(1);   // one step per epoch
        assertEquals(0.001, s.at(0));
        assertEquals(0.001, s.at(119));
        assertEquals(1e-4, s.at(120), 1e-15);
        assertEquals(1e-5, s.at(139), 1e-15);
    }

    @Test
    void jpegCopiesAreTheSameRankWithinTheirClass() {
        int[] jpeg = {0, 0, 0, 1, 1, 1, 2, 2, 2};          // sorted by class, as the JPEG copy is
        assertArrayEquals(new int[] {3, 0, 4, 6, 1}, AlexNetCifarExperiment.jpegCopies(new int[] {1, 0, 1, 2, 0},
                jpeg));
        assertNull(AlexNetCifarExperiment.jpegCopies(new int[] {0, 0, 0, 0}, jpeg));   // more than the class has
    }

    @Test
    void neighbourQueriesTakeOneImageOfEachClassInTurn() {
        int[] labels = {3, 0, 0, 1, 2, 4, 5, 6, 7, 8, 9, 1};
        assertArrayEquals(new int[] {1, 3, 4, 0, 5, 6, 7, 8, 9, 10, 2, 11},
                AlexNetCifarExperiment.queries(labels, 12));
    }
}
