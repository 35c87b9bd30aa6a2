package dev.thirty.papers.transformer.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.thirty.data.DataLocation;
import dev.thirty.data.Datasets;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.experiment.Translator;
import dev.thirty.io.Checkpoint;
import dev.thirty.io.SafeTensors;
import dev.thirty.papers.ExperimentRuns;
import dev.thirty.papers.transformer.Transformer;
import dev.thirty.tensor.Rng;
import dev.thirty.testkit.FloatAssert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranslateExperimentTest {

    @TempDir
    Path dir;

    @BeforeEach
    void needsMulti30k() {
        String env = System.getenv(DataLocation.DATA_ENV);
        assumeTrue(env != null && Files.isDirectory(Path.of(env, "multi30k")),
                "Multi30k not found: set THIRTY_DATA to a folder holding multi30k/");
    }

    /**
     * The tiny preset trains on 60 pairs until it knows them by heart. Reproducing 30 of them
     * needs the decoder to read the source through attention: a model blind to the source can
     * only produce one sentence for all 30, which scored about 3 BLEU against test sentences in a
     * trial run, and the untrained model below must stay under 5. Greedy and beam search must both
     * exceed 40 (a trial with 100 pairs, a harder setting, reached 50 greedy).
     */
    @Test
    void tinyRunLearnsItsTrainingPairsByHeartAndTranslatesFromItsCheckpoint() throws Exception {
        TranslateConfig c = TranslateConfig.tiny();
        RunResult r = run(c, dir, null, () -> false);
        assertEquals(RunResult.Status.COMPLETED, r.status());
        assertTrue(r.metrics().containsKey("test/bleu"), r.metrics().toString());

        Checkpoint checkpoint = Checkpoint.load(dir.resolve(RunContext.CHECKPOINT_DIR));
        Multi30k.Split train = Multi30k.load(DataLocation.of(null, System.getenv(), dir).locate(Datasets.MULTI30K),
                Multi30k.TRAIN).first(30);
        TranslateExperiment e = new TranslateExperiment();
        List<String> greedy = e.translate(c, checkpoint, train.german(),
                new Translator.Request(Translator.Decoding.GREEDY, 1, 0));
        List<String> beam = e.translate(c, checkpoint, train.german(),
                new Translator.Request(Translator.Decoding.BEAM, 4, 0.6));
        double greedyBleu = Bleu.corpus(greedy, train.english()).score();
        double beamBleu = Bleu.corpus(beam, train.english()).score();
        assertTrue(greedyBleu > 40, "greedy BLEU on the memorised pairs: " + greedyBleu + "\n" + greedy);
        assertTrue(beamBleu > 40, "beam BLEU on the memorised pairs: " + beamBleu + "\n" + beam);

        TrainedModel trained = TrainedModel.load(c, checkpoint);
        Transformer untrained = new Transformer(c.model(trained.bpe().size()), Rng.seeded(5));
        double blind = Bleu.corpus(new TrainedModel(trained.bpe(), untrained).translate(train.german(), 1, 0),
                train.english()).score();
        assertTrue(blind < 5, "an untrained model scored " + blind);

        List<String> names = SafeTensors.read(dir.resolve("model.safetensors")).names();
        assertTrue(names.contains("src_embed.weight") && names.contains("decoder.1.src_attn.q_proj.weight"),
                names.toString());
        assertFalse(names.contains("generator.weight") || names.contains("tgt_embed.weight"),
                "the shared matrix is stored once: " + names);
    }

    /** Stopped between steps 10 and 20 of 30, saved, resumed: the same weights, Adam moments and log as a straight run. */
    @Test
    void stoppedAndResumedRunIsBitIdenticalToAStraightRun() throws Exception {
        TranslateConfig t = TranslateConfig.tiny();
        TranslateConfig c = new TranslateConfig(200, 1, 32, 64, 2, 0.1f, 0.1f, 256, 30, 10, 0.5, 20, 10, 1, 0, 50,
                30, 5);
        run(c, dir.resolve("straight"), null, () -> false);

        AtomicInteger polls = new AtomicInteger();
        RunResult stopped = run(c, dir.resolve("resumed"), null, () -> polls.incrementAndGet() >= 15);
        assertEquals(RunResult.Status.INTERRUPTED, stopped.status());
        assertTrue(stopped.step() > 10 && stopped.step() < 20, "stopped at step " + stopped.step());
        Checkpoint saved = Checkpoint.load(dir.resolve("resumed").resolve(RunContext.CHECKPOINT_DIR));
        RunResult resumed = run(c, dir.resolve("resumed"), saved, () -> false);
        assertEquals(RunResult.Status.COMPLETED, resumed.status());

        Checkpoint a = Checkpoint.load(dir.resolve("straight").resolve(RunContext.CHECKPOINT_DIR));
        Checkpoint b = Checkpoint.load(dir.resolve("resumed").resolve(RunContext.CHECKPOINT_DIR));
        assertEquals(30, b.step());
        assertEquals(a.tensors().keySet(), b.tensors().keySet());
        assertTrue(a.tensors().keySet().stream().anyMatch(k -> k.startsWith("optim.")), "optimizer state saved");
        a.tensors().forEach((name, x) -> FloatAssert.assertIdentical(name, x.data(), b.tensors().get(name).data()));
        assertEquals(Files.readString(dir.resolve("straight/metrics.csv")),
                Files.readString(dir.resolve("resumed/metrics.csv")));
        assertTrue(t.steps() > c.steps(), "the resume check runs a shorter configuration than the preset");
    }

    private static RunResult run(TranslateConfig c, Path runDir, Checkpoint resume, BooleanSupplier stop)
            throws IOException {
        return ExperimentRuns.run(new TranslateExperiment(), c, runDir, 1, resume, stop);
    }
}
