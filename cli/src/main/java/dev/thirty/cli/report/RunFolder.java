package dev.thirty.cli.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The read side of a run folder {@code runs/<experiment>-<yyyyMMdd-HHmmss>/}: {@code config.json}
 * (required), {@code metrics.csv} (empty until the first value is logged), {@code result.json}
 * (absent while the run is in progress or if it was killed) and an optional {@code samples.md}.
 * The {@code checkpoint/} folder is not read.
 *
 * @param dir     the folder
 * @param result  empty while the run is in progress or if it was killed
 * @param samples the Markdown the experiment wrote to {@code samples.md}, if any
 */
public record RunFolder(Path dir, RunConfig config, Metrics metrics, Optional<RunResult> result,
        Optional<String> samples) {

    public static final String CONFIG = "config.json";
    public static final String RESULT = "result.json";
    public static final String SAMPLES = "samples.md";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    public RunFolder {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(samples, "samples");
    }

    /**
     * Reads a run folder.
     *
     * @throws RunFolderException naming the folder or file and the problem, e.g.
     *     {@code not a run folder: runs/x (no config.json)} or {@code metrics.csv line 17: ...}
     */
    public static RunFolder read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RunFolderException("not a run folder: " + dir + " (no such directory)");
        }
        Path configFile = dir.resolve(CONFIG);
        if (!Files.isRegularFile(configFile)) {
            throw new RunFolderException("not a run folder: " + dir + " (no " + CONFIG + ")");
        }
        RunConfig config = RunConfig.parse(readJson(configFile));
        Path metricsFile = dir.resolve(MetricsCsv.FILE);
        Metrics metrics = Files.exists(metricsFile) ? MetricsCsv.parse(readText(metricsFile)) : new Metrics(List.of());
        Path resultFile = dir.resolve(RESULT);
        Optional<RunResult> result = Files.exists(resultFile)
                ? Optional.of(RunResult.parse(readJson(resultFile))) : Optional.empty();
        Path samplesFile = dir.resolve(SAMPLES);
        Optional<String> samples = Files.exists(samplesFile) ? Optional.of(readText(samplesFile)) : Optional.empty();
        return new RunFolder(dir, config, metrics, result, samples);
    }

    private static JsonNode readJson(Path file) {
        String text = readText(file);
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new RunFolderException(file.getFileName() + ": not valid JSON" + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new RunFolderException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new RunFolderException("could not read " + file + ": " + e, e);
        }
    }
}
