package dev.thirty.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.data.DataLocation;
import dev.thirty.data.LabelledData;
import dev.thirty.io.Checkpoint;
import dev.thirty.nn.Activation;
import dev.thirty.nn.Mlp;
import dev.thirty.optim.Schedules;
import dev.thirty.optim.Sgd;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierTrainingTest {

    private static final LabelledData DATA = data();

    private static LabelledData data() {
        SplittableRandom rng = new SplittableRandom(3);
        float[] x = new float[12 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return new LabelledData(Tensor.wrap(x, Shape.of(12, 4)), rng.ints(12, 0, 3).toArray());
    }

    private static ClassifierTraining loop() {
        return new ClassifierTraining("test", DATA.size(), 4, 7, 11, new Schedules.Constant(0.1), 2, "try less");
    }

    /** Trains a fresh seeded MLP under {@code settings}; the batches it was given, by step, go to {@code seen}. */
    private static Optional<RunResult> train(RunContext.Settings settings, Mlp model, Sgd sgd, List<String> seen)
            throws IOException {
        java.nio.file.Files.createDirectories(settings.runDir());
        try (RunContext ctx = RunContext.open(settings)) {
            return loop().run(model, sgd, "config", ctx, (order, from, to, step) -> {
                LabelledData b = DATA.select(order, from, to);
                seen.add(step + ":" + java.util.Arrays.toString(b.labels()) + b.inputs().data()[0]);
                return new ClassifierTraining.Batch(b.inputs(), b.labels());
            }, done -> { });
        }
    }

    private static Mlp model() {
        return new Mlp(new int[] {4, 5, 3}, Activation.TANH, Rng.seeded(1));
    }

    @Test
    void aStoppedRunResumesToTheSameWeightsAndBatches(@TempDir Path tmp) throws IOException {
        DataLocation data = new DataLocation(null, null, tmp.resolve("cache"));
        Mlp whole = model();
        List<String> wholeBatches = new ArrayList<>();
        assertTrue(train(RunContext.Settings.quiet(tmp.resolve("a"), 5, data), whole, new Sgd(whole.parameters(),
                0.1, 0.9), wholeBatches).isEmpty());
        assertEquals(7, wholeBatches.size());
        assertNotEquals(wholeBatches.get(0).substring(2), wholeBatches.get(3).substring(2),
                "epoch 2 is shuffled afresh");

        Path b = tmp.resolve("b");
        Mlp first = model();
        List<String> batches = new ArrayList<>();
        Optional<RunResult> stopped = train(RunContext.Settings.quiet(b, 5, data).withResume(null, 0, () -> true),
                first, new Sgd(first.parameters(), 0.1, 0.9), batches);
        assertEquals(RunResult.Status.INTERRUPTED, stopped.orElseThrow().status());
        assertEquals(1, stopped.get().step());
        Checkpoint saved = Checkpoint.load(b.resolve(RunContext.CHECKPOINT_DIR));
        Mlp resumed = model();
        assertTrue(train(RunContext.Settings.quiet(b, 5, data).withResume(saved, 0, () -> false), resumed,
                new Sgd(resumed.parameters(), 0.1, 0.9), batches).isEmpty());
        assertEquals(wholeBatches, batches);
        for (String name : whole.namedParameters().keySet()) {
            assertArrayEquals(whole.namedParameters().get(name).data(), resumed.namedParameters().get(name).data(),
                    name);
        }
    }

    @Test
    void aNonFiniteLossNamesTheStepAndTheAdvice(@TempDir Path tmp) throws IOException {
        Mlp model = model();
        Sgd sgd = new Sgd(model.parameters(), 0.1, 0.9);
        try (RunContext ctx = RunContext.open(RunContext.Settings.quiet(tmp, 5,
                new DataLocation(null, null, tmp.resolve("cache"))))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop().run(model, sgd, "c", ctx,
                    (order, from, to, step) -> new ClassifierTraining.Batch(Tensor.wrap(
                            new float[] {Float.NaN, 0, 0, 0}, Shape.of(1, 4)), new int[] {0}), done -> { }));
            assertEquals("test: the training loss became NaN at step 1 (epoch 1); the weights before this step are"
                    + " in the last checkpoint; try less", e.getMessage());
        }
    }

    @Test
    void fewerExamplesThanOneBatchIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClassifierTraining("lenet", 3, 4, 10, 0, new Schedules.Constant(0.1), 1, ""));
        assertEquals("lenet: 3 training examples is less than one batch of 4", e.getMessage());
        IllegalArgumentException epochs = assertThrows(IllegalArgumentException.class,
                () -> ClassifierTraining.ofEpochs("alexnet", 3, 4, 90, 0,
                        perEpoch -> Schedules.MultiStep.atEpochs(0.01, 0.1, new int[] {30}, perEpoch), 1, ""));
        assertEquals("alexnet: 3 training examples is less than one batch of 4", epochs.getMessage());
        ClassifierTraining byEpochs = ClassifierTraining.ofEpochs("alexnet", 12, 4, 90, 0,
                perEpoch -> Schedules.MultiStep.atEpochs(0.01, 0.1, new int[] {30}, perEpoch), 1, "");
        assertEquals(270, byEpochs.steps());
        assertEquals(0.001, byEpochs.rate().at(90), 1e-15);
        assertEquals(0.01, byEpochs.rate().at(89), 1e-15);
        assertEquals(3, loop().stepsPerEpoch());
    }
}
