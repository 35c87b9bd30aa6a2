package dev.thirty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thirty.data.DataLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranslateCommandTest {

    @TempDir
    Path tmp;

    @Test
    void translatesSentencesFromAShortRunAndNamesBadRequests() throws Exception {
        String env = System.getenv(DataLocation.DATA_ENV);
        assumeTrue(env != null && Files.isDirectory(Path.of(env, "multi30k")),
                "Multi30k not found: set THIRTY_DATA to a folder holding multi30k/");
        MainTest.Outcome trained = MainTest.run("run", "translate", "--preset", "tiny", "--steps", "20", "--threads",
                "1", "--set", "evalSentences=5", "--set", "testSentences=5", "--out", tmp.toString(), "--json");
        assertEquals(0, trained.code(), trained.err());
        String dir = new ObjectMapper().readTree(trained.out()).get("runDir").asText();

        MainTest.Outcome beam = MainTest.run("translate", dir, "Ein Mann fährt Fahrrad.", "Ein Hund läuft.");
        assertEquals(0, beam.code(), beam.err());
        assertEquals(2, beam.out().lines().count(), "one line per sentence:\n" + beam.out());

        MainTest.Outcome greedy = MainTest.run("translate", dir, "Ein Hund läuft.", "--greedy", "--json");
        assertEquals(0, greedy.code(), greedy.err());
        JsonNode pairs = new ObjectMapper().readTree(greedy.out()).get("translations");
        assertEquals("Ein Hund läuft.", pairs.get(0).get("source").asText());
        assertFalse(pairs.get(0).get("translation").asText().isBlank(), greedy.out());

        MainTest.Outcome badBeam = MainTest.run("translate", dir, "Ein Hund.", "--beam", "0");
        assertEquals(2, badBeam.code());
        assertTrue(badBeam.err().contains("--beam"), badBeam.err());
        MainTest.Outcome badSplit = MainTest.run("translate", dir, "--evaluate", "train");
        assertEquals(2, badSplit.code());
        assertTrue(badSplit.err().contains("'train' is not a split") && badSplit.err().contains("test_2016_flickr"),
                badSplit.err());
    }

    @Test
    void translateExplainsWhichRunsItWorksOn() throws Exception {
        MainTest.Outcome trained = MainTest.run("run", "spirals", "--preset", "tiny", "--steps", "10", "--out",
                tmp.toString(), "--json");
        assertEquals(0, trained.code(), trained.err());
        String dir = new ObjectMapper().readTree(trained.out()).get("runDir").asText();
        MainTest.Outcome o = MainTest.run("translate", dir, "Ein Hund.");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("not a translation model"), o.err());
        MainTest.Outcome notARun = MainTest.run("translate", tmp.resolve("nothing").toString(), "Ein Hund.");
        assertEquals(2, notARun.code());
        assertTrue(notARun.err().contains("not a run folder"), notARun.err());
    }
}
