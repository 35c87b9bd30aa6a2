package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class CharVocabTest {

    @Test
    void idsAreTheSortedDistinctCharactersAndRoundTrip() {
        CharVocab vocab = CharVocab.of("hello world\n");
        assertEquals(9, vocab.size());
        assertEquals('\n', vocab.symbol(0));
        assertEquals(' ', vocab.symbol(1));
        assertEquals('w', vocab.symbol(8));
        TokenStream ids = vocab.encode("low\n");
        assertArrayEquals(new int[] {5, 6, 8, 0}, ids.toArray());
        assertEquals("low\n", vocab.decode(ids.toArray()));
    }

    @Test
    void charactersOutsideTheBasicPlaneAreOneToken() {
        String text = "a\uD83D\uDE00b";
        CharVocab vocab = CharVocab.of(text);
        assertEquals(3, vocab.size());
        assertEquals(3, vocab.encode(text).length());
        assertEquals(text, vocab.decode(vocab.encode(text).toArray()));
    }

    @Test
    void unknownCharacterIsNamedWithItsPosition() {
        CharVocab vocab = CharVocab.of("abc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vocab.encode("abcabz"));
        assertTrue(e.getMessage().contains("'z'") && e.getMessage().contains("position 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> vocab.encode("a\tb"));
        assertTrue(e.getMessage().contains("U+0009") && e.getMessage().contains("position 1"), e.getMessage());
    }

    @Test
    void splitKeepsFileOrderFirstNinetyPercentThenTheRest() {
        TokenStream s = new TokenStream(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        TokenStream.Split split = s.split(0.9);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, split.train().toArray());
        assertArrayEquals(new int[] {11, 12}, split.validation().toArray());
        assertThrows(IllegalArgumentException.class, () -> s.split(1.0));
    }

    @Test
    void realTinyShakespeareHasSixtyFiveCharactersAndSplitsNinetyTen() throws IOException {
        DatasetFiles files = RealData.files(Datasets.TINY_SHAKESPEARE);
        String text = DataFiles.readText(files.file("input.txt"));
        CharVocab vocab = CharVocab.of(text);
        assertEquals(65, vocab.size());
        TokenStream all = vocab.encode(text);
        assertEquals(1_115_394, all.length());
        TokenStream.Split split = all.split(0.9);
        assertEquals(1_003_854, split.train().length());
        assertEquals(111_540, split.validation().length());
        assertEquals("First Citizen:", vocab.decode(split.train().slice(0, 14).toArray()));
    }
}
