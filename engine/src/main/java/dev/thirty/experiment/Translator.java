package dev.thirty.experiment;

import dev.thirty.data.DataLocation;
import dev.thirty.io.Checkpoint;
import java.io.IOException;
import java.util.List;

/**
 * The capability of a translation experiment to translate with a trained run, as
 * {@code thirty translate <run-dir>} uses it: the experiment rebuilds its model and tokenizer from
 * the run's config and checkpoint, then decodes each sentence.
 *
 * @param <C> the experiment's configuration record
 */
public interface Translator<C extends Record> {

    /** How output sentences are searched for. */
    enum Decoding {
        /** The most likely next token at each step. */
        GREEDY,
        /** Beam search ranked with a length penalty. */
        BEAM
    }

    /**
     * How to decode.
     *
     * @param decoding      greedy or beam search
     * @param beam          hypotheses kept per sentence (beam search only)
     * @param lengthPenalty α of the length penalty {@code ((5 + |Y|) / 6)^α} (beam search only; 0: none)
     */
    record Request(Decoding decoding, int beam, double lengthPenalty) {
        public Request {
            if (decoding == null) {
                throw new IllegalArgumentException("translate: a decoding (greedy or beam) is required");
            }
            if (beam < 1) {
                throw new IllegalArgumentException("--beam: must be 1 or more, got " + beam);
            }
            if (!(lengthPenalty >= 0) || !Double.isFinite(lengthPenalty)) {
                throw new IllegalArgumentException("--length-penalty: must be a number >= 0, got " + lengthPenalty);
            }
        }
    }

    /**
     * A corpus score of a trained run on one of its data set's splits.
     *
     * @param split      the split's name
     * @param sentences  sentences translated
     * @param metric     the metric's name, e.g. {@code BLEU}
     * @param score      its value
     * @param detail     a one-line account of how it was computed
     */
    record Evaluation(String split, int sentences, String metric, double score, String detail) {
    }

    /** The translation of each of {@code sentences}, in order. */
    List<String> translate(C config, Checkpoint checkpoint, List<String> sentences, Request request)
            throws IOException;

    /** The split names {@link #evaluate} accepts. */
    List<String> splits();

    /** Translates every sentence of {@code split} and scores the result against its references. */
    Evaluation evaluate(C config, Checkpoint checkpoint, DataLocation data, String split, Request request)
            throws IOException;
}
