package dev.thirty.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void headlineTableGivesPaperTargetOursAndMet() {
        String md = markdown(SampleRun.completed(dir));
        assertContains(md, "| metric | paper | target | ours | |");
        assertContains(md, "| test/accuracy | 0.984 | ≥ 0.97 | 0.978 | ✓ met |");
        assertContains(md, "The paper's number: 2-layer MLP, 800 hidden units (Simard et al. 2003)");
    }

    @Test
    void aLowerIsBetterHeadlineAboveItsTargetIsNotMet() {
        SampleRun.completed(dir);
        SampleRun.write(dir, "result.json", SampleRun.RESULT
                .replace("\"metric\": \"test/accuracy\", \"ours\": 0.978", "\"metric\": \"val/loss\", \"ours\": 0.0712")
                .replace("\"target\": 0.97, \"direction\": \"HIGHER\"", "\"target\": 0.05, \"direction\": \"LOWER\""));
        assertContains(markdown(dir), "| val/loss | 0.984 | ≤ 0.05 | 0.0712 | ✗ not met |");
    }

    @Test
    void oursJustShortOfTheTargetShowsEnoughDigitsToSeeIt() {
        SampleRun.completed(dir);
        SampleRun.write(dir, "result.json", SampleRun.RESULT.replace("\"ours\": 0.978", "\"ours\": 0.96996"));
        assertContains(markdown(dir), "| ≥ 0.97 | 0.96996 | ✗ not met |");
    }

    @Test
    void aRunStoppedBeforeItsFinalMeasurementStillGetsAReport() {
        SampleRun.completed(dir);
        SampleRun.write(dir, "result.json", SampleRun.RESULT
                .replace("\"status\": \"completed\"", "\"status\": \"interrupted\"")
                .replace("\"ours\": 0.978", "\"ours\": null"));
        String md = markdown(dir);
        assertContains(md, "| test/accuracy | 0.984 | ≥ 0.97 | — | not measured: the run stopped before its final"
                + " measurement |");
        assertContains(md, "| status | interrupted at step 30 |");
    }

    @Test
    void titleCitationAndRunDetailsAreGiven() {
        String md = markdown(SampleRun.completed(dir));
        assertTrue(md.startsWith("# An MLP on MNIST\n"), md);
        assertContains(md, "Experiment `mlp-mnist`");
        assertContains(md, "**Paper:** [LeCun, Bottou, Bengio and Haffner (1998). Gradient-based learning applied to"
                + " document recognition.](http://yann.lecun.com/exdb/publis/pdf/lecun-98.pdf)");
        assertContains(md, "| status | completed at step 30 |");
        assertContains(md, "| wall time | 1 min 13 s |");
        assertContains(md, "| machine | Linux 6.1, amd64, 2 CPUs (Intel(R) Xeon(R) Test CPU), max heap 6000 MB |");
        assertContains(md, "| JDK | 25.0.3+9-LTS |");
        assertContains(md, "| threads | 2 |");
        assertContains(md, "| kernels | vector |");
        assertContains(md, "| commit | abc1234 |");
        assertContains(md, "| seed | 42 |");
    }

    @Test
    void configTableMarksTheOverrides() {
        String md = markdown(SampleRun.completed(dir));
        assertContains(md, "Preset `cpu`");
        assertContains(md, "| lr | 0.05 | override: `--set lr=0.05` |");
        assertContains(md, "| hidden | 800 |  |");
        assertContains(md, "| schedule.warmup | 10 |  |");
    }

    @Test
    void finalMetricsPreferResultJsonOverTheLastCsvRow() {
        String md = markdown(SampleRun.completed(dir));
        assertContains(md, "| val/loss | 30 | 0.07 |");
        assertContains(md, "| train/loss | 30 | 0.12 |");
        assertContains(md, "| lr | 20 | 0.025 |");
        assertContains(md, "| test/accuracy | 30 | 0.978 |");
    }

    @Test
    void plotsAreEmbeddedByFileName() {
        String md = render(SampleRun.completed(dir));
        assertContains(md, "![loss](loss.png)");
        assertContains(md, "![accuracy](accuracy.png)");
        assertContains(md, "![lr](lr.png)");
        assertFalse(md.contains(dir.toString()), "no absolute paths in the report");
    }

    @Test
    void aRunWithoutResultJsonIsInProgress() {
        SampleRun.write(dir, "config.json", SampleRun.CONFIG);
        SampleRun.write(dir, "metrics.csv", SampleRun.METRICS);
        String md = markdown(dir);
        assertContains(md, "| status | in progress / no result.json; last logged step 30 |");
        assertContains(md, "No result yet");
    }

    @Test
    void samplesMdIsIncludedUnderItsHeading() {
        SampleRun.completed(dir);
        SampleRun.write(dir, "samples.md", "Generated at step 30:\n\n```\nthe cat sat\n```\n");
        assertTrue(markdown(dir).endsWith("## Samples\n\nGenerated at step 30:\n\n```\nthe cat sat\n```\n"));
    }

    @Test
    void renderingAgainGivesTheSameReport() throws IOException {
        SampleRun.completed(dir);
        Path report = RunReport.render(dir).report();
        String first = Files.readString(report);
        assertEquals(first, Files.readString(RunReport.render(dir).report()));
        assertEquals(dir.resolve("report.md"), report);
    }

    /** The report without drawing plots, which most tests do not need. */
    private static String markdown(Path runDir) {
        return ReportWriter.markdown(RunFolder.read(runDir), List.of());
    }

    private static String render(Path runDir) {
        try {
            return Files.readString(RunReport.render(runDir).report());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertContains(String md, String expected) {
        assertTrue(md.contains(expected), "expected report.md to contain\n  " + expected + "\nbut it was:\n" + md);
    }
}
