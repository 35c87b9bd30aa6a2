package dev.thirty.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.kernels.ComputePool;
import dev.thirty.kernels.Window2d;
import dev.thirty.nn.Activation;
import dev.thirty.nn.Conv2d;
import dev.thirty.nn.Pool2d;
import dev.thirty.nn.Reshaping;
import dev.thirty.nn.BatchNorm;
import dev.thirty.nn.Dropout;
import dev.thirty.nn.Layer;
import dev.thirty.nn.Linear;
import dev.thirty.nn.Module;
import dev.thirty.nn.Sequential;
import dev.thirty.nn.functional.CrossEntropy;
import dev.thirty.optim.Sgd;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PipelineTest {

    private static final int IN = 12;
    private static final int CLASSES = 5;

    /** Eight layers with dropout in two places, each dropout drawing from a generator of its own. */
    private static Sequential mlp(long seed, float dropout) {
        Rng rng = Rng.seeded(seed);
        return Sequential.builder()
                .add("fc1", new Linear(IN, 16, rng)).add("relu1", Activation.RELU.layer())
                .add("drop1", new Dropout(dropout, rng.split()))
                .add("fc2", new Linear(16, 16, rng)).add("relu2", Activation.RELU.layer())
                .add("drop2", new Dropout(dropout, rng.split()))
                .add("fc3", new Linear(16, 16, rng)).add("relu3", Activation.RELU.layer())
                .add("fc4", new Linear(16, CLASSES, rng))
                .build();
    }

    private static Tensor inputs(int n, long seed) {
        return Tensor.randn(Rng.seeded(seed), n, IN);
    }

    private static int[] labels(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(CLASSES);
        }
        return y;
    }

    private static Pipeline.MicroBatchLoss crossEntropy(int[] y) {
        return (out, from, to) -> CrossEntropy.crossEntropy(out, Arrays.copyOfRange(y, from, to));
    }

    private static List<float[]> weights(Module m) {
        List<float[]> out = new ArrayList<>();
        m.parameters().forEach(p -> out.add(p.toArray()));
        return out;
    }

    private static List<float[]> grads(Module m) {
        List<float[]> out = new ArrayList<>();
        m.parameters().forEach(p -> out.add(p.grad() == null ? new float[p.size()] : p.grad().toArray()));
        return out;
    }

    private static void assertBitsEqual(List<float[]> expected, List<float[]> actual, String what) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            float[] e = expected.get(i);
            float[] a = actual.get(i);
            for (int j = 0; j < e.length; j++) {
                if (Float.floatToRawIntBits(e[j]) != Float.floatToRawIntBits(a[j])) {
                    throw new AssertionError(what + ": parameter " + i + " element " + j + " is " + a[j]
                            + ", expected " + e[j]);
                }
            }
        }
    }

    /** Three SGD steps; returns the weights after them. */
    private static List<float[]> train(Sequential model, int[] balance, int m, Checkpointing c, boolean threaded) {
        Sgd sgd = new Sgd(model.parameters(), 0.1, 0.9);
        try (Pipeline p = Pipeline.builder(model).balance(balance).microBatches(m).checkpointing(c).build()) {
            for (int step = 0; step < 3; step++) {
                Tensor x = inputs(24, 100 + step);
                int[] y = labels(24, 200 + step);
                sgd.zeroGrad();
                Pipeline.StepResult r = threaded ? p.step(x, crossEntropy(y)) : p.stepSequentially(x, crossEntropy(y));
                assertTrue(Double.isFinite(r.loss()));
                sgd.step();
            }
        }
        return weights(model);
    }

    @ParameterizedTest
    @EnumSource(Checkpointing.class)
    void threadedStagesGiveTheSequentialRunsWeightsToTheBit(Checkpointing c) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int[] balance : new int[][] {{4, 5}, {2, 3, 4}, {9}}) {
                List<float[]> reference = train(mlp(7, 0.3f), balance, 4, c, false);
                List<float[]> threaded = train(mlp(7, 0.3f), balance, 4, c, true);
                assertBitsEqual(reference, threaded, "balance " + Arrays.toString(balance) + ", " + c.key());
            }
        });
    }

    /** A small CNN, whose kernels split work by thread count: the in-order run must use each stage's pool too. */
    private static Sequential cnn(long seed) {
        Rng rng = Rng.seeded(seed);
        Window2d conv = Window2d.square(3, 1, 1);
        return Sequential.builder()
                .add("conv1", new Conv2d(2, 8, conv, rng)).add("relu1", Activation.RELU.layer())
                .add("pool1", Pool2d.max(Window2d.square(2, 2, 0)))
                .add("conv2", new Conv2d(8, 8, conv, rng)).add("relu2", Activation.RELU.layer())
                .add("flatten", Reshaping.flatten()).add("drop", new Dropout(0.3f, rng.split()))
                .add("fc", new Linear(8 * 4 * 4, CLASSES, rng))
                .build();
    }

    @Test
    void convolutionsUnderTheDefaultPoolStillMatchToTheBit() {
        List<List<float[]>> runs = new ArrayList<>();
        for (boolean threaded : new boolean[] {false, true}) {
            Sequential model = cnn(9);
            Sgd sgd = new Sgd(model.parameters(), 0.1, 0.9);
            try (ComputePool two = ComputePool.ofThreads(2);
                    Pipeline p = Pipeline.builder(model).balance(4, 4).microBatches(4).build()) {
                two.run(() -> {
                    for (int step = 0; step < 2; step++) {
                        Tensor x = Tensor.randn(Rng.seeded(step), 16, 2, 8, 8);
                        int[] y = labels(16, step);
                        sgd.zeroGrad();
                        if (threaded) {
                            p.step(x, crossEntropy(y));
                        } else {
                            p.stepSequentially(x, crossEntropy(y));
                        }
                        sgd.step();
                    }
                });
            }
            runs.add(weights(model));
        }
        assertBitsEqual(runs.get(0), runs.get(1), "cnn");
    }

    @Test
    void recomputationDrawsTheSameDropoutMasksSoEveryModeAgrees() {
        List<float[]> never = train(mlp(7, 0.3f), new int[] {4, 5}, 4, Checkpointing.NEVER, true);
        assertBitsEqual(never, train(mlp(7, 0.3f), new int[] {4, 5}, 4, Checkpointing.ALWAYS, true), "always");
        assertBitsEqual(never, train(mlp(7, 0.3f), new int[] {4, 5}, 4, Checkpointing.EXCEPT_LAST, true),
                "except-last");
    }

    @Test
    void generatorsEndWhereThePlainForwardPassesLeaveThem() {
        Sequential a = mlp(3, 0.5f);
        Sequential b = mlp(3, 0.5f);
        Tensor x = inputs(16, 1);
        int[] y = labels(16, 2);
        try (Pipeline never = Pipeline.builder(a).balance(4, 5).microBatches(4).checkpointing(Checkpointing.NEVER).build();
                Pipeline always = Pipeline.builder(b).balance(4, 5).microBatches(4)
                        .checkpointing(Checkpointing.ALWAYS).build()) {
            never.step(x, crossEntropy(y));
            always.step(x, crossEntropy(y));
        }
        Rng ga = (Rng) ((Dropout) a.get("drop1")).generator();
        Rng gb = (Rng) ((Dropout) b.get("drop1")).generator();
        assertArrayEquals(ga.state(), gb.state());
    }

    @ParameterizedTest
    @EnumSource(Checkpointing.class)
    void gradientsMatchTheUndividedMiniBatch(Checkpointing c) {
        int n = 22;  // 4 micro-batches of 5, 6, 5, 6 rows: weights by share, not 1/M
        Tensor x = inputs(n, 5);
        int[] y = labels(n, 6);
        Sequential whole = mlp(11, 0f);
        whole.zeroGrad();
        CrossEntropy.crossEntropy(whole.forward(x), y).backward();
        List<float[]> expected = grads(whole);

        Sequential piped = mlp(11, 0f);
        piped.zeroGrad();
        double loss;
        try (Pipeline p = Pipeline.builder(piped).balance(3, 3, 3).microBatches(4).checkpointing(c).build()) {
            loss = p.step(x, crossEntropy(y)).loss();
        }
        List<float[]> actual = grads(piped);
        for (int i = 0; i < expected.size(); i++) {
            float[] e = expected.get(i);
            float[] a = actual.get(i);
            float scale = 0;
            for (float v : e) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int j = 0; j < e.length; j++) {
                assertEquals(e[j], a[j], 1e-5f * scale + 1e-7f, "parameter " + i + " element " + j);
            }
        }
        float plain = CrossEntropy.crossEntropy(mlp(11, 0f).forward(x), y).item();
        assertEquals(plain, loss, 1e-5 * Math.abs(plain));
    }

    /** A layer that throws in forward or backward when it meets its {@code failAt}-th micro-batch. */
    private static final class Faulty extends Module implements Layer {
        private final boolean inBackward;
        private final int failAt;
        private int seen;

        Faulty(boolean inBackward, int failAt) {
            this.inBackward = inBackward;
            this.failAt = failAt;
        }

        @Override
        public Tensor forward(Tensor x) {
            int call = seen++;
            if (!inBackward) {
                if (call == failAt) {
                    throw new IllegalStateException("boom in forward");
                }
                return x;
            }
            return Tensor.derived("faulty", x.shape(), x.toArray(), (g, in) -> {
                if (call == failAt) {
                    throw new IllegalStateException("boom in backward");
                }
                for (int i = 0; i < g.length; i++) {
                    in[0][i] += g[i];
                }
            }, x);
        }
    }

    @Test
    void aStageThatThrowsStopsTheStepNamesItAndLeavesWeightsAndGradientsClean() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (boolean inBackward : new boolean[] {false, true}) {
                Rng rng = Rng.seeded(1);
                Sequential model = Sequential.builder()
                        .add("fc1", new Linear(IN, 16, rng)).add("relu1", Activation.RELU.layer())
                        .add("fc2", new Linear(16, 16, rng)).add("faulty", new Faulty(inBackward, 2))
                        .add("fc3", new Linear(16, CLASSES, rng))
                        .build();
                List<float[]> before = weights(model);
                model.zeroGrad();
                try (Pipeline p = Pipeline.builder(model).balance(2, 3).microBatches(4)
                        .checkpointing(Checkpointing.NEVER).build()) {
                    Tensor x = inputs(16, 3);
                    int[] y = labels(16, 4);
                    PipelineException e = assertThrows(PipelineException.class, () -> p.step(x, crossEntropy(y)));
                    assertEquals(1, e.stage());
                    assertEquals(inBackward ? "backward" : "forward", e.phase());
                    // forward calls count micro-batches 0, 1, 2; backward closures belong to the call that made them
                    assertEquals(2, e.microBatch());
                    assertTrue(e.getMessage().contains("stage 1 (layers fc2..fc3)"), e.getMessage());
                    assertTrue(e.getMessage().contains("boom"), e.getMessage());
                    assertBitsEqual(before, weights(model), "weights after a failed step");
                    for (Parameter q : model.parameters()) {
                        for (float g : q.grad() == null ? new float[0] : q.grad().toArray()) {
                            assertEquals(0f, g);
                        }
                    }
                    // the stage threads are free again: the next step runs (the faulty layer has passed its call)
                    assertTrue(Double.isFinite(p.step(x, crossEntropy(y)).loss()));
                }
            }
        });
    }

    @Test
    void refusesWhatItCannotPipelineWithAMessageNamingTheLayer() {
        Rng rng = Rng.seeded(2);
        Linear shared = new Linear(8, 8, rng);
        Sequential twice = new Sequential(shared, Activation.RELU.layer(), shared);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pipeline.builder(twice).balance(2, 1).build());
        assertTrue(e.getMessage().contains("shared by stage 0 (layer 0) and stage 1 (layer 2)"), e.getMessage());

        Rng one = Rng.seeded(3);
        Sequential sameRng = new Sequential(new Dropout(0.5f, one), new Linear(8, 8, rng), new Dropout(0.5f, one));
        e = assertThrows(IllegalArgumentException.class, () -> Pipeline.builder(sameRng).balance(2, 1).build());
        assertTrue(e.getMessage().contains("same random generator"), e.getMessage());
        Pipeline.builder(sameRng).balance(3).build().close();  // within one stage it is fine

        Sequential java = new Sequential(new Linear(8, 8, rng), new Dropout(0.5f, new SplittableRandom(1)));
        e = assertThrows(IllegalArgumentException.class, () -> Pipeline.builder(java).balance(1, 1).build());
        assertTrue(e.getMessage().contains("layer 1 draws from a SplittableRandom"), e.getMessage());
        Pipeline.builder(java).balance(1, 1).checkpointing(Checkpointing.NEVER).build().close();

        Sequential bn = Sequential.builder().add("fc", new Linear(8, 8, rng)).add("bn", new BatchNorm(8)).build();
        e = assertThrows(IllegalArgumentException.class,
                () -> Pipeline.builder(bn).balance(1, 1).microBatches(2).checkpointing(Checkpointing.NEVER).build());
        assertTrue(e.getMessage().contains("layer bn (BatchNorm"), e.getMessage());
        Pipeline.builder(bn).balance(1, 1).microBatches(1).checkpointing(Checkpointing.NEVER).build().close();

        e = assertThrows(IllegalArgumentException.class, () -> Pipeline.builder(mlp(1, 0f)).balance(4, 4).build());
        assertTrue(e.getMessage().contains("covers 8 layers but the model has 9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pipeline.builder(mlp(1, 0f)).build());
        assertTrue(e.getMessage().contains("give a balance"), e.getMessage());
        try (Pipeline p = Pipeline.builder(mlp(1, 0f)).balance(9).microBatches(8).build()) {
            e = assertThrows(IllegalArgumentException.class, () -> p.step(inputs(5, 1), crossEntropy(labels(5, 1))));
            assertTrue(e.getMessage().contains("cannot be split into 8 micro-batches"), e.getMessage());
        }
    }

    private static long peak(Checkpointing c, boolean threaded) {
        try (Pipeline p = Pipeline.builder(mlp(5, 0f)).balance(4, 5).microBatches(8).checkpointing(c).build()) {
            Tensor x = inputs(64, 1);
            int[] y = labels(64, 2);
            Pipeline.StepResult r = threaded ? p.step(x, crossEntropy(y)) : p.stepSequentially(x, crossEntropy(y));
            return r.peakActivationBytes();
        }
    }

    @Test
    void rematerialisationLowersPeakActivationMemory() {
        long never = peak(Checkpointing.NEVER, false);
        long exceptLast = peak(Checkpointing.EXCEPT_LAST, false);
        long always = peak(Checkpointing.ALWAYS, false);
        assertTrue(always < exceptLast && exceptLast < never, always + " < " + exceptLast + " < " + never);
        // NEVER holds every micro-batch's graph; ALWAYS the boundary inputs plus one micro-batch's graph
        assertTrue(always * 2 < never, "always " + always + " vs never " + never);
        // the threaded schedule holds no more than the in-order one: both keep all forwards before any backward
        assertEquals(never, peak(Checkpointing.NEVER, true));
    }

    @Test
    void timelineFollowsTheGpipeSchedule() {
        try (Pipeline p = Pipeline.builder(mlp(5, 0f)).balance(3, 3, 3).microBatches(4)
                .checkpointing(Checkpointing.EXCEPT_LAST).build()) {
            Timeline t = p.step(inputs(16, 1), crossEntropy(labels(16, 2))).timeline();
            assertEquals(3, t.stages());
            assertEquals(3 * (4 + 3 + 4), t.events().size());
            for (int k = 0; k < 3; k++) {
                List<Timeline.Event> boxes = t.ofStage(k);
                StringBuilder order = new StringBuilder();
                for (Timeline.Event e : boxes) {
                    order.append(e.kind().name().charAt(0)).append(e.microBatch()).append(' ');
                }
                assertEquals("F0 F1 F2 F3 B3 R2 B2 R1 B1 R0 B0 ", order.toString(), "stage " + k);
            }
            for (Timeline.Event e : t.events()) {
                if (e.kind() == Timeline.Kind.FORWARD && e.stage() > 0) {
                    Timeline.Event before = find(t, e.stage() - 1, e.microBatch(), Timeline.Kind.FORWARD);
                    assertTrue(before.end() <= e.start(), "forward " + e + " starts before its input exists");
                }
                if (e.kind() == Timeline.Kind.BACKWARD && e.stage() < 2) {
                    Timeline.Event after = find(t, e.stage() + 1, e.microBatch(), Timeline.Kind.BACKWARD);
                    assertTrue(after.end() <= e.start(), "backward " + e + " starts before its gradient exists");
                }
            }
            assertTrue(t.idleFraction() > 0 && t.idleFraction() < 1);
        }
    }

    private static Timeline.Event find(Timeline t, int stage, int m, Timeline.Kind kind) {
        return t.events().stream().filter(e -> e.stage() == stage && e.microBatch() == m && e.kind() == kind)
                .findFirst().orElseThrow();
    }
}
