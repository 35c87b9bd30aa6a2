package dev.thirty.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.io.Checkpoint;
import dev.thirty.io.CheckpointException;
import dev.thirty.nn.Linear;
import dev.thirty.optim.Adam;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingStateTest {

    @Test
    void restoreWeightsCopiesTheWeightsAndSkipsTheOptimizer() throws CheckpointException {
        Linear trained = new Linear(3, 2, Rng.seeded(1));
        Adam adam = new Adam(trained.parameters(), new Adam.Config(0.9, 0.98, 1e-9, 0), 1e-3);
        trained.forward(Tensor.of(new float[] {1, -2, 0.5f}, 1, 3)).sum().backward();
        adam.step(); // the optimizer now has moments to save
        Checkpoint saved = TrainingState.capture(7, trained, adam, Map.of(), null);
        assertTrue(saved.tensors().keySet().stream().anyMatch(k -> k.startsWith(TrainingState.OPTIM)),
                "the checkpoint holds optimizer state: " + saved.tensors().keySet());

        Linear fresh = new Linear(3, 2, Rng.seeded(2));
        TrainingState.restoreWeights(saved, fresh);
        trained.stateDict().forEach((name, t) -> assertArrayEquals(t.data(), fresh.stateDict().get(name).data(), name));
    }

    @Test
    void restoreWeightsNamesAMissingWeightAndCopiesNothing() {
        Linear trained = new Linear(3, 2, Rng.seeded(1));
        Map<String, Tensor> partial = new LinkedHashMap<>(trained.stateDict());
        String dropped = partial.keySet().iterator().next();
        partial.remove(dropped);
        Checkpoint saved = new Checkpoint(7, partial, Map.of(), Map.of(), null);

        Linear fresh = new Linear(3, 2, Rng.seeded(2));
        Map<String, float[]> before = new LinkedHashMap<>();
        fresh.stateDict().forEach((name, t) -> before.put(name, t.data().clone()));
        CheckpointException e = assertThrows(CheckpointException.class, () -> TrainingState.restoreWeights(saved, fresh));
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("missing") && p.contains(dropped)), e.problems().toString());
        fresh.stateDict().forEach((name, t) -> assertArrayEquals(before.get(name), t.data(), name));
    }
}
