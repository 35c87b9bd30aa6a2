package dev.thirty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PtbBenchTest {

    @Test
    void figuresAndRatiosAgainstTheReference(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("ptb.json");
        Files.writeString(reference, """
                {"torch": "1.13.0", "results": [{"config": "small", "threads": 1, "words_per_s": 1000.0}]}
                """);
        MainTest.Outcome o = MainTest.run("bench", "ptb-lstm", "--threads", "1", "--configs", "small", "--seconds",
                "0.05", "--reference", reference.toString(), "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode r = new ObjectMapper().readTree(o.out()).get("results").get(0);
        double ours = r.get("wordsPerSecond").asDouble();
        assertTrue(ours > 0, o.out());
        assertEquals(ours / 1000.0, r.get("ratio").asDouble(), 1e-9);
        double share = r.get("decoderShare").asDouble();
        assertTrue(share > 0 && share < 1.5, "decoder share " + share);
        assertTrue(o.err().contains("words/s"), o.err());
    }

    @Test
    void anUnknownConfigurationAndABadReferenceAreNamed(@TempDir Path tmp) throws Exception {
        MainTest.Outcome o = MainTest.run("bench", "ptb-lstm", "--configs", "huge");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("unknown 'huge'"), o.err());
        Path reference = tmp.resolve("conv.json");
        Files.writeString(reference, "{\"results\": [{\"key\": \"lenet5\"}]}");
        o = MainTest.run("bench", "ptb-lstm", "--reference", reference.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("without config, threads and words_per_s") && o.err().contains("conv.json"),
                o.err());
    }
}
