package dev.thirty.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thirty.experiment.Experiment;
import dev.thirty.experiment.Headline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code thirty list}: every experiment with its paper, headline target and last result here. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the experiments: paper, headline target, and the last result in --out.")
final class ListCommand implements Runnable {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
            description = "Where run folders are (default: ${DEFAULT-VALUE}).")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter w = spec.commandLine().getOut();
        for (Experiment<?> e : Experiments.all()) {
            var h = e.headline();
            w.printf(Locale.ROOT, "%-12s %s%n", e.name(), e.title());
            w.printf(Locale.ROOT, "%-12s   paper: %s%n", "", e.citation().text());
            String paper = Double.isNaN(h.paper()) ? "gives no number" : String.format(Locale.ROOT, "%.4g", h.paper());
            w.printf(Locale.ROOT, "%-12s   headline: %s, paper %s, target %s %.4g%n", "", h.metric(), paper,
                    h.direction() == Headline.Direction.HIGHER ? ">=" : "<=", h.target());
            w.printf(Locale.ROOT, "%-12s   last result: %s%n", "", lastResult(e).orElse("none yet"));
        }
        w.flush();
    }

    /** The newest completed run of {@code e} under {@code --out}: its headline value and folder. */
    private Optional<String> lastResult(Experiment<?> e) {
        if (!Files.isDirectory(out)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(out)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(e.name() + "-"))
                    .filter(d -> Files.isRegularFile(d.resolve(RunRecords.RESULT)))
                    .sorted(Comparator.comparing((Path d) -> d.getFileName().toString()).reversed())
                    .map(d -> describe(d, e))
                    .flatMap(Optional::stream)
                    .findFirst();
        } catch (IOException ex) {
            return Optional.empty();
        }
    }

    private static Optional<String> describe(Path dir, Experiment<?> e) {
        try {
            JsonNode r = RunRecords.JSON.readTree(dir.resolve(RunRecords.RESULT).toFile());
            JsonNode ours = r.path("headline").path("ours");
            if (!"completed".equals(r.path("status").asText()) || !ours.isNumber()) {
                return Optional.empty();
            }
            String met = judgedBy(r.path("headline"), e).met(ours.asDouble()) ? "met" : "not met";
            return Optional.of(String.format(Locale.ROOT, "%.4g (%s) in %s", ours.asDouble(), met, dir));
        } catch (IOException ex) {
            return Optional.empty();
        }
    }

    /**
     * The headline a run was judged by, as its result records it (a preset may have its own: the
     * 80sec net's 27%, not the 18pct net's 19%); the experiment's when the record lacks it.
     */
    private static Headline judgedBy(JsonNode h, Experiment<?> e) {
        JsonNode target = h.path("target");
        JsonNode direction = h.path("direction");
        if (!target.isNumber() || !direction.isTextual()) {
            return e.headline();
        }
        try {
            return new Headline(h.path("metric").asText(), h.path("paper").asDouble(Double.NaN), target.asDouble(),
                    Headline.Direction.valueOf(direction.asText()), h.path("paperNote").asText(""));
        } catch (IllegalArgumentException bad) {
            return e.headline();
        }
    }
}
