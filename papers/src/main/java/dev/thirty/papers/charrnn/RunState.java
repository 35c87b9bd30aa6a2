package dev.thirty.papers.charrnn;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thirty.data.CharVocab;
import dev.thirty.experiment.TrainingState;
import dev.thirty.io.Checkpoint;
import dev.thirty.io.CheckpointException;
import dev.thirty.nn.recurrent.CellState;
import dev.thirty.optim.Optimizer;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A char-rnn run as a checkpoint: {@link TrainingState}'s weights and optimizer state, plus what
 * truncated BPTT carries between steps and what sampling needs without the text:
 * <ul>
 *   <li>{@code carry.<layer>.h}, {@code carry.<layer>.c}: the detached state the next chunk starts from;</li>
 *   <li>{@code vocabulary}: the characters' code points in id order (exact in float32, all below 2^24);</li>
 *   <li>the dropout generator's state under {@code dropout}.</li>
 * </ul>
 */
final class RunState {

    private RunState() {
    }

    static Checkpoint capture(long step, CharRnnModel model, Optimizer optimizer, List<CellState> carry, Rng masks,
                              CharVocab vocab, CharRnnConfig config) {
        Checkpoint base = TrainingState.capture(step, model, optimizer, Map.of(CharRnnExperiment.DROPOUT_RNG,
                masks.state()), new ObjectMapper().valueToTree(config));
        Map<String, Tensor> tensors = new LinkedHashMap<>(base.tensors());
        for (int l = 0; l < carry.size(); l++) {
            tensors.put(CharRnnExperiment.CARRY + l + ".h", carry.get(l).h());
            if (carry.get(l).hasCell()) {
                tensors.put(CharRnnExperiment.CARRY + l + ".c", carry.get(l).c());
            }
        }
        float[] symbols = new float[vocab.size()];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = vocab.symbol(i);
        }
        tensors.put(CharRnnExperiment.VOCABULARY, Tensor.vector(symbols));
        return new Checkpoint(step, tensors, base.rngStates(), base.optimizerScalars(), base.config());
    }

    /**
     * Restores weights and optimizer state and returns the carried state, after checking that the
     * text has the vocabulary the run was trained with.
     */
    static List<CellState> restore(Checkpoint checkpoint, CharRnnModel model, Optimizer optimizer, CharVocab vocab)
            throws CheckpointException {
        CharVocab saved = vocabulary(checkpoint);
        if (!sameSymbols(saved, vocab)) {
            throw new CheckpointException("charrnn: the run was trained on a text with " + saved.size()
                    + " distinct characters, this text has " + vocab.size() + "; resume with the same --data");
        }
        TrainingState.restore(trainingPart(checkpoint), model, optimizer);
        List<CellState> carry = new ArrayList<>();
        for (int l = 0; l < model.depth(); l++) {
            Tensor h = checkpoint.tensors().get(CharRnnExperiment.CARRY + l + ".h");
            if (h == null) {
                throw new CheckpointException("charrnn: the checkpoint has no carried state for layer " + l);
            }
            carry.add(new CellState(h, checkpoint.tensors().get(CharRnnExperiment.CARRY + l + ".c")));
        }
        return carry;
    }

    /** Copies only the model weights into {@code model} (for sampling). */
    static void loadWeights(Checkpoint checkpoint, CharRnnModel model) throws CheckpointException {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        checkpoint.tensors().forEach((k, t) -> {
            if (model.stateDict().containsKey(k)) {
                weights.put(k, t);
            }
        });
        new Checkpoint(checkpoint.step(), weights, Map.of(), Map.of(), null).loadInto(model.stateDict());
    }

    static CharVocab vocabulary(Checkpoint checkpoint) throws CheckpointException {
        Tensor v = checkpoint.tensors().get(CharRnnExperiment.VOCABULARY);
        if (v == null) {
            throw new CheckpointException("charrnn: the checkpoint holds no vocabulary");
        }
        StringBuilder sb = new StringBuilder();
        for (float cp : v.data()) {
            sb.appendCodePoint((int) cp);
        }
        return CharVocab.of(sb.toString());
    }

    private static boolean sameSymbols(CharVocab a, CharVocab b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.symbol(i) != b.symbol(i)) {
                return false;
            }
        }
        return true;
    }

    /** The checkpoint without the entries {@link TrainingState} does not know. */
    private static Checkpoint trainingPart(Checkpoint checkpoint) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        checkpoint.tensors().forEach((k, t) -> {
            if (!k.startsWith(CharRnnExperiment.CARRY) && !k.equals(CharRnnExperiment.VOCABULARY)) {
                tensors.put(k, t);
            }
        });
        return new Checkpoint(checkpoint.step(), tensors, checkpoint.rngStates(), checkpoint.optimizerScalars(),
                checkpoint.config());
    }
}
