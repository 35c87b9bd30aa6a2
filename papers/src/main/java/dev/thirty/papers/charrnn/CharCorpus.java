package dev.thirty.papers.charrnn;

import dev.thirty.data.CharVocab;
import dev.thirty.data.ContiguousBatches;
import dev.thirty.data.ContiguousBatches.Chunk;
import dev.thirty.data.LastBatch;
import dev.thirty.data.Datasets;
import dev.thirty.data.TokenStream;
import dev.thirty.experiment.RunContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The text a char-rnn run trains on, its character vocabulary (built from the whole text, as
 * char-rnn does) and its training and validation chunks, split as {@link CharRnnConfig.Split} says.
 *
 * <p>Where the text comes from: {@code --data FILE} naming a regular file trains on that UTF-8
 * text; otherwise ({@code --data DIR}, {@code THIRTY_DATA}, the cache) tiny Shakespeare is looked
 * up like any data set.
 *
 * @param source     where the text was read from, for the log
 * @param vocab      the sorted distinct characters
 * @param train      the training chunks, {@code (batch, seqLength)} each, in order
 * @param validation the validation chunks, in order (rows continue each other from chunk to chunk)
 */
record CharCorpus(Path source, CharVocab vocab, List<Chunk> train, List<Chunk> validation) {

    /** Characters the chunks predict. */
    static long characters(List<Chunk> chunks) {
        return chunks.stream().mapToLong(ch -> ch.inputs().length).sum();
    }

    static CharCorpus load(CharRnnConfig c, RunContext ctx) throws IOException {
        Path explicit = ctx.data().explicit();
        Path file = explicit != null && Files.isRegularFile(explicit) ? explicit
                : ctx.dataset(Datasets.TINY_SHAKESPEARE).file("input.txt");
        return of(file, readUtf8(file), c);
    }

    static CharCorpus of(Path source, String text, CharRnnConfig c) {
        if (c.textLimit() > 0 && text.length() > c.textLimit()) {
            int end = Character.isHighSurrogate(text.charAt(c.textLimit() - 1)) ? c.textLimit() - 1 : c.textLimit();
            text = text.substring(0, end);
        }
        CharVocab vocab = CharVocab.of(text);
        TokenStream tokens = vocab.encode(text);
        return switch (c.split()) {
            case FILE_ORDER -> fileOrder(source, vocab, tokens, c);
            case STREAMS -> streams(source, vocab, tokens, c);
        };
    }

    /** Training text first, validation text after it, each cut into its own streams. */
    private static CharCorpus fileOrder(Path source, CharVocab vocab, TokenStream tokens, CharRnnConfig c) {
        TokenStream.Split split = tokens.split(c.trainFraction());
        TokenStream val = split.validation();
        requireText(split.train().length() / c.batch() > c.seqLength(), split.train().length() + " training", c);
        int valBatch = Math.max(1, Math.min(c.batch(), val.length() / (c.seqLength() + 1)));
        requireText(val.length() / valBatch >= 2, val.length() + " validation", c);
        return new CharCorpus(source, vocab, new ContiguousBatches(split.train(), c.batch(), c.seqLength(),
                LastBatch.DROP), new ContiguousBatches(val, valBatch, c.seqLength(), LastBatch.KEEP));
    }

    /** char-rnn's loader: one set of streams over the whole text, the first chunks train, the next validate. */
    private static CharCorpus streams(Path source, CharVocab vocab, TokenStream tokens, CharRnnConfig c) {
        requireText(tokens.length() / c.batch() > c.seqLength(), Integer.toString(tokens.length()), c);
        ContiguousBatches all = new ContiguousBatches(tokens, c.batch(), c.seqLength(), LastBatch.DROP);
        int train = (int) (all.size() * c.trainFraction());
        int val = Math.min(all.size() - train, (int) (all.size() * (1 - c.trainFraction())));
        if (train < 1 || val < 1) {
            throw new IllegalArgumentException("charrnn: " + all.size() + " chunks of " + c.batch() + " x "
                    + c.seqLength() + " characters cannot be split " + c.trainFraction() + " / "
                    + (1 - c.trainFraction()) + " into training and validation chunks; use a longer text");
        }
        return new CharCorpus(source, vocab, all.subList(0, train), all.subList(train, train + val));
    }

    private static void requireText(boolean ok, String characters, CharRnnConfig c) {
        if (!ok) {
            throw new IllegalArgumentException("charrnn: " + characters + " characters are too few for " + c.batch()
                    + " streams of " + c.seqLength() + " steps; use a longer text or a smaller batch or seqLength");
        }
    }

    /** The file's text, refusing bytes that are not UTF-8 (with the file name in the message). */
    static String readUtf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text (" + e.getMessage() + ")", e);
        }
    }
}
