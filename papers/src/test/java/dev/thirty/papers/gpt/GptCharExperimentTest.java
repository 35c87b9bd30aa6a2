package dev.thirty.papers.gpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thirty.autograd.GradMode;
import dev.thirty.data.DataLocation;
import dev.thirty.data.TokenStream;
import dev.thirty.experiment.ConfigOverrides;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.experiment.Sampler;
import dev.thirty.io.Checkpoint;
import dev.thirty.io.SafeTensors;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.papers.ExperimentRuns;
import dev.thirty.tensor.Rng;
import dev.thirty.testkit.FloatAssert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
                0f, tiny.lr(), tiny.minLr(), 0.9, 0.99, 0.1, 20, 150, 150, 1.0, 0.9, 150, 10, Gelu.EXACT);
        RunResult r;
        try (RunContext ctx = RunContext.open(RunContext.Settings.quiet(dir, 7, data))) {
            r = new GptCharExperiment().run(c, ctx);
        }
        // The characters' unigram entropy is 3.31 nats: a model that ignores its context cannot go
        // below it. 2.9 nats needs the model to use the previous characters (bigram statistics
        // alone give about 2.5); an untrained model sits at ln 65 = 4.17.
        double val = r.metrics().get("val/loss");
        assertTrue(val < 2.9, "validation loss after 150 steps: " + val);
        // the headline is the whole-split loss: it is there, and the 20-batch estimate samples the same quantity
        double full = r.metrics().get(new GptCharExperiment().headline().metric());
        assertTrue(Math.abs(full - val) < 0.1, "whole-split loss " + full + " against the estimate " + val);
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
        // evaluations at 20 and 30, so the resumed half repeats an evaluation as well as steps; the
        // config read as a run saved before the gelu setting records it, so this resumes such a run
        GptCharConfig c = savedBeforeTheGeluSetting(new GptCharConfig(2, 4, 64, 32, 12, 0f, 2e-3, 2e-4, 0.9, 0.99,
                0.1, 10, 30, 30, 1.0, 0.9, 20, 2, Gelu.EXACT));
        assertEquals(Gelu.TANH, c.gelu());
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
                2, 1.0, 0.9, 1, 1, Gelu.EXACT);
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

    /** Every preset uses nanoGPT's exact GELU; the setting round-trips through config.json and --set. */
    @Test
    void geluIsASettingThatDefaultsToTheExactForm() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (GptCharConfig preset : new GptCharExperiment().presets().values()) {
            assertEquals(Gelu.EXACT, preset.gelu());
            assertEquals(Gelu.EXACT, preset.model(65).gelu());
            assertEquals(preset, json.treeToValue(json.valueToTree(preset), GptCharConfig.class));
        }
        GptCharConfig tanh = ConfigOverrides.apply(GptCharConfig.cpu(), Map.of("gelu", "tanh"));
        assertEquals(Gelu.TANH, tanh.model(65).gelu());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ConfigOverrides.apply(GptCharConfig.cpu(), Map.of("gelu", "erf")));
        assertTrue(bad.getMessage().contains("one of exact, tanh"), bad.getMessage());
    }

    /** A run folder's config.json from before the setting has no "gelu": its model was trained with tanh. */
    @Test
    void aConfigSavedBeforeTheGeluSettingBuildsTheTanhModel() throws Exception {
        GptCharConfig old = savedBeforeTheGeluSetting(GptCharConfig.cpu());
        assertEquals(ConfigOverrides.apply(GptCharConfig.cpu(), Map.of("gelu", "tanh")), old,
                "everything else as recorded");
        assertEquals(Gelu.TANH, old.model(65).gelu());
    }

    /**
     * {@code thirty sample} on such a run rebuilds the tanh model: the same logits, bit for bit,
     * as the model that was saved, and clearly not those of the exact form on the same weights.
     */
    @Test
    void samplingARunSavedBeforeTheGeluSettingUsesTheTanhForm() throws Exception {
        GptCharConfig old = savedBeforeTheGeluSetting(new GptCharConfig(1, 2, 16, 8, 2, 0f, 1e-3, 1e-4, 0.9, 0.99,
                0.1, 1, 2, 2, 1.0, 0.9, 1, 1, Gelu.EXACT));
        int vocab = 11;
        Gpt saved = new Gpt(new GptConfig(vocab, 8, 1, 2, 16, 0f, Gelu.TANH), Rng.seeded(3));
        // weights 25 times those of initialisation: GELU inputs spread over a few units, where the forms differ
        saved.parameters().forEach(p -> {
            float[] w = p.data();
            for (int i = 0; i < w.length; i++) {
                w[i] *= p.rank() >= 2 ? 25f : 1f;
            }
        });
        Checkpoint checkpoint = new Checkpoint(7, saved.stateDict(), Map.of(), Map.of(), null);
        int[] ids = {1, 4, 2, 9, 10, 0, 3, 3, 5, 6, 7, 8, 2, 1, 0, 4};
        float[] expected = saved.forward(ids, 2, 8).toArray();
        float[] sampled = GptCharExperiment.savedModel(old, checkpoint, vocab).forward(ids, 2, 8).toArray();
        FloatAssert.assertIdentical("logits of the rebuilt model", expected, sampled);
        GptCharConfig exact = ConfigOverrides.apply(old, Map.of("gelu", "exact"));
        float[] other = GptCharExperiment.savedModel(exact, checkpoint, vocab).forward(ids, 2, 8).toArray();
        double largest = 0;
        for (int i = 0; i < expected.length; i++) {
            largest = Math.max(largest, Math.abs(expected[i] - other[i]));
        }
        assertTrue(largest > 1e-4, "the exact form gives other logits on these weights (largest difference "
                + largest + ")");
    }

    /** {@code c} as read back from a config.json written before the gelu setting existed (no "gelu" key). */
    private static GptCharConfig savedBeforeTheGeluSetting(GptCharConfig c) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode saved = json.valueToTree(c);
        assertTrue(saved.has("gelu"));
        saved.remove("gelu");
        return json.treeToValue(saved, GptCharConfig.class);
    }
}
