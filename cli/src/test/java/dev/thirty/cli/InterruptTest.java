package dev.thirty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thirty.io.Checkpoint;
import dev.thirty.testkit.FloatAssert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promises about stopping, tested on a real process: Ctrl-C (SIGINT) saves a checkpoint and
 * records an interrupted result; {@code kill -9} loses at most the steps since the last periodic
 * checkpoint; and either way {@code --resume} ends bit-identical to an uninterrupted run.
 */
class InterruptTest {

    @TempDir
    Path tmp;

    private static final String[] RUN = {"run", "spirals", "--preset", "tiny", "--steps", "2000", "--threads", "1",
        "--checkpoint-every", "100"};

    private Process start(Path out, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--out", out.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("log-" + out.getFileName() + ".txt").toFile()).start();
    }

    private static Path onlyRun(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    /** Waits until the run has committed its first periodic checkpoint. */
    private static void awaitCheckpoint(Path out) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Files.isDirectory(out)) {
                try (Stream<Path> s = Files.list(out)) {
                    if (s.anyMatch(d -> Checkpoint.exists(d.resolve("checkpoint")))) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no checkpoint appeared in " + out);
    }

    private void resumeToEnd(Path out) throws Exception {
        Process p = start(out, "run", "--resume", onlyRun(out).toString());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "resume did not finish");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("log-" + out.getFileName() + ".txt")));
    }

    private static void assertSameFinalWeights(Path a, Path b) throws IOException {
        Checkpoint x = Checkpoint.load(onlyRun(a).resolve("checkpoint"));
        Checkpoint y = Checkpoint.load(onlyRun(b).resolve("checkpoint"));
        assertEquals(x.step(), y.step());
        x.tensors().forEach((n, t) -> FloatAssert.assertIdentical(n, t.data(), y.tensors().get(n).data()));
        assertEquals(Files.readString(onlyRun(a).resolve("metrics.csv")), Files.readString(onlyRun(b).resolve("metrics.csv")));
    }

    @Test
    void ctrlCSavesAndResumeFinishesBitIdentical() throws Exception {
        Path straight = tmp.resolve("straight");
        assertEquals(0, start(straight, RUN).waitFor());

        Path stopped = tmp.resolve("stopped");
        Process p = start(stopped, RUN);
        awaitCheckpoint(stopped);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run did not stop after SIGINT");
        JsonNode result = new ObjectMapper().readTree(onlyRun(stopped).resolve("result.json").toFile());
        assertEquals("interrupted", result.get("status").asText(), result.toString());
        assertTrue(result.get("step").asInt() < 2000, result.toString());

        resumeToEnd(stopped);
        assertSameFinalWeights(straight, stopped);
    }

    @Test
    void killMinus9LosesOnlyTheStepsSinceTheLastCheckpoint() throws Exception {
        Path straight = tmp.resolve("straight9");
        assertEquals(0, start(straight, RUN).waitFor());

        Path killed = tmp.resolve("killed");
        Process p = start(killed, RUN);
        awaitCheckpoint(killed);
        p.destroyForcibly().waitFor();
        assertTrue(Files.notExists(onlyRun(killed).resolve("result.json")));

        resumeToEnd(killed);
        assertSameFinalWeights(straight, killed);
    }
}
