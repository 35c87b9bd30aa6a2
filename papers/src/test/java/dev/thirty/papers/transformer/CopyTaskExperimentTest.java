package dev.thirty.papers.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.data.DataLocation;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.tensor.Rng;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CopyTaskExperimentTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TransformerConfig.Positions.class)
    void tinyTransformerCopiesEveryFreshSequenceExactlyByGreedyDecoding(TransformerConfig.Positions positions)
            throws Exception {
        // 100 fresh sequences of 9 free symbols: an untrained model copies one with chance 10^-9,
        // so 100% exact copies means the model learned to copy, as the Annotated Transformer's does.
        // One layer each side, dModel 64, dFf 128, dropout 0.1, 400 steps of 80, Noam warmup 50 at
        // factor 0.5 (the cpu preset: two layers, dFf 256, about twice the time). It reached 100% on
        // all of 9 seeds tried (1-8 and 42); 300 steps at factor 1.0 missed on 3 of them (0.98-0.99),
        // and those 3 still missed once each with 400 steps at factor 1.0 or 300 at factor 0.5.
        // Table 3 row (E): learned positions instead of sinusoids, "nearly identical results"; the same
        // setting and the same threshold hold for both. Learned positions reached 100% at seed 42 and
        // at 7 of seeds 1-8 (0.99 at seed 3), with this setting otherwise unchanged.
        CopyTaskConfig c = new CopyTaskConfig(new TransformerConfig(11, 1, 64, 128, 4, 0.1f, 64).withPositions(positions),
                10, 80, 400, 50, 0.5, 0.1f, 100);
        RunResult r;
        try (RunContext ctx = RunContext.open(RunContext.Settings.quiet(dir, 42, DataLocation.of(null, Map.of(), dir)))) {
            r = new CopyTaskExperiment().run(c, ctx);
        }
        assertEquals(RunResult.Status.COMPLETED, r.status());
        assertEquals(1.0, r.metrics().get("test/exact_copy"), "fraction of exact greedy copies");
    }

    @Test
    void untrainedTransformerDoesNotCopy() {
        Transformer model = new Transformer(CopyTaskConfig.tiny().model(), Rng.seeded(3));
        model.eval();
        int[] src = CopyTask.sequences(100, 10, 11, Rng.seeded(4));
        double exact = CopyTask.exactMatches(src, CopyTask.greedyDecode(model, src, 100, 10), 100, 10);
        assertTrue(exact < 0.05, "an untrained model copied " + exact + " of the sequences");
    }

    @Test
    void modelRegistersEveryParameterWithAnnotatedTransformerNames() {
        Transformer model = new Transformer(CopyTaskConfig.tiny().model(), Rng.seeded(5));
        assertTrue(model.unregistered().isEmpty(), model.unregistered().toString());
        assertTrue(model.namedParameters().containsKey("decoder.1.src_attn.k_proj.weight"));
        assertTrue(model.namedParameters().containsKey("encoder.0.feed_forward.w_2.bias"));
    }
}
