package dev.thirty.papers.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.data.DataLocation;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.nn.recurrent.CellType;
import dev.thirty.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecallExperimentTest {

    private static final int GAP = 40;
    private static final long[] SEEDS = {1, 2, 3, 4, 5};

    /**
     * The essay's claim at the tiny preset's budget (4 values, so chance is 0.25; recurrent layers
     * of about 1,500 parameters; 400 Adam steps): across a gap of 40 distractors the LSTM and the
     * GRU recall the marked value on at least 95% of 500 unseen sequences (what the headline asks;
     * a cell that has learned the task is at 100%, one that has not is near a fraction k/4), while
     * the vanilla RNN stays below 80%, i.e. it has not solved the task (at most 3 of 4 values told
     * apart), which is clearly below the gated cells.
     *
     * <p>Each figure is the median over five training seeds. One seed is not the claim: over seeds 1-8
     * the vanilla RNN solved the gap twice (3 and 7) and the LSTM missed it once (6, at 0.75), and
     * a last-bit change in the arithmetic (the cross-entropy's exp) is enough to move a seed across.
     */
    @Test
    void gatedCellsRecallAcrossAGapWhereTheVanillaRnnDoesNot() {
        RecallConfig c = RecallConfig.tiny();
        int inputs = new RecallTask(c.symbols(), GAP).inputs();
        long budget = new RecallModel(CellType.LSTM, inputs, c.lstmHidden(), c.symbols(), 2, Rng.seeded(0))
                .recurrentParameters();
        double lstm = medianAccuracy(CellType.LSTM, budget, c);
        double gru = medianAccuracy(CellType.GRU, budget, c);
        double rnn = medianAccuracy(CellType.RNN, budget, c);
        assertTrue(lstm >= 0.95, "LSTM median accuracy at gap " + GAP + ": " + lstm);
        assertTrue(gru >= 0.95, "GRU median accuracy at gap " + GAP + ": " + gru);
        assertTrue(rnn < 0.8, "vanilla RNN median accuracy at gap " + GAP + " should stay below 0.8: " + rnn);
    }

    private static double medianAccuracy(CellType cell, long budget, RecallConfig c) {
        double[] a = new double[SEEDS.length];
        for (int i = 0; i < SEEDS.length; i++) {
            a[i] = accuracy(cell, budget, c, SEEDS[i]);
        }
        java.util.Arrays.sort(a);
        return a[a.length / 2];
    }

    private static double accuracy(CellType cell, long budget, RecallConfig c, long seed) {
        int hidden = RecallModel.hiddenForBudget(cell, c.symbols() + 2, budget);
        RecallExperiment.Result r = RecallExperiment.train(cell, hidden, GAP, c, seed);
        long params = r.parameters();
        assertTrue(Math.abs(params - budget) <= 0.05 * budget,
                cell + " has " + params + " recurrent parameters, the budget is " + budget);
        return r.accuracy();
    }

    @Test
    void sequencesCarryTheMarkedValueDistractorsAndAQuery() {
        RecallTask task = new RecallTask(3, 4);
        RecallTask.Batch b = task.sample(5, Rng.seeded(3));
        assertArrayEquals(new int[] {5, 6, 5}, b.inputs().shape().dims());
        float[] x = b.inputs().data();
        for (int s = 0; s < 5; s++) {
            for (int t = 0; t < 6; t++) {
                int base = (s * 6 + t) * 5;
                float symbols = x[base] + x[base + 1] + x[base + 2];
                assertEquals(t == 5 ? 0 : 1, symbols, "one symbol per step before the query");
                assertEquals(t == 0 ? 1 : 0, x[base + 3], "the marker only on the first step");
                assertEquals(t == 5 ? 1 : 0, x[base + 4], "the query only on the last step");
            }
            assertEquals(1, x[s * 30 + b.targets()[s]], "the target is the marked symbol");
        }
        assertArrayEquals(x, task.sample(5, Rng.seeded(3)).inputs().data(), "the same seed gives the same batch");
    }

    @Test
    void runWritesATableAndAccuracyPerGap(@TempDir Path dir) throws IOException {
        RecallConfig c = new RecallConfig(new int[] {1, 2}, 2, 3, 2, 4, 1e-2, 1.0, 8);
        RunResult r;
        try (RunContext ctx = RunContext.open(RunContext.Settings.quiet(dir, 1, DataLocation.of(null, Map.of(), dir)))) {
            r = new RecallExperiment().run(c, ctx);
        }
        assertEquals(RunResult.Status.COMPLETED, r.status());
        assertEquals(3, r.metrics().size(), "one final accuracy per cell: " + r.metrics());
        String table = Files.readString(dir.resolve("samples.md"));
        assertTrue(table.contains("| 1 |") && table.contains("| 2 |") && table.contains("lstm (H="), table);
        String metrics = Files.readString(dir.resolve("metrics.csv"));
        assertTrue(metrics.contains("2,gru/accuracy,"), metrics);
    }
}
