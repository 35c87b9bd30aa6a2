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
    void runSpiralsJsonReportsAccuracy() throws Exception {
        Outcome o = run("run", "spirals", "--steps", "5", "--threads", "1", "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode result = new ObjectMapper().readTree(o.out()).get("result");
        assertEquals(5, result.get("steps").asInt());
        double acc = result.get("testAccuracy").asDouble();
        assertTrue(acc >= 0 && acc <= 1, o.out());
    }
}
