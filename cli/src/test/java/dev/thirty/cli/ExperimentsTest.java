package dev.thirty.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.experiment.Experiment;
import org.junit.jupiter.api.Test;

class ExperimentsTest {

    @Test
    void everyExperimentsDefaultPresetIsOneOfItsPresets() {
        for (Experiment<?> e : Experiments.all()) {
            assertTrue(e.presets().containsKey(e.defaultPreset()), e.name() + ": default preset '" + e.defaultPreset()
                    + "' is not among " + e.presets().keySet() + ", so 'thirty run " + e.name() + "' fails");
        }
    }
}
