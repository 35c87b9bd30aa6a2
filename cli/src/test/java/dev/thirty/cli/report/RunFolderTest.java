package dev.thirty.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    @TempDir
    Path dir;

    @Test
    void readsConfigMetricsAndResultOfACompletedRun() {
        RunFolder run = RunFolder.read(SampleRun.completed(dir));
        RunConfig c = run.config();
        assertEquals("mlp-mnist", c.experiment());
        assertEquals(42, c.seed());
        assertEquals(Optional.of(6000L), c.machine().maxHeapMb());
        assertEquals("0.05", c.overrides().get("lr"));
        assertEquals("cosine", c.settings().get("schedule.kind"), "nested objects become dotted keys");
        assertEquals("[784,800,10]", c.settings().get("layers"));
        assertEquals(List.of("lr", "train/loss", "val/loss", "val/accuracy", "test/accuracy"),
                run.metrics().series().stream().map(Metrics.Series::name).toList());
        assertTrue(Double.isNaN(run.metrics().get("train/loss").orElseThrow().points().get(2).value()));
        RunResult r = run.result().orElseThrow();
        assertEquals(RunResult.Status.COMPLETED, r.status());
        assertEquals(RunResult.Direction.HIGHER, r.headline().orElseThrow().direction());
    }

    @Test
    void aRunWithoutResultJsonHasNoResult() {
        SampleRun.write(dir, "config.json", SampleRun.CONFIG);
        SampleRun.write(dir, "metrics.csv", SampleRun.METRICS);
        assertEquals(Optional.empty(), RunFolder.read(dir).result());
    }

    @Test
    void aFolderWithoutConfigJsonIsNotARunFolder() {
        SampleRun.write(dir, "metrics.csv", SampleRun.METRICS);
        RunFolderException e = assertThrows(RunFolderException.class, () -> RunFolder.read(dir));
        assertEquals("not a run folder: " + dir + " (no config.json)", e.getMessage());
    }

    @Test
    void aMissingFolderSaysSo() {
        Path missing = dir.resolve("nosuch");
        RunFolderException e = assertThrows(RunFolderException.class, () -> RunFolder.read(missing));
        assertEquals("not a run folder: " + missing + " (no such directory)", e.getMessage());
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsNamesItsLine() {
        assertEquals("metrics.csv line 3: expected step,metric,value, got '10,train/loss'",
                metricsError("step,metric,value\n0,train/loss,2.3\n10,train/loss\n"));
    }

    @Test
    void badStepsMetricsAndValuesNameTheirLine() {
        assertEquals("metrics.csv line 2: step 'ten' is not a whole number >= 0",
                metricsError("step,metric,value\nten,train/loss,2.3\n"));
        assertEquals("metrics.csv line 2: metric 'train loss' is not a name like train/loss",
                metricsError("step,metric,value\n1,train loss,2.3\n"));
        assertEquals("metrics.csv line 2: value '2.3x' is not a decimal number or NaN",
                metricsError("step,metric,value\n1,train/loss,2.3x\n"));
    }

    @Test
    void stepsGoingBackwardsForOneMetricNameTheLine() {
        assertEquals("metrics.csv line 4: step 5 of train/loss does not come after step 10",
                metricsError("step,metric,value\n10,train/loss,1\n5,val/loss,1\n5,train/loss,1\n"));
    }

    @Test
    void aMissingHeaderIsNamed() {
        assertEquals("metrics.csv line 1: expected the header step,metric,value, got '0,train/loss,2.3'",
                metricsError("0,train/loss,2.3\n"));
    }

    @Test
    void anUnterminatedLastLineIsTakenAsStillBeingWritten() {
        SampleRun.write(dir, "config.json", SampleRun.CONFIG);
        SampleRun.write(dir, "metrics.csv", "step,metric,value\n0,train/loss,2.3\n10,train/lo");
        Metrics m = RunFolder.read(dir).metrics();
        assertEquals(1, m.series().size());
        assertEquals(1, m.series().getFirst().points().size());
    }

    @Test
    void windowsLineEndingsAndBlankLinesAreAccepted() {
        SampleRun.write(dir, "config.json", SampleRun.CONFIG);
        SampleRun.write(dir, "metrics.csv", "step,metric,value\r\n0,train/loss,2.3\r\n\r\n10,train/loss,1e-1\r\n");
        assertEquals(List.of(new Metrics.Point(0, 2.3), new Metrics.Point(10, 0.1)),
                RunFolder.read(dir).metrics().get("train/loss").orElseThrow().points());
    }

    @Test
    void aMissingConfigFieldIsNamed() {
        SampleRun.write(dir, "config.json", SampleRun.CONFIG.replace("\"seed\": 42,", ""));
        RunFolderException e = assertThrows(RunFolderException.class, () -> RunFolder.read(dir));
        assertEquals("config.json: missing field 'seed'", e.getMessage());
    }

    @Test
    void invalidJsonNamesTheFileAndLine() {
        SampleRun.completed(dir);
        SampleRun.write(dir, "result.json", "{\"status\": \"completed\",\n \"step\": }");
        RunFolderException e = assertThrows(RunFolderException.class, () -> RunFolder.read(dir));
        assertTrue(e.getMessage().startsWith("result.json: not valid JSON at line 2: "), e.getMessage());
    }

    @Test
    void anUnknownStatusListsTheKnownOnes() {
        SampleRun.completed(dir);
        SampleRun.write(dir, "result.json", SampleRun.RESULT.replace("\"completed\"", "\"exploded\""));
        RunFolderException e = assertThrows(RunFolderException.class, () -> RunFolder.read(dir));
        assertEquals("result.json: field 'status' must be one of [COMPLETED, INTERRUPTED] (any case), got 'exploded'",
                e.getMessage());
    }

    private String metricsError(String csv) {
        SampleRun.write(dir, "config.json", SampleRun.CONFIG);
        SampleRun.write(dir, "metrics.csv", csv);
        return assertThrows(RunFolderException.class, () -> RunFolder.read(dir)).getMessage();
    }
}
