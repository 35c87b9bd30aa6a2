package dev.thirty.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.FloatAssert;
import dev.thirty.testkit.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class OptimizerStateTest {

    private static final int[][] SHAPES = {{3, 4}, {4}, {2, 2, 2}};
    private static final int BEFORE = 3;
    private static final int AFTER = 4;
    private static final LearningRateSchedule SCHEDULE = new Schedules.WarmupCosine(0.05, 0.005, 2, 6);

    private static List<Parameter> params(long seed) {
        RandomGenerator rng = Seeds.generator(seed);
        List<Parameter> ps = new ArrayList<>();
        for (int[] s : SHAPES) {
            ps.add(Parameter.of(Tensor.randn(rng, s)));
        }
        return ps;
    }

    private static List<Parameter> copyOf(List<Parameter> ps) {
        return ps.stream().map(Parameter::of).toList();
    }

    /** Gradients for step {@code step}, drawn from their own seed so any run can replay them. */
    private static void setGrads(List<Parameter> ps, int step) {
        RandomGenerator rng = Seeds.generator(1000 + step);
        for (Parameter p : ps) {
            float[] g = Seeds.normal(rng, p.size(), 0f, 1f);
            System.arraycopy(g, 0, p.gradBuffer(), 0, g.length);
        }
    }

    private static void run(Optimizer opt, List<Parameter> ps, int from, int to) {
        for (int step = from; step < to; step++) {
            opt.setLearningRate(SCHEDULE.at(step));
            opt.zeroGrad();
            setGrads(ps, step);
            opt.step();
        }
    }

    private static void assertResumeIsBitIdentical(Function<List<Parameter>, Optimizer> make) {
        List<Parameter> straight = params(7);
        run(make.apply(straight), straight, 0, BEFORE + AFTER);

        List<Parameter> first = params(7);
        Optimizer interrupted = make.apply(first);
        run(interrupted, first, 0, BEFORE);
        OptimizerState saved = interrupted.exportState();
        List<Parameter> second = copyOf(first);
        Optimizer resumed = make.apply(second);
        resumed.importState(saved);
        run(resumed, second, BEFORE, BEFORE + AFTER);

        for (int i = 0; i < straight.size(); i++) {
            FloatAssert.assertIdentical("parameter " + i, straight.get(i).data(), second.get(i).data());
        }

        // The same resume without the state must differ, or the test above proves nothing.
        List<Parameter> forgetful = copyOf(first);
        run(make.apply(forgetful), forgetful, BEFORE, BEFORE + AFTER);
        assertTrue(FloatAssert.maxAbsDifference(straight.get(0).data(), forgetful.get(0).data()) > 0,
                "restarting without the optimizer state should change the result");
    }

    @Test
    void sgdResumedFromExportedStateIsBitIdentical() {
        assertResumeIsBitIdentical(ps -> new Sgd(ps, Sgd.Config.nesterov(0.9).withWeightDecay(0.01), 0.1));
    }

    @Test
    void rmspropResumedFromExportedStateIsBitIdentical() {
        assertResumeIsBitIdentical(ps -> new RmsProp(ps, RmsProp.Config.defaults().withMomentum(0.5)
                .withCentering(RmsProp.Centering.CENTERED), 0.01));
    }

    @Test
    void adagradResumedFromExportedStateIsBitIdentical() {
        assertResumeIsBitIdentical(ps -> new Adagrad(ps, Adagrad.Config.defaults().withLrDecay(0.1), 0.1));
    }

    @Test
    void adamResumedFromExportedStateIsBitIdentical() {
        assertResumeIsBitIdentical(ps -> new Adam(ps, Adam.Config.defaults().withWeightDecay(0.1), 0.01));
    }

    @Test
    void adamwWithGroupsResumedFromExportedStateIsBitIdentical() {
        assertResumeIsBitIdentical(ps -> new AdamW(ParamGroup.decayMatricesOnly(
                Map.of("w", ps.get(0), "b", ps.get(1), "t", ps.get(2)), AdamW.Config.defaults()), 0.01));
    }

    @Test
    void exportedStateNamesFollowPyTorchStateDict() {
        List<Parameter> ps = params(1);
        Adam adam = new Adam(ps, Adam.Config.defaults(), 0.01);
        setGrads(ps.subList(0, 2), 0);
        adam.step();
        adam.step();
        OptimizerState s = adam.exportState();
        assertEquals("adam", s.optimizer());
        assertEquals(List.of("0.exp_avg", "0.exp_avg_sq", "1.exp_avg", "1.exp_avg_sq"), List.copyOf(s.tensors().keySet()));
        assertEquals(Map.of("0.step", 2L, "1.step", 2L), s.counts());
        assertEquals(ps.get(0).shape(), s.tensors().get("0.exp_avg").shape());
    }

    @Test
    void exportedStateIsACopy() {
        List<Parameter> ps = params(2);
        Sgd sgd = new Sgd(ps, 0.1, 0.9);
        setGrads(ps, 0);
        sgd.step();
        OptimizerState s = sgd.exportState();
        float[] before = s.tensors().get("0.momentum_buffer").toArray();
        setGrads(ps, 1);
        sgd.step();
        FloatAssert.assertIdentical("exported buffer", before, s.tensors().get("0.momentum_buffer").data());
    }

    @Test
    void importRejectsAnotherOptimizersState() {
        List<Parameter> ps = params(3);
        Adam adam = new Adam(ps, Adam.Config.defaults(), 0.01);
        setGrads(ps, 0);
        adam.step();
        AdamW adamw = new AdamW(ps, AdamW.Config.defaults(), 0.01);
        var e = assertThrows(IllegalArgumentException.class, () -> adamw.importState(adam.exportState()));
        assertTrue(e.getMessage().contains("adam optimizer"), e.getMessage());
    }

    @Test
    void importNamesEveryMissingMisshapenAndUnexpectedEntryAndChangesNothing() {
        List<Parameter> ps = params(4);
        Adam adam = new Adam(ps, Adam.Config.defaults(), 0.01);
        setGrads(ps, 0);
        adam.step();
        OptimizerState good = adam.exportState();
        var tensors = new java.util.LinkedHashMap<>(good.tensors());
        tensors.remove("0.exp_avg");
        tensors.put("1.exp_avg_sq", Tensor.zeros(5));
        tensors.put("2.momentum_buffer", Tensor.zeros(2, 2, 2));
        OptimizerState bad = new OptimizerState("adam", tensors, good.counts());
        var e = assertThrows(IllegalArgumentException.class, () -> adam.importState(bad));
        for (String expected : List.of("0.exp_avg is missing", "1.exp_avg_sq has shape (5,)",
                "2.momentum_buffer is not expected")) {
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
        assertEquals(good.counts(), adam.exportState().counts());
    }

    @Test
    void importOfAnEmptyStateResetsTheOptimizer() {
        List<Parameter> ps = params(5);
        Adam adam = new Adam(ps, Adam.Config.defaults(), 0.01);
        OptimizerState empty = adam.exportState();
        setGrads(ps, 0);
        adam.step();
        assertNotEquals(empty, adam.exportState());
        adam.importState(empty);
        assertTrue(adam.exportState().tensors().isEmpty() && adam.exportState().counts().isEmpty());
    }
}
