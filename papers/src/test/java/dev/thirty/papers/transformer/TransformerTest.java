package dev.thirty.papers.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thirty.autograd.GradMode;
import dev.thirty.nn.attention.AttentionMask;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Tolerance;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransformerTest {

    private static final TransformerConfig SHARED = new TransformerConfig(13, 2, 16, 32, 2, 0f, 20,
            TransformerConfig.Embeddings.SHARED);

    @Test
    void sharedEmbeddingsAreOneMatrixForSourceTargetAndGenerator() {
        Transformer shared = new Transformer(SHARED, Rng.seeded(1));
        TransformerConfig sep = new TransformerConfig(13, 2, 16, 32, 2, 0f, 20);
        Transformer separate = new Transformer(sep, Rng.seeded(1));
        assertTrue(shared.unregistered().isEmpty(), shared.unregistered().toString());
        assertTrue(shared.namedParameters().containsKey("src_embed.weight"));
        assertFalse(shared.namedParameters().containsKey("tgt_embed.weight"));
        assertFalse(shared.namedParameters().containsKey("generator.weight"));
        // separate: a second embedding (13 x 16), a generator matrix (13 x 16) and its bias (13)
        assertEquals(separate.parameterCount() - 2 * 13 * 16 - 13, shared.parameterCount());

        // the generator is the embedding matrix transposed: logits of a state equal to row 5 peak at 5
        Tensor e = shared.namedParameters().get("src_embed.weight");
        float[] row = Arrays.copyOfRange(e.data(), 5 * 16, 6 * 16);
        float[] logits = GradMode.noGrad(() -> shared.generate(Tensor.of(row, 1, 16))).data();
        float expected = 0;
        for (float v : row) {
            expected += v * v;
        }
        assertEquals(expected, logits[5], 1e-5f);
    }

    @Test
    void gradientOfTheSharedMatrixGathersEveryUse() {
        Transformer model = new Transformer(SHARED, Rng.seeded(2));
        int[] src = {4, 5, 6, 2};
        int[] tgt = {1, 7, 8};
        Tensor memory = model.encode(src, 1, 4, null);
        model.decode(memory, null, tgt, 1, 3, AttentionMask.causal(3)).sum().backward();
        Tensor g = model.namedParameters().get("src_embed.weight").grad();
        float[] gd = g.data();
        // row 4 is used only by the source, row 7 only by the target input, row 12 only as an output class
        for (int id : new int[] {4, 7, 12}) {
            double norm = 0;
            for (int j = 0; j < 16; j++) {
                norm += Math.abs(gd[id * 16 + j]);
            }
            assertTrue(norm > 0, "row " + id + " got no gradient");
        }
    }

    @ParameterizedTest
    @EnumSource(TransformerConfig.Positions.class)
    void stepByStepDecodingMatchesTheFullDecoderAtEveryPosition(TransformerConfig.Positions positions) {
        Transformer model = new Transformer(SHARED.withPositions(positions), Rng.seeded(3));
        model.eval();
        int b = 3;
        int s = 5;
        int t = 6;
        int[] src = {4, 5, 6, 7, 2, 8, 9, 2, 0, 0, 10, 11, 12, 4, 2};
        int[] tgt = new int[b * t];
        Rng rng = Rng.seeded(4);
        for (int i = 0; i < tgt.length; i++) {
            tgt[i] = i % t == 0 ? 1 : 3 + rng.nextInt(10);
        }
        AttentionMask srcMask = AttentionMask.padding(src, b, s, 0);
        GradMode.noGrad(() -> {
            Tensor memory = model.encode(src, b, s, srcMask);
            Tensor full = model.decodeStates(memory, srcMask, tgt, b, t, AttentionMask.causal(t)); // (B, T, C)
            Transformer.DecoderCache cache = model.newCache();
            for (int pos = 0; pos < t; pos++) {
                int[] tokens = new int[b];
                for (int r = 0; r < b; r++) {
                    tokens[r] = tgt[r * t + pos];
                }
                Tensor step = model.decodeNext(memory, srcMask, tokens, cache);                // (B, C)
                Tensor expected = full.slice(1, pos, pos + 1).reshape(b, -1);
                FloatAssert.assertClose("position " + pos, expected.toArray(), step.toArray(), Tolerance.of(1e-5, 1e-4));
            }
            assertEquals(t, cache.length());
            return null;
        });
    }

    @Test
    void learnedPositionsAreTwoTrainedTablesAddedRowByRow() {
        Transformer sinusoidal = new Transformer(SHARED, Rng.seeded(6));
        Transformer learned = new Transformer(SHARED.withPositions(TransformerConfig.Positions.LEARNED), Rng.seeded(6));
        assertTrue(learned.unregistered().isEmpty(), learned.unregistered().toString());
        assertEquals(sinusoidal.parameterCount() + 2 * 20 * 16, learned.parameterCount());
        // drawn after every other weight: the rest of the model is the sinusoidal one of the same seed
        sinusoidal.namedParameters().forEach((name, p) -> FloatAssert.assertIdentical(name, p.data(),
                learned.namedParameters().get(name).data()));
        Tensor srcPos = learned.namedParameters().get("src_pos.weight");
        Tensor tgtPos = learned.namedParameters().get("tgt_pos.weight");
        assertEquals(List.of(20, 16), List.of(srcPos.dim(0), srcPos.dim(1)));
        double sq = 0;
        for (float v : srcPos.data()) {
            sq += v * v;
        }
        double std = Math.sqrt(sq / srcPos.size());
        assertTrue(std > 0.08 && std < 0.12, "N(0, 0.1^2) initialisation, measured standard deviation " + std);

        // a source of 3 and a target of 2 positions: rows 0..2 of src_pos and 0..1 of tgt_pos get gradient, no others
        Tensor memory = learned.encode(new int[] {4, 5, 2}, 1, 3, null);
        learned.decode(memory, null, new int[] {1, 7}, 1, 2, AttentionMask.causal(2)).sum().backward();
        assertRowsWithGradient(srcPos, 3);
        assertRowsWithGradient(tgtPos, 2);
    }

    private static void assertRowsWithGradient(Tensor table, int used) {
        float[] g = table.grad().data();
        int width = table.dim(1);
        for (int row = 0; row < table.dim(0); row++) {
            double norm = 0;
            for (int j = 0; j < width; j++) {
                norm += Math.abs(g[row * width + j]);
            }
            assertEquals(row < used, norm > 0, "gradient of row " + row + ": " + norm);
        }
    }

    @Test
    void learnedTablesRefuseLongerSequencesWhileSinusoidsReadAnyLength() {
        TransformerConfig shortTables = new TransformerConfig(13, 1, 16, 32, 2, 0f, 4,
                TransformerConfig.Embeddings.SHARED);
        int[] five = {4, 5, 6, 7, 2};
        Transformer learned = new Transformer(shortTables.withPositions(TransformerConfig.Positions.LEARNED),
                Rng.seeded(7));
        assertEquals(4, learned.maxPositions().getAsInt());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> learned.encode(five, 1, 5, null));
        assertEquals("transformer: source position 4 is past the learned position table, which has 4 rows"
                + " (positions=learned, maxLength 4); sequences of this model hold at most 4 tokens", e.getMessage());
        Transformer.DecoderCache cache = learned.newCache();
        Tensor memory = GradMode.noGrad(() -> learned.encode(new int[] {4, 2}, 1, 2, null));
        for (int t = 0; t < 4; t++) {
            GradMode.noGrad(() -> learned.decodeNext(memory, null, new int[] {5}, cache));
        }
        assertThrows(IllegalArgumentException.class,
                () -> GradMode.noGrad(() -> learned.decodeNext(memory, null, new int[] {5}, cache)));

        // sinusoids: past maxLength the encoding goes on, and the cache still matches the full decoder
        Transformer sinusoidal = new Transformer(shortTables, Rng.seeded(7));
        sinusoidal.eval();
        assertTrue(sinusoidal.maxPositions().isEmpty());
        GradMode.noGrad(() -> {
            Tensor mem = sinusoidal.encode(five, 1, 5, null);
            int[] tgt = {1, 8, 9, 10, 11, 12};
            Tensor full = sinusoidal.decodeStates(mem, null, tgt, 1, 6, AttentionMask.causal(6));
            Transformer.DecoderCache c = sinusoidal.newCache();
            Tensor step = null;
            for (int token : tgt) {
                step = sinusoidal.decodeNext(mem, null, new int[] {token}, c);
            }
            FloatAssert.assertClose("position 5 of a model with maxLength 4", full.slice(1, 5, 6).toArray(),
                    step.toArray(), Tolerance.of(1e-5, 1e-4));
            return null;
        });
    }

    @Test
    void configsRecordedWithoutPositionsReadAsSinusoidal() throws Exception {
        ObjectMapper json = new ObjectMapper();
        TransformerConfig learned = SHARED.withPositions(TransformerConfig.Positions.LEARNED);
        ObjectNode recorded = json.valueToTree(learned);
        assertEquals("LEARNED", recorded.get("positions").asText());
        assertEquals(learned, json.treeToValue(recorded, TransformerConfig.class));
        recorded.remove("positions");
        assertEquals(SHARED, json.treeToValue(recorded, TransformerConfig.class));
        assertSame(TransformerConfig.Positions.SINUSOIDAL, SHARED.positions());
    }

    @Test
    void reorderedCacheDecodesAsIfEachRowHadItsNewPrefix() {
        Transformer model = new Transformer(SHARED, Rng.seeded(5));
        model.eval();
        int[] src = {4, 5, 2, 4, 5, 2}; // beam search reorders rows of one sentence: one source
        AttentionMask srcMask = AttentionMask.padding(src, 2, 3, 0);
        GradMode.noGrad(() -> {
            Tensor memory = model.encode(src, 2, 3, srcMask);
            Transformer.DecoderCache cache = model.newCache();
            model.decodeNext(memory, srcMask, new int[] {1, 1}, cache);
            model.decodeNext(memory, srcMask, new int[] {8, 9}, cache);
            cache.reorder(new int[] {1, 1}); // both rows continue row 1's prefix <s> 9
            Tensor next = model.decodeNext(memory, srcMask, new int[] {10, 11}, cache);
            Tensor full = model.decodeStates(memory, srcMask, new int[] {1, 9, 10, 1, 9, 11}, 2, 3,
                    AttentionMask.causal(3));
            float[] expected = full.slice(1, 2, 3).reshape(2, -1).toArray();
            FloatAssert.assertClose("after reorder", expected, next.toArray(), Tolerance.of(1e-5, 1e-4));
            return null;
        });
        assertSame(TransformerConfig.Embeddings.SHARED, model.config().embeddings());
    }
}
