package dev.thirty.papers.rnnreg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.data.DataLocation;
import dev.thirty.experiment.RunContext;
import dev.thirty.experiment.RunResult;
import dev.thirty.io.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AblationExperimentTest {

    @TempDir
    Path tmp;

    private static AblationConfig mechanics() {
        return new AblationConfig(PtbExperimentTest.mechanics(2), 0.3);
    }

    private RunResult run(Path dir, DataLocation data, Checkpoint resume, java.util.function.BooleanSupplier stop)
            throws IOException {
        return PtbRuns.run(new AblationExperiment(), mechanics(), dir, data, resume, stop);
    }

    @Test
    void armsDropWhatTheirNamesSay() {
        AblationConfig.Arm[] arms = mechanics().arms();
        assertEquals(List.of("none", "nonrecurrent", "naive"), List.of(arms[0].name(), arms[1].name(), arms[2].name()));
        assertEquals(0, arms[0].config().dropout());
        assertEquals(0, arms[0].config().recurrentDropout());
        assertEquals(0.3, arms[1].config().dropout());
        assertEquals(0, arms[1].config().recurrentDropout());
        assertEquals(0.3, arms[2].config().dropout());
        assertEquals(0.3, arms[2].config().recurrentDropout());
        AblationConfig a = AblationConfig.ablation();
        assertEquals(35, a.model().seqLength());
        assertEquals(0.5, a.dropout());
    }

    /**
     * All three arms train from the same initial weights and log their curves under their own split names;
     * stopped inside the second arm and resumed, the run ends bit-identical to an uninterrupted one.
     */
    @Test
    void threeArmsLogTheirCurvesAndAResumeInsideTheSecondArmIsExact() throws IOException {
        DataLocation data = PtbRuns.fakePtb(tmp, "");
        RunResult whole = run(tmp.resolve("whole"), data, null, null);
        assertEquals(RunResult.Status.COMPLETED, whole.status());
        List<String> rows = Files.readAllLines(tmp.resolve("whole/metrics.csv"));
        for (String arm : List.of("none", "nonrecurrent", "naive")) {
            assertEquals(2, rows.stream().filter(r -> r.contains(",val-" + arm + "/ppl,")).count(), arm);
            assertEquals(1, rows.stream().filter(r -> r.contains(",test-" + arm + "/ppl,")).count(), arm);
        }
        assertNotEquals(whole.metrics().get("val-none/ppl"), whole.metrics().get("val-nonrecurrent/ppl"));
        assertEquals(whole.metrics().get("val-none/ppl") / whole.metrics().get("val-nonrecurrent/ppl"),
                whole.metrics().get(AblationExperiment.RATIO), 1e-12);
        String report = Files.readString(tmp.resolve("whole/samples.md"));
        assertTrue(report.contains("| no dropout |") && report.contains("| 2 |"), report);

        AtomicInteger calls = new AtomicInteger();
        Path dir = tmp.resolve("parts");
        // an arm is 32 steps, asked whether to stop after each but its last: call 40 is arm 2's step 9
        RunResult first = run(dir, data, null, () -> calls.incrementAndGet() >= 40);
        assertEquals(RunResult.Status.INTERRUPTED, first.status());
        assertEquals(32 + 9, first.step());
        Checkpoint saved = Checkpoint.load(dir.resolve(RunContext.CHECKPOINT_DIR));
        assertEquals(1, (int) saved.tensors().get(AblationExperiment.ARM).data()[0]);
        RunResult rest = run(dir, data, saved, null);
        assertEquals(whole.metrics(), rest.metrics());
        Checkpoint a = Checkpoint.load(tmp.resolve("whole").resolve(RunContext.CHECKPOINT_DIR));
        Checkpoint b = Checkpoint.load(dir.resolve(RunContext.CHECKPOINT_DIR));
        assertEquals(a.tensors().keySet(), b.tensors().keySet());
        a.tensors().forEach((name, t) -> assertArrayEquals(t.data(), b.tensors().get(name).data(), name));
        assertEquals(Files.readString(tmp.resolve("whole/samples.md")), Files.readString(dir.resolve("samples.md")));
    }
}
