package dev.thirty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    /** Exit code, standard output and standard error of one command line. */
    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void versionNamesTheProjectAndRuntime() {
        Outcome o = run("--version");
        assertEquals(0, o.code());
        assertTrue(o.out().startsWith("thirty "), o.out());
        assertTrue(o.out().contains("kernels"), o.out());
    }

    @Test
    void helpListsTheCommands() {
        Outcome o = run("--help");
        assertEquals(0, o.code());
        for (String cmd : new String[] {"list", "run", "report", "bench"}) {
            assertTrue(o.out().contains(cmd), "help should mention " + cmd + ":\n" + o.out());
        }
    }

    @Test
    void unknownFlagIsAOneLineErrorWithUsageAndExitCode2() {
        Outcome o = run("run", "spirals", "--stepz", "3");
        assertEquals(2, o.code());
        String first = o.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("thirty: ") && first.contains("--stepz"), o.err());
        assertTrue(o.err().contains("Usage:"), o.err());
        assertFalse(o.err().contains("Exception"), "no stack trace for user errors:\n" + o.err());
    }

    @Test
    void badValuesNameTheFlag() {
        Outcome steps = run("run", "spirals", "--steps", "0");
        assertEquals(2, steps.code());
        assertTrue(steps.err().contains("--steps"), steps.err());
        Outcome notNumber = run("run", "spirals", "--seed", "abc");
        assertEquals(2, notNumber.code());
        assertTrue(notNumber.err().contains("--seed"), notNumber.err());
    }

    @Test
    void unknownExperimentListsTheAvailableOnes() {
        Outcome o = run("run", "nosuch");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("unknown experiment 'nosuch'") && o.err().contains("spirals"), o.err());
    }

    @Test
    void benchGemmJsonIsOneParsableObject() throws Exception {
        Outcome o = run("bench", "gemm", "--shape", "48,40,32", "--threads", "1", "--seconds", "0.02", "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode root = new ObjectMapper().readTree(o.out());
        JsonNode r = root.get("results").get(0);
        assertEquals(48, r.get("m").asInt());
        assertTrue(r.get("gflops").asDouble() > 0, o.out());
    }

    @Test
    void runWritesARunFolderAndJsonResult(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        Outcome o = run("run", "spirals", "--preset", "tiny", "--steps", "30", "--threads", "1",
                "--out", tmp.toString(), "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode result = new ObjectMapper().readTree(o.out());
        assertEquals("completed", result.get("status").asText());
        assertEquals(30, result.get("step").asInt());
        assertTrue(o.err().contains("kernels, 1 thread)"), "the banner names the run's threads: " + o.err());
        double acc = result.get("headline").get("ours").asDouble();
        assertTrue(acc >= 0 && acc <= 1, o.out());
        java.nio.file.Path dir = java.nio.file.Path.of(result.get("runDir").asText());
        for (String f : new String[] {"config.json", "metrics.csv", "result.json", "checkpoint/checkpoint.json"}) {
            assertTrue(java.nio.file.Files.exists(dir.resolve(f)), "missing " + f + " in " + dir);
        }
        JsonNode config = new ObjectMapper().readTree(dir.resolve("config.json").toFile());
        assertEquals(30, config.get("config").get("steps").asInt());
        assertEquals("30", config.get("overrides").get("steps").asText());

        Outcome again = run("run", "--resume", dir.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already completed"), again.err());

        java.nio.file.Path started = java.nio.file.Files.createDirectory(tmp.resolve("started"));
        java.nio.file.Files.copy(dir.resolve("config.json"), started.resolve("config.json"));
        Outcome early = run("run", "--resume", started.toString());
        assertEquals(2, early.code());
        assertTrue(early.err().contains("has no checkpoint yet; start the run again"), early.err());
    }

    @Test
    void badSettingsAreRejectedNamingTheSetting() {
        Outcome unknown = run("run", "spirals", "--set", "hiddn=3");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no setting 'hiddn'") && unknown.err().contains("hidden"), unknown.err());
        Outcome badType = run("run", "spirals", "--set", "lr=fast");
        assertEquals(2, badType.code());
        assertTrue(badType.err().contains("lr is a number"), badType.err());
        Outcome invalid = run("run", "spirals", "--set", "lr=-1");
        assertEquals(2, invalid.code());
        assertTrue(invalid.err().contains("lr"), invalid.err());
        Outcome preset = run("run", "spirals", "--preset", "huge");
        assertEquals(2, preset.code());
        assertTrue(preset.err().contains("presets: cpu, tiny"), preset.err());
    }

    @Test
    void sampleExplainsWhichRunsItWorksOn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        Outcome trained = run("run", "spirals", "--preset", "tiny", "--steps", "10", "--out", tmp.toString(), "--json");
        assertEquals(0, trained.code(), trained.err());
        String dir = new ObjectMapper().readTree(trained.out()).get("runDir").asText();
        Outcome o = run("sample", dir, "--prime", "ROMEO:");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("has no sampler; sample works on runs of text experiments and of ntm"), o.err());
        Outcome notARun = run("sample", tmp.resolve("nothing").toString());
        assertEquals(2, notARun.code());
        assertTrue(notARun.err().contains("not a run folder"), notARun.err());
        Outcome badTemperature = run("sample", dir, "--temperature", "0");
        assertEquals(2, badTemperature.code());
        assertTrue(badTemperature.err().contains("--temperature"), badTemperature.err());
    }

    @Test
    void everyBenchPrintsOneParsableJsonObject() throws Exception {
        Outcome coffee = run("bench", "coffee", "--n", "20", "--moves", "200000", "--json");
        assertEquals(0, coffee.code(), coffee.err());
        assertTrue(new ObjectMapper().readTree(coffee.out()).get("interactingMovesPerCpuSecond").asDouble() > 0);
        Outcome lstm = run("bench", "charrnn", "--threads", "1", "--seconds", "0.2", "--json");
        assertEquals(0, lstm.code(), lstm.err());
        JsonNode r = new ObjectMapper().readTree(lstm.out()).get("results").get(0);
        assertTrue(r.get("fusedTokensPerSecond").asDouble() > 0, lstm.out());
    }
}
