package dev.thirty.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thirty.io.Checkpoint;
import dev.thirty.io.CheckpointException;
import dev.thirty.nn.Module;
import dev.thirty.optim.Optimizer;
import dev.thirty.optim.OptimizerState;
import dev.thirty.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model and its optimizer as a {@link Checkpoint} and back: weights under their state-dict
 * names, optimizer state tensors under {@code optim.<index>.<slot>} and its step counts as
 * scalars {@code optim.<index>.step}, so a resumed run continues bit for bit.
 */
public final class TrainingState {

    static final String OPTIM = "optim.";

    private TrainingState() {
    }

    /** Everything needed to continue after {@code step}. */
    public static Checkpoint capture(long step, Module model, Optimizer optimizer, Map<String, long[]> rngStates,
                                     JsonNode config) {
        Map<String, Tensor> tensors = new LinkedHashMap<>(model.stateDict());
        OptimizerState state = optimizer.exportState();
        state.tensors().forEach((k, t) -> tensors.put(OPTIM + k, t));
        Map<String, Double> scalars = new LinkedHashMap<>();
        state.counts().forEach((k, n) -> scalars.put(OPTIM + k, n.doubleValue()));
        return new Checkpoint(step, tensors, rngStates, scalars, config);
    }

    /**
     * Copies only the checkpoint's weights into {@code model}, for a model that samples or
     * translates rather than trains: the optimizer's entries are skipped, every weight name and
     * shape is checked (all problems reported at once).
     */
    public static void restoreWeights(Checkpoint checkpoint, Module model) throws CheckpointException {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        checkpoint.tensors().forEach((k, t) -> {
            if (!k.startsWith(OPTIM)) {
                weights.put(k, t);
            }
        });
        new Checkpoint(checkpoint.step(), weights, Map.of(), Map.of(), null).loadInto(model.stateDict());
    }

    /**
     * Copies the checkpoint's weights into {@code model} and its state into {@code optimizer},
     * after checking every name and shape (all problems reported at once).
     */
    public static void restore(Checkpoint checkpoint, Module model, Optimizer optimizer) throws CheckpointException {
        restoreWeights(checkpoint, model);
        Map<String, Tensor> optimTensors = new LinkedHashMap<>();
        checkpoint.tensors().forEach((k, t) -> {
            if (k.startsWith(OPTIM)) {
                optimTensors.put(k.substring(OPTIM.length()), t);
            }
        });
        Map<String, Long> counts = new LinkedHashMap<>();
        checkpoint.optimizerScalars().forEach((k, v) -> {
            if (k.startsWith(OPTIM)) {
                counts.put(k.substring(OPTIM.length()), v.longValue());
            }
        });
        String kind = optimizer.exportState().optimizer();
        optimizer.importState(new OptimizerState(kind, optimTensors, counts));
    }
}
