package dev.thirty.papers.charrnn;

import dev.thirty.data.CharVocab;
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

/**
 * The text a char-rnn run trains on, its character vocabulary (built from the whole text, as
 * char-rnn does) and the train/validation split in file order.
 *
 * <p>Where the text comes from: {@code --data FILE} naming a regular file trains on that UTF-8
 * text; otherwise ({@code --data DIR}, {@code THIRTY_DATA}, the cache) tiny Shakespeare is looked
 * up like any data set.
 *
 * @param source     where the text was read from, for the log
 * @param vocab      the sorted distinct characters
 * @param train      the first {@code trainFraction} of the text
 * @param validation the rest
 */
record CharCorpus(Path source, CharVocab vocab, TokenStream train, TokenStream validation) {

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
        TokenStream.Split split = vocab.encode(text).split(c.trainFraction());
        return new CharCorpus(source, vocab, split.train(), split.validation());
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
