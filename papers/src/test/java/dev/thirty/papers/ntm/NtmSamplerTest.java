package dev.thirty.papers.ntm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.Sampler;
import dev.thirty.experiment.TrainingState;
import dev.thirty.experiment.vision.HeatStrips;
import dev.thirty.io.Checkpoint;
import dev.thirty.papers.ExperimentRuns;
import dev.thirty.tensor.Rng;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NtmSamplerTest {

    @TempDir
    Path tmp;

    private static NtmConfig tiny(String task, String model) {
        return new NtmConfig(8, 8, 4, 20, 1, 3, 1e-3, 0.9, 0.95, 10, 10, 3, new int[] {4}, model, 2, 8, task, 1, 1,
                1, 3, "lstm");
    }

    @Test
    void aTrainedRunIsShownOnANewEpisodeAsTextAndAsFigureSix() throws IOException {
        NtmConfig c = tiny("repeat-copy", "ntm");
        ExperimentRuns.run(new NtmExperiment(), c, tmp, 1, null, () -> false);
        Checkpoint ck = Checkpoint.load(tmp.resolve(RunContext.CHECKPOINT_DIR));
        String text = new NtmExperiment().sample(c, ck, new Sampler.Request("", 5, 1.0, 0, 3), tmp);
        assertTrue(text.startsWith("repeat-copy, length 5, after 20 training sequences: "), text);

        // the wrong bits printed are the training loop's own count on the same episode
        NtmExperiment.TaskModel m = NtmExperiment.of(c, 0);
        TrainingState.restoreWeights(ck, m.module());
        Episode e = m.task().episode(Rng.seeded(3), 1, 5);
        int wrong = NtmExperiment.episode((Ntm) m.module(), e).wrongBits();
        assertTrue(text.contains(": " + wrong + " wrong bits of " + e.targets().length), text);
        String[] lines = text.split("\n");
        assertEquals(e.steps(), lines[3].length(), "one character per step: " + lines[3]);

        Path png = tmp.resolve("sample-repeat-copy-5-seed3.png");
        assertTrue(text.contains(png.toString()), text);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(e.steps() * Math.max(2, 800 / e.steps()), img.getWidth());
        var prime = assertThrows(IllegalArgumentException.class,
                () -> new NtmExperiment().sample(c, ck, new Sampler.Request("ab", 5, 1.0, 0, 3), tmp));
        assertTrue(prime.getMessage().contains("ntm takes no --prime"), prime.getMessage());
    }

    @Test
    void theBaselineIsShownWithoutWeightings() throws IOException {
        NtmConfig c = tiny("copy", "lstm");
        ExperimentRuns.run(new NtmExperiment(), c, tmp, 1, null, () -> false);
        Checkpoint ck = Checkpoint.load(tmp.resolve(RunContext.CHECKPOINT_DIR));
        NtmExperiment.TaskModel m = NtmExperiment.of(c, 0);
        TrainingState.restoreWeights(ck, m.module());
        Episode e = m.task().episode(Rng.seeded(4), 1, 6);
        NtmSampler.Trace t = NtmSampler.trace(m, c, e);
        assertTrue(t.weightings().isEmpty());
        assertEquals(NtmExperiment.baselineEpisode((LstmBaseline) m.module(), e).wrongBits(), t.wrongBits());
        assertEquals(3, NtmSampler.panels(t, c.rows()).size());
        assertTrue(Files.exists(tmp.resolve("samples.md")));
    }

    @Test
    void weightingsAreCroppedToTheRowsAHeadVisits() {
        float[] w = new float[4 * 10];          // 4 steps over 10 rows, time first
        w[3] = 1f;
        w[10 + 4] = 0.6f;
        w[10 + 5] = 0.4f;
        w[20 + 5] = 1f;
        w[30 + 6] = 0.005f;                      // below 1%: not a visit
        HeatStrips.Panel p = HeatStrips.Panel.ofSteps("w", w, 4, 10);
        assertArrayEquals(new int[] {1, 7}, NtmSampler.usedRows(p), "rows 3-5 and two either side");
        assertArrayEquals(new int[] {0, 10}, NtmSampler.usedRows(HeatStrips.Panel.ofSteps("z", new float[40], 4, 10)));
        float[] wraps = new float[4 * 10];       // a head that shifted back from row 0 to row 9
        wraps[0] = 1f;
        wraps[10 + 9] = 1f;
        HeatStrips.Panel q = HeatStrips.Panel.ofSteps("w", wraps, 4, 10);
        assertArrayEquals(new int[] {7, 6}, NtmSampler.usedRows(q), "rows 9 and 0 and two either side, circularly");
        assertEquals("w (rows 7-9, 0-2)", q.rows(7, 6).name());
        float[] everywhere = new float[4 * 10];
        java.util.Arrays.fill(everywhere, 0.1f);
        assertArrayEquals(new int[] {0, 10}, NtmSampler.usedRows(HeatStrips.Panel.ofSteps("e", everywhere, 4, 10)));
    }
}
