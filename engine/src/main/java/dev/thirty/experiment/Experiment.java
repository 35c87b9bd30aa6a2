package dev.thirty.experiment;

import java.io.IOException;
import java.util.Map;

/**
 * A paper's headline run, as {@code thirty run <name>} runs it.
 *
 * <p>Call order: the command picks a preset from {@link #presets()} (default
 * {@link #defaultPreset()}), applies {@code --set key=value} overrides to it (see
 * {@link ConfigOverrides}; {@code --steps N} is {@code --set steps=N}), records the config in the
 * run folder, then calls {@link #run} once with a {@link RunContext}. {@code run} is the training
 * loop in plain view: it logs metrics, reports progress, saves a checkpoint whenever
 * {@link RunContext#checkpointDue} says so, resumes from {@link RunContext#resumeFrom()} when
 * present, and returns early with {@link RunResult#interrupted} after saving when
 * {@link RunContext#stopRequested()}.
 *
 * @param <C> the configuration: an immutable record that validates itself in its constructor
 */
public interface Experiment<C extends Record> {

    /** The name on the command line, e.g. {@code mlp-mnist}. */
    String name();

    /** A one-line title, e.g. "An MLP on MNIST". */
    String title();

    Citation citation();

    Class<C> configType();

    /** Named configurations, e.g. {@code paper}, {@code cpu}, {@code tiny}; in display order. */
    Map<String, C> presets();

    /** The preset used without {@code --preset}. */
    default String defaultPreset() {
        return "cpu";
    }

    /** The number this experiment is judged by. */
    Headline headline();

    /**
     * The number a run of {@code config} is judged by; by default {@link #headline()}. Experiments whose
     * presets reproduce different reported numbers (one network per preset) override it.
     */
    default Headline headline(C config) {
        return headline();
    }

    /** Trains (or resumes) and evaluates. */
    RunResult run(C config, RunContext context) throws IOException;
}
