package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordVocabTest {

    private static final String TRAIN = " the cat sat \n the <unk> ran \n";

    @Test
    void eachLineEndsWithEos() {
        assertEquals(List.of("the", "cat", "sat", "<eos>", "the", "<unk>", "ran", "<eos>"), WordVocab.tokens(TRAIN));
        assertEquals(List.of("a", "<eos>", "<eos>", "b", "<eos>"), WordVocab.tokens("a\n\nb"));
    }

    @Test
    void idsFollowDescendingFrequencyThenWord() {
        WordVocab vocab = WordVocab.build(TRAIN);
        assertEquals(6, vocab.size());
        assertEquals("<eos>", vocab.word(0));
        assertEquals("the", vocab.word(1));
        assertEquals(List.of("<unk>", "cat", "ran", "sat"), List.of(vocab.word(2), vocab.word(3), vocab.word(4),
                vocab.word(5)));
        TokenStream s = vocab.encode(" sat the cat\n", WordVocab.Unknown.REJECT);
        assertArrayEquals(new int[] {5, 1, 3, 0}, s.toArray());
        assertEquals("sat the cat <eos>", vocab.decode(s.toArray()));
    }

    @Test
    void aSavedWordListComesBackWithTheSameIdsAndBadListsAreRefused() {
        WordVocab built = WordVocab.build(TRAIN);
        WordVocab again = WordVocab.of(built.words());
        assertEquals(built.words(), again.words());
        assertEquals(built.id("cat"), again.id("cat"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WordVocab.of(List.of("a", "b", "a")))
                .getMessage().contains("'a' twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WordVocab.of(List.of("a", "b c")))
                .getMessage().contains("word 1"));
        assertThrows(IllegalArgumentException.class, () -> WordVocab.of(List.of()));
    }

    @Test
    void unknownWordIsRejectedWithItsLineOrMappedToUnk() {
        WordVocab vocab = WordVocab.build(TRAIN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> vocab.encode("the cat\nthe dog\n", WordVocab.Unknown.REJECT));
        assertTrue(e.getMessage().contains("'dog'") && e.getMessage().contains("line 2"), e.getMessage());
        assertArrayEquals(new int[] {1, 2, 0}, vocab.encode("the dog", WordVocab.Unknown.MAP_TO_UNK).toArray());
        WordVocab noUnk = WordVocab.build("a b");
        assertThrows(IllegalArgumentException.class, () -> noUnk.encode("c", WordVocab.Unknown.MAP_TO_UNK));
    }

    @Test
    void realPennTreebankHasTenThousandWordsAndTheKnownSplitSizes() throws IOException {
        DatasetFiles files = RealData.files(Datasets.PTB);
        String train = DataFiles.readText(files.file("ptb.train.txt"));
        WordVocab vocab = WordVocab.build(train);
        assertEquals(10_000, vocab.size());
        assertEquals(887_521 + 42_068, vocab.encode(train, WordVocab.Unknown.REJECT).length());
        String valid = DataFiles.readText(files.file("ptb.valid.txt"));
        assertEquals(70_390 + 3_370, vocab.encode(valid, WordVocab.Unknown.REJECT).length());
        String test = DataFiles.readText(files.file("ptb.test.txt"));
        assertEquals(78_669 + 3_761, vocab.encode(test, WordVocab.Unknown.REJECT).length());
    }
}
