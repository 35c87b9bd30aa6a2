package dev.thirty.experiment;

import dev.thirty.io.Checkpoint;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The capability of a text experiment to generate from a trained run, as
 * {@code thirty sample <run-dir>} uses it: the experiment rebuilds its model from the run's
 * config and checkpoint and continues {@link Request#prime()}.
 *
 * @param <C> the experiment's configuration record
 */
public interface Sampler<C extends Record> {

    /**
     * What to generate.
     *
     * @param prime       the text to start from (may be empty)
     * @param length      how many tokens to generate after the prime
     * @param temperature divides the logits before sampling; must be positive
     * @param topK        sample only among the k most likely tokens (0: all)
     * @param seed        seeds the sampling
     */
    record Request(String prime, int length, double temperature, int topK, long seed) {
        public Request {
            if (prime == null) {
                prime = "";
            }
            if (length < 0) {
                throw new IllegalArgumentException("--length: must be 0 or more, got " + length);
            }
            if (!(temperature > 0) || !Double.isFinite(temperature)) {
                throw new IllegalArgumentException("--temperature: must be a positive number, got " + temperature);
            }
            if (topK < 0) {
                throw new IllegalArgumentException("--top-k: must be 0 (all) or more, got " + topK);
            }
        }
    }

    /** The prime followed by {@link Request#length()} generated tokens, as text. */
    String sample(C config, Checkpoint checkpoint, Request request) throws IOException;

    /**
     * {@link #sample(Record, Checkpoint, Request)} for the run in {@code runDir}, into which a sampler may
     * also write what it draws (pictures); by default it draws nothing there.
     */
    default String sample(C config, Checkpoint checkpoint, Request request, Path runDir) throws IOException {
        return sample(config, checkpoint, request);
    }
}
