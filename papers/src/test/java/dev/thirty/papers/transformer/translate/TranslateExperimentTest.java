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
import dev.thirty.papers.transformer.TransformerConfig;
import dev.thirty.tensor.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
        RunResult r = ExperimentRuns.run(new TranslateExperiment(), c, dir, 1, null, () -> false);
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

    /**
     * Stopped between steps 10 and 20 of 30, saved, resumed: the same weights (the learned position
     * tables among them), Adam moments and log as a straight run; the exported weights name the
     * position tables as the state dict does.
     */
    @ParameterizedTest
    @EnumSource(TransformerConfig.Positions.class)
    void stoppedAndResumedRunIsBitIdenticalToAStraightRun(TransformerConfig.Positions positions) throws Exception {
        TranslateConfig t = TranslateConfig.tiny();
        TranslateConfig c = new TranslateConfig(200, 1, 32, 64, 2, 0.1f, 0.1f, 256, 30, 10, 0.5, 20, 10, 1, 0, 50,
                30, 5, positions);
        ExperimentRuns.assertStopAndResumeIsExact(new TranslateExperiment(), c, dir, 1, 30);
        assertTrue(t.steps() > c.steps(), "the resume check runs a shorter configuration than the preset");
        List<String> names = SafeTensors.read(dir.resolve("resumed/model.safetensors")).names();
        boolean learned = positions == TransformerConfig.Positions.LEARNED;
        assertEquals(learned, names.contains("src_pos.weight") && names.contains("tgt_pos.weight"), names.toString());
    }
}
