package dev.thirty.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thirty.papers.ntm.NtmConfig;
import dev.thirty.papers.ntm.NtmExperiment;
import org.junit.jupiter.api.Test;

class RunRecordsTest {

    /** A run recorded before the NTM had task, heads, repeats and controller settings. */
    private static final String OLD_CONFIG = """
            {"hidden": 50, "rows": 64, "width": 10, "sequences": 900, "minLength": 2, "maxLength": 5,
             "lr": 1e-4, "momentum": 0.9, "alpha": 0.95, "clip": 10, "evalEvery": 100, "evalSequences": 5,
             "lengths": [7, 9], "model": "ntm", "lstmLayers": 3, "lstmHidden": 54}""";

    private static JsonNode recorded(String preset) throws Exception {
        return new ObjectMapper().readTree("{\"experiment\": \"ntm\", \"preset\": " + preset + ", \"config\": "
                + OLD_CONFIG + "}");
    }

    @Test
    void settingsAddedAfterARunWasRecordedTakeItsPresetsValues() throws Exception {
        NtmConfig c = RunRecords.config(new NtmExperiment(), recorded("\"recall\""));
        assertEquals(50, c.hidden(), "what was recorded is kept");
        assertArrayEquals(new int[] {7, 9}, c.lengths());
        assertEquals("recall", c.task(), "what was not is the recorded preset's");
        assertEquals("lstm", c.controller());
        assertEquals(1, c.readHeads());
        assertEquals(10, c.maxRepeats());
        NtmConfig unknown = RunRecords.config(new NtmExperiment(), recorded("\"gone\""));
        assertEquals("copy", unknown.task(), "a preset no longer there falls back to the default preset");
        assertEquals(64, unknown.rows());
    }
}
