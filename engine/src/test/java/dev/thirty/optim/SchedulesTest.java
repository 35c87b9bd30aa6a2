package dev.thirty.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulesTest {

    private static final double EXACT = 1e-15;

    @Test
    void constantIsTheSameAtEveryStep() {
        var s = new Schedules.Constant(3e-4);
        assertEquals(3e-4, s.at(0));
        assertEquals(3e-4, s.at(1_000_000));
    }

    @Test
    void stepDecayMultipliesByGammaEveryKSteps() {
        var s = new Schedules.StepDecay(0.1, 0.5, 10);
        assertEquals(0.1, s.at(0), EXACT);
        assertEquals(0.1, s.at(9), EXACT);
        assertEquals(0.05, s.at(10), EXACT);
        assertEquals(0.025, s.at(29), EXACT);
        assertEquals(0.0125, s.at(30), EXACT);
    }

    @Test
    void multiStepDropsAtEachMilestoneAndChecksThem() {
        var s = Schedules.MultiStep.atEpochs(0.001, 0.1, new int[] {120, 130}, 390);
        assertEquals(List.of(46_800L, 50_700L), s.milestones());
        assertEquals(0.001, s.at(0), EXACT);
        assertEquals(0.001, s.at(46_799), EXACT);
        assertEquals(1e-4, s.at(46_800), 1e-18);
        assertEquals(1e-5, s.at(50_700), 1e-19);
        assertEquals(0.5, new Schedules.MultiStep(0.5, 0.1, List.of()).at(1_000_000), EXACT);
        var descending = assertThrows(IllegalArgumentException.class,
                () -> new Schedules.MultiStep(0.1, 0.1, List.of(10L, 5L)));
        assertTrue(descending.getMessage().contains("ascending"), descending.getMessage());
        var epochs = assertThrows(IllegalArgumentException.class,
                () -> Schedules.MultiStep.checkedEpochs("lrDrops", new int[] {8, 8}));
        assertEquals("lrDrops must be positive epochs in ascending order, got [8, 8]", epochs.getMessage());
        int[] given = {3, 6};
        int[] checked = Schedules.MultiStep.checkedEpochs("lrDrops", given);
        given[0] = 0;
        assertEquals(3, checked[0], "a copy, not the caller's array");
    }

    @Test
    void warmupCosineRisesLinearlyThenFollowsHalfACosineToTheFloor() {
        // maxLr 1, minLr 0.1, warmup 4, decay ends at step 14 (ten steps of cosine).
        var s = new Schedules.WarmupCosine(1.0, 0.1, 4, 14);
        assertEquals(0.2, s.at(0), EXACT);           // (0 + 1) / (4 + 1)
        assertEquals(0.8, s.at(3), EXACT);           // (3 + 1) / (4 + 1)
        assertEquals(1.0, s.at(4), EXACT);           // cosine starts at its peak
        assertEquals(0.55, s.at(9), EXACT);          // halfway: 0.1 + 0.5 * (1 + cos(pi/2)) * 0.9
        assertEquals(0.1 + 0.45 * (1 + Math.cos(Math.PI * 0.2)), s.at(6), EXACT);
        assertEquals(0.1, s.at(14), EXACT);          // cos(pi) = -1
        assertEquals(0.1, s.at(15), EXACT);
        assertEquals(0.1, s.at(1_000_000), EXACT);
    }

    @Test
    void noamPeaksAtTheEndOfWarmup() {
        // dModel 16, warmup 4, factor 2: rate = 2 / 4 * min(n^-0.5, n / 8) with n = step + 1.
        var s = new Schedules.Noam(16, 4, 2.0);
        assertEquals(0.5 * 1 / 8.0, s.at(0), EXACT);
        assertEquals(0.5 * 3 / 8.0, s.at(2), EXACT);
        assertEquals(0.5 * 0.5, s.at(3), EXACT);     // n = 4: both branches give 1/2
        assertEquals(0.5 / 3, s.at(8), EXACT);       // n = 9: 9^-0.5
        assertEquals(0.5 / 10, s.at(99), EXACT);     // n = 100
    }

    @Test
    void schedulesRejectInvalidArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Schedules.Constant(-1));
        assertThrows(IllegalArgumentException.class, () -> new Schedules.StepDecay(0.1, 1.5, 10));
        assertThrows(IllegalArgumentException.class, () -> new Schedules.StepDecay(0.1, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new Schedules.WarmupCosine(1, 2, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Schedules.WarmupCosine(1, 0.1, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new Schedules.Noam(0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new Schedules.Noam(512, 10, 0));
    }
}
