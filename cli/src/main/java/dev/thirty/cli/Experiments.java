package dev.thirty.cli;

import dev.thirty.cli.demo.SpiralsExperiment;
import com.fasterxml.jackson.databind.JsonNode;
import dev.thirty.experiment.Experiment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every experiment {@code thirty run} knows, in the order {@code thirty list} shows them. */
final class Experiments {

    private static final List<Experiment<?>> ALL = List.of(
            new dev.thirty.papers.mnist.MlpMnistExperiment(),
            new dev.thirty.papers.alexnet.LeNetExperiment(),
            new dev.thirty.papers.alexnet.AlexNetCifarExperiment(),
            new dev.thirty.papers.alexnet.AlexNetExperiment(),
            new dev.thirty.papers.charrnn.CharRnnExperiment(),
            new dev.thirty.papers.lstm.RecallExperiment(),
            new dev.thirty.papers.rnnreg.PtbExperiment(),
            new dev.thirty.papers.rnnreg.AblationExperiment(),
            new dev.thirty.papers.transformer.CopyTaskExperiment(),
            new dev.thirty.papers.transformer.translate.TranslateExperiment(),
            new dev.thirty.papers.gpt.GptCharExperiment(),
            new dev.thirty.papers.coffee.CoffeeExperiment(),
            new dev.thirty.papers.coffee.CoffeeScalingExperiment(),
            new dev.thirty.papers.kolmogorov.KolmogorovExperiment(),
            new dev.thirty.papers.gpipe.GpipeExperiment(),
            new dev.thirty.papers.ntm.NtmExperiment(),
            new SpiralsExperiment());

    private Experiments() {
    }

    static List<Experiment<?>> all() {
        return ALL;
    }

    static Optional<Experiment<?>> byName(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The experiment a run folder's recorded config names, or an error naming the run and the experiment. */
    static Experiment<?> ofRun(Path runDir, JsonNode recorded) {
        String name = recorded.path("experiment").asText();
        return byName(name).orElseThrow(() -> new IllegalArgumentException(
                runDir + " is a run of '" + name + "', which this version does not know"));
    }

    static Map<String, String> titles() {
        Map<String, String> out = new LinkedHashMap<>();
        ALL.forEach(e -> out.put(e.name(), e.title()));
        return out;
    }
}
