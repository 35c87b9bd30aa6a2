package dev.thirty.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Sampler;
import dev.thirty.io.Checkpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code thirty sample <run-dir>}: generates text from a trained text model's checkpoint, or runs a
 * trained NTM on a new episode of {@code --length}.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Generate text from a trained run of a text experiment, or run a trained ntm on a new"
                + " episode of size --length (printed, and drawn into the run folder).")
final class SampleCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder with a checkpoint.")
    Path runDir;

    @Option(names = "--prime", defaultValue = "", description = "Text to start from.")
    String prime;

    @Option(names = "--length", defaultValue = "500",
            description = "Tokens to generate; for ntm, the episode's size (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", description = "Sample among the k likeliest tokens only (0: all).")
    int topK;

    @Option(names = "--seed", defaultValue = "42", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the result as one JSON object on standard output.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Sampler.Request request = new Sampler.Request(prime, length, temperature, topK, seed);
        try {
            JsonNode recorded = RunRecords.readConfig(runDir);
            Experiment<?> e = Experiments.ofRun(runDir, recorded);
            String text = sample(e, runDir, recorded, request);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.print(out, Map.of("runDir", runDir.toString(), "text", text));
            } else {
                out.println(text);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <C extends Record> String sample(Experiment<C> e, Path dir, JsonNode recorded,
                                                    Sampler.Request request) throws IOException {
        if (!(e instanceof Sampler<?>)) {
            throw new IllegalArgumentException("sample: '" + e.name() + "' has no sampler; sample works on runs of"
                    + " text experiments and of ntm");
        }
        Checkpoint checkpoint = RunRecords.checkpoint(dir, "sample", "");
        return ((Sampler<C>) e).sample(RunRecords.config(e, recorded), checkpoint, request, dir);
    }
}
