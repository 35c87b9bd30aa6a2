package dev.thirty.papers.transformer.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thirty.data.BytePairEncoding;
import dev.thirty.experiment.TrainingState;
import dev.thirty.io.Checkpoint;
import dev.thirty.io.CheckpointException;
import dev.thirty.papers.transformer.Transformer;
import dev.thirty.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained translation model with the subword vocabulary it was trained on: what a checkpoint
 * holds (the vocabulary travels in the checkpoint's JSON record next to the config), and the
 * sentence-level translate call on top of {@link BeamSearch}.
 */
record TrainedModel(BytePairEncoding bpe, Transformer model) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The checkpoint's JSON record: the config and the BPE alphabet and merges. */
    static JsonNode record(TranslateConfig c, BytePairEncoding bpe) {
        ObjectNode node = JSON.createObjectNode();
        node.set("config", JSON.valueToTree(c));
        ArrayNode alphabet = node.putArray("bpe_alphabet");
        bpe.alphabet().forEach(alphabet::add);
        ArrayNode merges = node.putArray("bpe_merges");
        bpe.merges().forEach(merges::add);
        return node;
    }

    /** The vocabulary recorded by {@link #record}. */
    static BytePairEncoding bpe(Checkpoint checkpoint) throws CheckpointException {
        JsonNode alphabet = checkpoint.config().get("bpe_alphabet");
        JsonNode merges = checkpoint.config().get("bpe_merges");
        if (alphabet == null || merges == null || !alphabet.isArray() || !merges.isArray()) {
            throw new CheckpointException("translate: the checkpoint at step " + checkpoint.step()
                    + " records no BPE vocabulary (bpe_alphabet, bpe_merges); it is not from a translate run");
        }
        List<String> a = new ArrayList<>();
        alphabet.forEach(n -> a.add(n.asText()));
        List<String> m = new ArrayList<>();
        merges.forEach(n -> m.add(n.asText()));
        return BytePairEncoding.of(a, m);
    }

    /** The model and vocabulary of {@code checkpoint}, in evaluation mode. */
    static TrainedModel load(TranslateConfig c, Checkpoint checkpoint) throws CheckpointException {
        BytePairEncoding bpe = bpe(checkpoint);
        Transformer model = new Transformer(c.model(bpe.size()), Rng.seeded(0));
        TrainingState.restoreWeights(checkpoint, model);
        model.eval();
        return new TrainedModel(bpe, model);
    }

    /**
     * Beam search (or greedy when {@code beam} is 1 and α 0) of each sentence, decoded back to text.
     * A model with learned positions refuses a sentence longer than its tables, naming it; a
     * sinusoidal one reads any length.
     */
    List<String> translate(List<String> sentences, int beam, double lengthPenalty) {
        model.eval();
        List<int[]> sources = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            int[] ids = bpe.encode(sentences.get(i));
            if (model.maxPositions().isPresent()) {
                int longest = model.maxPositions().getAsInt() - 1; // the source's </s> takes a position too
                if (ids.length > longest) {
                    throw new IllegalArgumentException("translate: sentence " + (i + 1) + " is " + ids.length
                            + " subword tokens long; this model's learned position tables (positions=learned)"
                            + " let it read at most " + longest);
                }
            }
            sources.add(ids);
        }
        List<String> out = new ArrayList<>();
        for (int[] ids : BeamSearch.search(model, sources, beam, lengthPenalty, TranslateConfig.EXTRA_LENGTH)) {
            out.add(bpe.decode(ids));
        }
        return out;
    }
}
