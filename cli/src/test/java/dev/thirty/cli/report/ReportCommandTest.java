package dev.thirty.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thirty.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code thirty report} through {@link Main#execute}, as a user runs it. */
class ReportCommandTest {

    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    static Outcome thirty(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void printsThePathOfTheRenderedReport() {
        SampleRun.completed(dir);
        Outcome o = thirty("report", dir.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals(dir.resolve("report.md").toString(), o.out().strip());
        assertTrue(Files.isRegularFile(dir.resolve("loss.png")));
    }

    @Test
    void jsonNamesTheReportAndEveryPlot() throws Exception {
        SampleRun.completed(dir);
        Outcome o = thirty("report", dir.toString(), "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode root = new ObjectMapper().readTree(o.out());
        assertEquals(dir.resolve("report.md").toString(), root.get("report").asText());
        assertEquals(3, root.get("plots").size());
        assertEquals(dir.resolve("loss.png").toString(), root.get("plots").get(0).asText());
    }

    @Test
    void aFolderWithoutConfigIsAOneLineErrorWithExitCode2() {
        Outcome o = thirty("report", dir.toString());
        assertEquals(2, o.code());
        assertEquals("thirty: not a run folder: " + dir + " (no config.json)", o.err().strip());
        assertEquals("", o.out());
    }

    @Test
    void aMalformedMetricsFileIsAOneLineErrorNamingTheLine() {
        SampleRun.completed(dir);
        SampleRun.write(dir, "metrics.csv", "step,metric,value\n1,train/loss,oops\n");
        Outcome o = thirty("report", dir.toString());
        assertEquals(2, o.code());
        assertEquals("thirty: metrics.csv line 2: value 'oops' is not a decimal number or NaN", o.err().strip());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void aReportThatCannotBeWrittenIsAOneLineError() throws Exception {
        SampleRun.completed(dir);
        Files.createDirectory(dir.resolve("report.md"));
        Outcome o = thirty("report", dir.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("thirty: could not write " + dir.resolve("report.md")), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
    }

    @Test
    void aMissingRunDirArgumentShowsTheUsage() {
        Outcome o = thirty("report");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("Usage:") && o.err().contains("RUN-DIR"), o.err());
    }
}
