package dev.thirty.papers.transformer.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thirty.data.BytePairEncoding;
import dev.thirty.experiment.ConfigOverrides;
import dev.thirty.papers.transformer.Transformer;
import dev.thirty.papers.transformer.TransformerConfig;
import dev.thirty.tensor.Rng;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code positions} setting of the translation run: recorded, read back, and respected when translating. */
class LearnedPositionsTest {

    private static final BytePairEncoding BPE = BytePairEncoding.learn(List.of("ein hund", "a dog"), 0);

    @Test
    void positionsSettingReachesTheModelAndOldRecordsReadAsSinusoidal() throws Exception {
        TranslateConfig learned = ConfigOverrides.apply(TranslateConfig.tiny(), Map.of("positions", "learned"));
        assertSame(TransformerConfig.Positions.LEARNED, learned.model(100).positions());
        assertSame(TransformerConfig.Positions.SINUSOIDAL, TranslateConfig.tiny().model(100).positions());
        ObjectMapper json = new ObjectMapper();
        ObjectNode recorded = json.valueToTree(learned);
        assertEquals(learned, json.treeToValue(recorded, TranslateConfig.class));
        recorded.remove("positions");
        assertEquals(TranslateConfig.tiny(), json.treeToValue(recorded, TranslateConfig.class));
    }

    @Test
    void learnedTablesRefuseALongerSentenceByNumberWhileSinusoidsTranslateIt() {
        String fits = "ein hund";
        String tooLong = "ein hund a dog";
        int rows = BPE.encode(fits).length + 1; // the source and its </s> just fit
        int longer = BPE.encode(tooLong).length;
        TransformerConfig shape = new TransformerConfig(BPE.size(), 1, 8, 16, 2, 0f, rows,
                TransformerConfig.Embeddings.SHARED);
        TrainedModel learned = new TrainedModel(BPE,
                new Transformer(shape.withPositions(TransformerConfig.Positions.LEARNED), Rng.seeded(1)));
        assertEquals(1, learned.translate(List.of(fits), 2, 0.6).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> learned.translate(List.of(fits, tooLong), 2, 0.6));
        assertEquals("translate: sentence 2 is " + longer + " subword tokens long; this model's learned position"
                + " tables (positions=learned) let it read at most " + (rows - 1), e.getMessage());

        TrainedModel sinusoidal = new TrainedModel(BPE, new Transformer(shape, Rng.seeded(1)));
        assertEquals(2, sinusoidal.translate(List.of(fits, tooLong + " " + tooLong), 2, 0.6).size());
    }
}
