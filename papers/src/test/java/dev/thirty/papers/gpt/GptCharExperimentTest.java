package dev.thirty.papers.gpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.thirty.autograd.GradMode;
import dev.thirty.data.DataLocation;
import dev.thirty.data.TokenStream;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.experiment.Sampler;
import dev.thirty.io.Checkpoint;
import dev.thirty.io.SafeTensors;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.papers.ExperimentRuns;
import dev.thirty.tensor.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GptCharExperimentTest {

    @TempDir
    Path dir;

    @Test
    void shortRunBeatsTheUnigramEntropyAndSamplesFromTheCheckpoint() throws Exception {
        String env = System.getenv(DataLocation.DATA_ENV);
        assumeTrue(env != null && Files.isDirectory(Path.of(env, "tinyshakespeare")),
                "tiny Shakespeare not found: set THIRTY_DATA to a folder holding tinyshakespeare/");
        DataLocation data = DataLocation.of(null, System.getenv(), dir);
        GptCharConfig tiny = GptCharConfig.tiny();
        GptCharConfig c = new GptCharConfig(tiny.layers(), tiny.heads(), tiny.width(), tiny.context(), tiny.batch(),
                0f, tiny.lr(), tiny.minLr(), 0.9, 0.99, 0.1, 20, 150, 150, 1.0, 0.9, 150, 10);
        RunResult r;
        try (RunContext ctx = RunContext.open(RunContext.Settings.quiet(dir, 7, data))) {
            r = new GptCharExperiment().run(c, ctx);
        }
        // The characters' unigram entropy is 3.31 nats: a model that ignores its context cannot go
        // below it. 2.9 nats needs the model to use the previous characters (bigram statistics
        // alone give about 2.5); an untrained model sits at ln 65 = 4.17.
        double val = r.metrics().get("val/loss");
        assertTrue(val < 2.9, "validation loss after 150 steps: " + val);
        assertTrue(Files.exists(dir.resolve("model.safetensors")));
        assertTrue(SafeTensors.read(dir.resolve("model.safetensors")).names().contains("transformer.h.1.mlp.c_fc.weight"));

        Checkpoint checkpoint = Checkpoint.load(dir.resolve(RunContext.CHECKPOINT_DIR));
        String text = new GptCharExperiment().sample(c, checkpoint, new Sampler.Request("ROMEO:", 40, 0.8, 5, 3));
        assertTrue(text.startsWith("ROMEO:"), text);
        assertEquals(46, text.codePointCount(0, text.length()), "prime plus 40 characters: " + text);
    }

    /** Stopped between steps 10 and 20 of 30, saved, resumed: the same weights, AdamW moments and log as a straight run. */
    @Test
    void stoppedAndResumedRunIsBitIdenticalToAStraightRun() throws Exception {
        String env = System.getenv(DataLocation.DATA_ENV);
        assumeTrue(env != null && Files.isDirectory(Path.of(env, "tinyshakespeare")),
                "tiny Shakespeare not found: set THIRTY_DATA to a folder holding tinyshakespeare/");
        // evaluations at 20 and 30, so the resumed half repeats an evaluation as well as steps
        GptCharConfig c = new GptCharConfig(2, 4, 64, 32, 12, 0f, 2e-3, 2e-4, 0.9, 0.99, 0.1, 10, 30, 30, 1.0, 0.9,
                20, 2);
        // the stop lands between the checkpoint at 10 and the evaluation at 20
        ExperimentRuns.assertStopAndResumeIsExact(new GptCharExperiment(), c, dir, 2, 30);
    }

    /** 100 tokens in windows of 8 with batch 5: 12 windows (the last token only a target), batches of 5, 5 and 2. */
    @Test
    void fullLossIsTheMeanOverEveryConsecutiveWindow() {
        int context = 8;
        int[] ids = new int[100];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rng.nextInt(11);
        }
        TokenStream tokens = new TokenStream(ids);
        GptCharConfig tiny = GptCharConfig.tiny();
        GptCharConfig c = new GptCharConfig(1, 2, 16, context, 5, 0f, tiny.lr(), tiny.minLr(), 0.9, 0.99, 0.1, 1, 2,
                2, 1.0, 0.9, 1, 1);
        Gpt model = new Gpt(c.model(11), Rng.seeded(5));
        assertEquals(12, Windows.wholeWindows(tokens, context));
        double expected = 0;
        for (int w = 0; w < 12; w++) {
            int[] x = java.util.Arrays.copyOfRange(ids, w * context, (w + 1) * context);
            int[] y = java.util.Arrays.copyOfRange(ids, w * context + 1, (w + 1) * context + 1);
            expected += GradMode.noGrad(() -> CrossEntropy.crossEntropy(model.forward(x, 1, context), y).item());
        }
        assertEquals(expected / 12, GptCharExperiment.fullLoss(model, tokens, c), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> Windows.consecutive(tokens, 10, 3, context),
                "windows 10..12 need token 104");
    }
}
