package dev.thirty.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Tensor;
import dev.thirty.testkit.FloatAssert;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizerTest {

    @Test
    void decayMatricesOnlyPutsBiasesAndGainsInAGroupWithoutDecay() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        named.put("wte.weight", Parameter.zeros(10, 4));
        named.put("ln.weight", Parameter.zeros(4));
        named.put("fc.weight", Parameter.zeros(4, 4));
        named.put("fc.bias", Parameter.zeros(4));
        var groups = ParamGroup.decayMatricesOnly(named, AdamW.Config.defaults().withWeightDecay(0.1));
        assertEquals(2, groups.size());
        assertEquals(List.of(named.get("wte.weight"), named.get("fc.weight")), groups.get(0).params());
        assertEquals(0.1, groups.get(0).config().weightDecay());
        assertEquals(List.of(named.get("ln.weight"), named.get("fc.bias")), groups.get(1).params());
        assertEquals(0.0, groups.get(1).config().weightDecay());
        assertEquals(0.9, groups.get(1).config().beta1());
    }

    @Test
    void parametersAreNumberedGroupByGroup() {
        Parameter a = Parameter.zeros(2);
        Parameter b = Parameter.zeros(2, 2);
        Sgd sgd = new Sgd(List.of(new ParamGroup<>(List.of(b), Sgd.Config.defaults()),
                new ParamGroup<>(List.of(a), Sgd.Config.defaults())), 0.1);
        assertSame(b, sgd.parameters().get(0));
        assertSame(a, sgd.parameters().get(1));
    }

    @Test
    void aGroupsLearningRateScaleMultipliesTheOptimizersRate() {
        Parameter w = Parameter.of(Tensor.vector(1));
        Parameter b = Parameter.of(Tensor.vector(1));
        Sgd sgd = new Sgd(List.of(new ParamGroup<>(List.of(w), Sgd.Config.momentum(0.9)),
                new ParamGroup<>(List.of(b), Sgd.Config.momentum(0.9), 2)), 0.25);
        w.gradBuffer()[0] = 1;
        b.gradBuffer()[0] = 1;
        sgd.step();                      // w = 1 - 0.25, b = 1 - 0.5
        sgd.setLearningRate(0.025);      // both follow the optimizer's schedule
        sgd.step();                      // buf = 1.9: w = 0.75 - 0.0475, b = 0.5 - 0.095
        assertEquals(0.7025f, w.data()[0], 1e-6f);
        assertEquals(0.405f, b.data()[0], 1e-6f);
        assertEquals(2.0, sgd.groups().get(1).lrScale());
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ParamGroup<>(List.of(w), Sgd.Config.defaults(), Double.NaN));
        assertTrue(e.getMessage().contains("learning-rate scale"), e.getMessage());
    }

    @Test
    void aParameterMayAppearInOnlyOneGroup() {
        Parameter a = Parameter.zeros(2);
        var e = assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(
                new ParamGroup<>(List.of(a), Adam.Config.defaults()),
                new ParamGroup<>(List.of(a), Adam.Config.defaults())), 0.01));
        assertTrue(e.getMessage().contains("parameter 1 is the same tensor as parameter 0"), e.getMessage());
    }

    @Test
    void groupsAcceptOnlyTrainableLeaves() {
        assertThrows(IllegalArgumentException.class,
                () -> new ParamGroup<>(List.of(Tensor.zeros(2)), Sgd.Config.defaults()));
        assertThrows(IllegalArgumentException.class, () -> new ParamGroup<>(List.of(), Sgd.Config.defaults()));
    }

    @Test
    void parametersWithoutGradientsAreNotUpdatedAndGetNoState() {
        Parameter a = Parameter.of(Tensor.vector(1, 2));
        Parameter untouched = Parameter.of(Tensor.vector(3, 4));
        a.gradBuffer()[0] = 1;
        Adam adam = new Adam(List.of(a, untouched), Adam.Config.defaults(), 0.1);
        adam.step();
        FloatAssert.assertIdentical("untouched", new float[] {3, 4}, untouched.data());
        assertEquals(Map.of("0.step", 1L), adam.exportState().counts());
    }

    @Test
    void sgdShorthandIsClassicalMomentumAndZeroGradClearsGradients() {
        Parameter p = Parameter.of(Tensor.vector(1));
        Sgd sgd = new Sgd(List.<Tensor>of(p), 0.5f, 0.5f);
        p.gradBuffer()[0] = 1;
        sgd.step();                      // v = 1, p = 1 - 0.5
        sgd.step();                      // v = 0.5 + 1, p = 0.5 - 0.75
        assertEquals(-0.25f, p.data()[0]);
        sgd.zeroGrad();
        assertEquals(0f, p.grad().data()[0]);
    }

    @Test
    void theLearningRateSetBeforeAStepIsTheOneItUses() {
        Parameter p = Parameter.of(Tensor.vector(1));
        Sgd sgd = new Sgd(List.of(p), Sgd.Config.defaults(), 0.1);
        p.gradBuffer()[0] = 1;
        sgd.setLearningRate(0.25);
        sgd.step();
        assertEquals(0.75f, p.data()[0]);
        assertEquals(0.25, sgd.learningRate());
        assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(-1));
    }

    @Test
    void configsRejectOutOfRangeHyperParameters() {
        assertThrows(IllegalArgumentException.class, () -> Sgd.Config.nesterov(0.9).withDampening(0.1));
        assertThrows(IllegalArgumentException.class, () -> Sgd.Config.nesterov(0));
        assertThrows(IllegalArgumentException.class, () -> Sgd.Config.momentum(1));
        assertThrows(IllegalArgumentException.class, () -> Adam.Config.defaults().withBetas(0.9, 1.0));
        assertThrows(IllegalArgumentException.class, () -> AdamW.Config.defaults().withEps(0));
        assertThrows(IllegalArgumentException.class, () -> RmsProp.Config.defaults().withAlpha(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Adagrad.Config.defaults().withWeightDecay(-1));
    }

    @Test
    void defaultsArePyTorchs() {
        assertEquals(new Adam.Config(0.9, 0.999, 1e-8, 0), Adam.Config.defaults());
        assertEquals(new AdamW.Config(0.9, 0.999, 1e-8, 0.01), AdamW.Config.defaults());
        assertEquals(new RmsProp.Config(0.99, 1e-8, 0, 0, RmsProp.Centering.UNCENTERED), RmsProp.Config.defaults());
        assertEquals(new Adagrad.Config(0, 0, 0, 1e-10), Adagrad.Config.defaults());
        assertEquals(new Sgd.Config(0, 0, Sgd.Momentum.CLASSICAL, 0), Sgd.Config.defaults());
    }
}
