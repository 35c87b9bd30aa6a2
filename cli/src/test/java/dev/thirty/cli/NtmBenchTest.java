package dev.thirty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NtmBenchTest {

    @Test
    void figuresAndRatiosAgainstTheReference(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("ntm.json");
        Files.writeString(reference, """
                {"torch": "1.13.0", "threads": 1, "sequences_per_s": 2.0, "forward_sequences_per_s": 4.0}
                """);
        MainTest.Outcome o = MainTest.run("bench", "ntm", "--sequences", "2", "--reps", "1", "--warmup", "0",
                "--reference", reference.toString(), "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode r = new ObjectMapper().readTree(o.out());
        double ours = r.get("trainingSequencesPerSecond").asDouble();
        assertTrue(ours > 0 && r.get("forwardSequencesPerSecond").asDouble() > ours, o.out());
        assertEquals(ours / 2.0, r.get("trainingRatio").asDouble(), 1e-9);
        assertTrue(o.err().contains("ours / PyTorch"), o.err());
    }

    @Test
    void aReferenceOfTheWrongShapeIsNamed(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("conv.json");
        Files.writeString(reference, "{\"results\": []}");
        MainTest.Outcome o = MainTest.run("bench", "ntm", "--reference", reference.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("has no sequences_per_s") && o.err().contains("conv.json"), o.err());
    }
}
