package dev.thirty.papers.rnnreg;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thirty.data.WordVocab;
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
 * A PTB run as a checkpoint: {@link TrainingState}'s weights, plus (the numbers as doubles, each in four floats
 * of 16 bits, {@link #exact(double...)}, so that a resumed run reports exactly what an uninterrupted one does)
 * <ul>
 *   <li>{@code carry.<layer>.h}, {@code carry.<layer>.c}: the detached state the next chunk starts from;</li>
 *   <li>{@code vocabulary}: the words in id order as code points, each word followed by a newline, so that
 *       {@code thirty sample} needs no data;</li>
 *   <li>{@code history}: training and validation perplexity of every finished epoch, for the report;</li>
 *   <li>{@code epoch.loss}: the summed training loss and the step count of the epoch under way;</li>
 *   <li>the dropout generator's state under {@code dropout}.</li>
 * </ul>
 */
final class PtbRunState {

    static final String CARRY = "carry.";
    static final String VOCABULARY = "vocabulary";
    static final String HISTORY = "history";
    static final String EPOCH_LOSS = "epoch.loss";
    static final String DROPOUT_RNG = "dropout";

    /** What a resumed run continues from. */
    record Resumed(List<CellState> carry, List<double[]> history, double epochLoss, long epochSteps) {
    }

    private PtbRunState() {
    }

    static Checkpoint capture(long step, PtbModel model, Optimizer optimizer, List<CellState> carry, Rng masks,
                              WordVocab vocab, List<double[]> history, double epochLoss, long epochSteps,
                              PtbConfig config) {
        Checkpoint base = TrainingState.capture(step, model, optimizer, Map.of(DROPOUT_RNG, masks.state()),
                new ObjectMapper().valueToTree(config));
        Map<String, Tensor> tensors = new LinkedHashMap<>(base.tensors());
        for (int l = 0; l < carry.size(); l++) {
            tensors.put(CARRY + l + ".h", carry.get(l).h());
            tensors.put(CARRY + l + ".c", carry.get(l).c());
        }
        tensors.put(VOCABULARY, Tensor.vector(codePoints(vocab)));
        double[] h = new double[2 * history.size()];
        for (int e = 0; e < history.size(); e++) {
            h[2 * e] = history.get(e)[0];
            h[2 * e + 1] = history.get(e)[1];
        }
        tensors.put(HISTORY, Tensor.vector(history.isEmpty() ? new float[] {Float.NaN} : exact(h)));
        tensors.put(EPOCH_LOSS, Tensor.vector(exact(epochLoss, epochSteps)));
        return new Checkpoint(step, tensors, base.rngStates(), base.optimizerScalars(), base.config());
    }

    /** Restores weights and optimizer state after checking the vocabulary; returns what the loop carries. */
    static Resumed restore(Checkpoint checkpoint, PtbModel model, Optimizer optimizer, WordVocab vocab)
            throws CheckpointException {
        WordVocab saved = vocabulary(checkpoint);
        if (!saved.words().equals(vocab.words())) {
            throw new CheckpointException("ptb-lstm: the run was trained with a vocabulary of " + saved.size()
                    + " words that differs from this training text's " + vocab.size() + "; resume with the same --data");
        }
        TrainingState.restore(trainingPart(checkpoint, model), model, optimizer);
        List<CellState> carry = new ArrayList<>();
        for (int l = 0; l < model.depth(); l++) {
            Tensor h = checkpoint.tensors().get(CARRY + l + ".h");
            Tensor c = checkpoint.tensors().get(CARRY + l + ".c");
            if (h == null || c == null) {
                throw new CheckpointException("ptb-lstm: the checkpoint has no carried state for layer " + l);
            }
            carry.add(new CellState(h, c));
        }
        List<double[]> history = new ArrayList<>();
        double[] h = exact(require(checkpoint, HISTORY).data());
        for (int e = 0; e + 1 < h.length; e += 2) {
            history.add(new double[] {h[e], h[e + 1]});
        }
        double[] loss = exact(require(checkpoint, EPOCH_LOSS).data());
        if (loss.length != 2) {
            throw new CheckpointException("ptb-lstm: the checkpoint's " + EPOCH_LOSS + " holds " + loss.length
                    + " values, not 2");
        }
        return new Resumed(carry, history, loss[0], (long) loss[1]);
    }

    /** The saved vocabulary. */
    static WordVocab vocabulary(Checkpoint checkpoint) throws CheckpointException {
        float[] cps = require(checkpoint, VOCABULARY).data();
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (float cp : cps) {
            if (cp == '\n') {
                words.add(w.toString());
                w.setLength(0);
            } else {
                w.appendCodePoint((int) cp);
            }
        }
        try {
            return WordVocab.of(words);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("ptb-lstm: the checkpoint's vocabulary is damaged: " + e.getMessage());
        }
    }

    /** Copies only the model weights into {@code model} (for sampling). */
    static void loadWeights(Checkpoint checkpoint, PtbModel model) throws CheckpointException {
        TrainingState.restoreWeights(trainingPart(checkpoint, model), model);
    }

    /** Doubles as four floats of 16 bits each, which float32 holds exactly: a checkpoint keeps them bit for bit. */
    static float[] exact(double... values) {
        float[] out = new float[4 * values.length];
        for (int k = 0; k < values.length; k++) {
            long bits = Double.doubleToRawLongBits(values[k]);
            for (int j = 0; j < 4; j++) {
                out[4 * k + j] = (bits >>> (16 * j)) & 0xFFFF;
            }
        }
        return out;
    }

    /** The doubles {@link #exact(double...)} wrote. */
    static double[] exact(float[] parts) {
        double[] out = new double[parts.length / 4];
        for (int k = 0; k < out.length; k++) {
            long bits = 0;
            for (int j = 0; j < 4; j++) {
                bits |= ((long) parts[4 * k + j] & 0xFFFF) << (16 * j);
            }
            out[k] = Double.longBitsToDouble(bits);
        }
        return out;
    }

    private static float[] codePoints(WordVocab vocab) {
        StringBuilder all = new StringBuilder();
        vocab.words().forEach(w -> all.append(w).append('\n'));
        int[] cps = all.codePoints().toArray();
        float[] out = new float[cps.length];
        for (int i = 0; i < cps.length; i++) {
            out[i] = cps[i]; // exact: code points are below 2^24
        }
        return out;
    }

    private static Tensor require(Checkpoint checkpoint, String key) throws CheckpointException {
        Tensor t = checkpoint.tensors().get(key);
        if (t == null) {
            throw new CheckpointException("ptb-lstm: the checkpoint holds no " + key);
        }
        return t;
    }

    /**
     * The checkpoint with only what {@link TrainingState} knows: the model's weights and the optimizer's entries
     * (whose names start with {@code optim.}); the carried state, vocabulary, history and whatever a caller
     * added are left out.
     */
    private static Checkpoint trainingPart(Checkpoint checkpoint, PtbModel model) {
        Map<String, Tensor> weights = model.stateDict();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        checkpoint.tensors().forEach((k, t) -> {
            if (weights.containsKey(k) || k.startsWith("optim.")) {
                tensors.put(k, t);
            }
        });
        return new Checkpoint(checkpoint.step(), tensors, checkpoint.rngStates(), checkpoint.optimizerScalars(),
                checkpoint.config());
    }
}
