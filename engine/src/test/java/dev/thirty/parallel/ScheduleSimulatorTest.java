package dev.thirty.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleSimulatorTest {

    /** idle time * (M+K-1) == (K-1) * K * makespan, in exact integers. */
    private static void assertBubbleIsExactly(Timeline t, int k, int m) {
        long idle = (long) k * t.makespan() - t.busy();
        assertEquals((long) (k - 1) * k * t.makespan(), idle * (m + k - 1), "K=" + k + ", M=" + m);
    }

    @Test
    void equalStagesGiveGpipesBubbleExactly() {
        int[][] cases = {{4, 4}, {4, 16}, {2, 8}, {1, 1}, {8, 32}, {3, 1}};
        for (int[] c : cases) {
            int k = c[0];
            int m = c[1];
            assertBubbleIsExactly(ScheduleSimulator.uniform(k, m, 1, 0, Checkpointing.NEVER), k, m);
            assertBubbleIsExactly(ScheduleSimulator.uniform(k, m, 3, 5, Checkpointing.NEVER), k, m);
        }
        assertEquals(3.0 / 7, ScheduleSimulator.uniform(4, 4, 1, 0, Checkpointing.NEVER).idleFraction(), 1e-15);
        assertEquals(3.0 / 19, ScheduleSimulator.uniform(4, 16, 1, 0, Checkpointing.NEVER).idleFraction(), 1e-15);
        assertEquals(1.0 / 9, ScheduleSimulator.uniform(2, 8, 1, 2, Checkpointing.NEVER).idleFraction(), 1e-15);
        assertEquals(1.0 / 9, Timeline.gpipeBubble(2, 8), 0);
    }

    @Test
    void makespanOfEqualStagesIsMPlusKMinusOneTicksEachWay() {
        Timeline t = ScheduleSimulator.uniform(4, 8, 2, 3, Checkpointing.NEVER);
        assertEquals((8 + 4 - 1) * (2 + 3), t.makespan());
        assertEquals(4 * 8 * (2 + 3), t.busy());
    }

    @Test
    void recomputationRunsBeforeTheGradientArrivesAndCostsAForwardEach() {
        Timeline never = ScheduleSimulator.uniform(2, 4, 2, 4, Checkpointing.NEVER);
        Timeline always = ScheduleSimulator.uniform(2, 4, 2, 4, Checkpointing.ALWAYS);
        Timeline exceptLast = ScheduleSimulator.uniform(2, 4, 2, 4, Checkpointing.EXCEPT_LAST);
        assertEquals(never.busy() + 2 * 4 * 2, always.busy());
        assertEquals(never.busy() + 2 * 3 * 2, exceptLast.busy());
        assertTrue(always.makespan() > never.makespan());
        // stage 0 recomputes micro-batch 3 while stage 1 is still busy with it
        Timeline.Event r = always.ofStage(0).stream().filter(e -> e.kind() == Timeline.Kind.RECOMPUTE).findFirst()
                .orElseThrow();
        Timeline.Event b = always.ofStage(1).stream().filter(e -> e.kind() == Timeline.Kind.BACKWARD).findFirst()
                .orElseThrow();
        assertEquals(3, r.microBatch());
        assertTrue(r.start() < b.end());
    }

    @Test
    void anUnevenStageSetsThePace() {
        Timeline t = ScheduleSimulator.simulate(new long[] {1, 3}, new long[] {0, 0}, 8, Checkpointing.NEVER, 0);
        assertEquals(1 + 8 * 3, t.makespan());
        assertEquals(8, t.busy(0));
    }

    @Test
    void transfersDelayEveryHandOff() {
        Timeline t = ScheduleSimulator.simulate(new long[] {1, 1}, new long[] {1, 1}, 1, Checkpointing.NEVER, 2);
        assertEquals(1 + 2 + 1 + 1 + 2 + 1, t.makespan());
    }

    @Test
    void rejectsBadCosts() {
        assertThrows(IllegalArgumentException.class,
                () -> ScheduleSimulator.simulate(new long[] {1}, new long[] {1, 1}, 2, Checkpointing.NEVER, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ScheduleSimulator.simulate(new long[] {-1}, new long[] {1}, 2, Checkpointing.NEVER, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ScheduleSimulator.simulate(new long[] {1}, new long[] {1}, 0, Checkpointing.NEVER, 0));
    }
}
