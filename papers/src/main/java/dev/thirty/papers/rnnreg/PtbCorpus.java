package dev.thirty.papers.rnnreg;

import dev.thirty.data.ContiguousBatches;
import dev.thirty.data.DataFiles;
import dev.thirty.data.DatasetFiles;
import dev.thirty.data.Datasets;
import dev.thirty.data.LastBatch;
import dev.thirty.data.TokenStream;
import dev.thirty.data.WordVocab;
import dev.thirty.experiment.RunContext;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Mikolov's Penn Treebank split as Zaremba et al. read it: each line's words and an {@code <eos>},
 * the 10,000-word vocabulary of the training text (ids by descending frequency), and the three
 * splits as token streams. Validation and test words outside the vocabulary are an error naming the
 * file, line and word: the official files have none (rare words are already {@code <unk>}).
 *
 * @param source the training file, for the log
 */
record PtbCorpus(Path source, WordVocab vocab, TokenStream train, TokenStream valid, TokenStream test) {

    static PtbCorpus load(RunContext ctx) throws IOException {
        DatasetFiles files = ctx.dataset(Datasets.PTB);
        Path train = files.file("ptb.train.txt");
        String trainText = DataFiles.readText(train);
        WordVocab vocab = WordVocab.build(trainText);
        return new PtbCorpus(train, vocab, vocab.encode(trainText, WordVocab.Unknown.REJECT),
                encode(vocab, files.file("ptb.valid.txt")), encode(vocab, files.file("ptb.test.txt")));
    }

    private static TokenStream encode(WordVocab vocab, Path file) throws IOException {
        try {
            return vocab.encode(DataFiles.readText(file), WordVocab.Unknown.REJECT);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage() + " of the training text", e);
        }
    }

    /** The training chunks of {@code c}: {@code batch} streams over the first {@code trainLimit} words. */
    ContiguousBatches trainChunks(PtbConfig c) {
        TokenStream t = limit(train, c.trainLimit());
        if (t.length() / c.batch() <= c.seqLength()) {
            throw new IllegalArgumentException("ptb: " + t.length() + " training words are too few for " + c.batch()
                    + " streams of " + c.seqLength() + " steps; raise trainLimit or lower batch");
        }
        return new ContiguousBatches(t, c.batch(), c.seqLength(), LastBatch.DROP);
    }

    /** Chunks of a validation or test stream: {@code evalBatch} streams, the last chunk kept however short. */
    static ContiguousBatches evalChunks(TokenStream split, PtbConfig c) {
        TokenStream t = limit(split, c.evalLimit());
        int streams = Math.max(1, Math.min(c.evalBatch(), t.length() / 2));
        return new ContiguousBatches(t, streams, c.seqLength(), LastBatch.KEEP);
    }

    private static TokenStream limit(TokenStream s, int limit) {
        return limit > 0 && limit < s.length() ? s.slice(0, limit) : s;
    }
}
