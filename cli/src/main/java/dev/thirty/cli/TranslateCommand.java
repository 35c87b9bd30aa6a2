package dev.thirty.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thirty.data.DataLocation;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Translator;
import dev.thirty.io.Checkpoint;
import dev.thirty.kernels.ComputePool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code thirty translate <run-dir> "Ein Mann fährt Fahrrad."}: translates with a trained run of a
 * translation experiment; beam search by default, {@code --greedy} for greedy decoding;
 * {@code --evaluate SPLIT} scores the run on a split of its data set instead.
 */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = {"Translate sentences with a trained run of a translation experiment.",
                "Sentences come from the arguments, or one per line from standard input when none is given."})
final class TranslateCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder with a checkpoint.")
    Path runDir;

    @Parameters(index = "1..*", paramLabel = "SENTENCE", description = "Sentences to translate.")
    List<String> sentences = new ArrayList<>();

    @Option(names = "--beam", defaultValue = "4", description = "Beam size (default: ${DEFAULT-VALUE}).")
    int beam;

    @Option(names = "--length-penalty", defaultValue = "0.6",
            description = "Length penalty alpha, ((5 + |Y|) / 6)^alpha (default: ${DEFAULT-VALUE}; 0: none).")
    double lengthPenalty;

    @Option(names = "--greedy", description = "Greedy decoding instead of beam search.")
    boolean greedy;

    @Option(names = "--evaluate", paramLabel = "SPLIT",
            description = "Translate a whole split of the run's data set (e.g. val, test_2016_flickr) and print"
                    + " its corpus score instead.")
    String evaluate;

    @Option(names = "--data", paramLabel = "DIR", description = "Where data sets are (for --evaluate).")
    Path data;

    @Option(names = "--threads", paramLabel = "T",
            description = "Compute threads (default: THIRTY_THREADS, else all cores).")
    Integer threads;

    @Option(names = "--json", description = "Print the result as one JSON object on standard output.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Translator.Request request = new Translator.Request(
                greedy ? Translator.Decoding.GREEDY : Translator.Decoding.BEAM, beam, lengthPenalty);
        if (evaluate != null && !sentences.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "translate: give sentences or --evaluate SPLIT, not both");
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads: must be at least 1, got "
                    + threads);
        }
        try (ComputePool pool = ComputePool.ofThreads(threads != null ? threads : ComputePool.configuredThreads())) {
            pool.call(() -> {
                execute(request);
                return null;
            });
        }
    }

    private void execute(Translator.Request request) {
        try {
            JsonNode recorded = RunRecords.readConfig(runDir);
            Experiment<?> e = Experiments.ofRun(runDir, recorded);
            PrintWriter out = spec.commandLine().getOut();
            if (evaluate != null) {
                printEvaluation(out, evaluate(e, recorded, request));
            } else {
                List<String> input = sentences.isEmpty() ? readStdin() : sentences;
                printTranslations(out, input, translate(e, recorded, input, request));
            }
            out.flush();
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
    }

    private void printTranslations(PrintWriter out, List<String> input, List<String> output) {
        if (json) {
            List<Map<String, String>> pairs = new ArrayList<>();
            for (int i = 0; i < input.size(); i++) {
                pairs.add(Map.of("source", input.get(i), "translation", output.get(i)));
            }
            JsonOutput.print(out, Map.of("runDir", runDir.toString(), "translations", pairs));
        } else {
            output.forEach(out::println);
        }
    }

    private void printEvaluation(PrintWriter out, Translator.Evaluation ev) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runDir", runDir.toString());
            m.put("split", ev.split());
            m.put("sentences", ev.sentences());
            m.put(ev.metric(), ev.score());
            m.put("detail", ev.detail());
            JsonOutput.print(out, m);
        } else {
            out.printf("%s on %s (%d sentences): %.2f%n%s%n", ev.metric(), ev.split(), ev.sentences(), ev.score(),
                    ev.detail());
        }
    }

    private static List<String> readStdin() throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    private <C extends Record> List<String> translate(Experiment<C> e, JsonNode recorded, List<String> input,
                                                      Translator.Request request) throws IOException {
        Translator<C> t = translator(e);
        return t.translate(RunRecords.config(e, recorded), checkpoint(), input, request);
    }

    private <C extends Record> Translator.Evaluation evaluate(Experiment<C> e, JsonNode recorded,
                                                              Translator.Request request) throws IOException {
        Translator<C> t = translator(e);
        if (!t.splits().contains(evaluate)) {
            throw new IllegalArgumentException("--evaluate: '" + evaluate + "' is not a split of this run's data; use"
                    + " one of " + t.splits());
        }
        DataLocation where = DataLocation.of(data, System.getenv(), Path.of(System.getProperty("user.home")));
        return t.evaluate(RunRecords.config(e, recorded), checkpoint(), where, evaluate, request);
    }

    @SuppressWarnings("unchecked")
    private static <C extends Record> Translator<C> translator(Experiment<C> e) {
        if (!(e instanceof Translator<?>)) {
            throw new IllegalArgumentException("translate: '" + e.name() + "' is not a translation model; translate"
                    + " works on runs of translation experiments (see 'thirty list')");
        }
        return (Translator<C>) e;
    }

    private Checkpoint checkpoint() throws IOException {
        return RunRecords.checkpoint(runDir, "translate", "");
    }
}
