package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BytePairEncodingTest {

    private static final String S = String.valueOf(BytePairEncoding.SPACE);

    @Test
    void piecesSplitLettersDigitsAndPunctuationAndMarkWhatFollowedASpace() {
        assertEquals(List.of(S + "Two", S + "young", ",", S + "White", S + "males", S + "are", S + "42", "."),
                BytePairEncoding.pieces("Two young, White males are 42."));
        assertEquals(List.of(S + "saftig", "-", "grünes", S + "Gras"), BytePairEncoding.pieces("saftig-grünes Gras"));
    }

    @Test
    void firstMergesAreTheMostFrequentPairsOfSennrichsExample() {
        // Sennrich et al. (2016), Figure 1's vocabulary: low 5, lower 2, newest 6, widest 3
        List<String> text = new ArrayList<>();
        add(text, "low", 5);
        add(text, "lower", 2);
        add(text, "newest", 6);
        add(text, "widest", 3);
        BytePairEncoding bpe = BytePairEncoding.learn(text, 4);
        // "e s" and "s t" both occur 9 times: the tie goes to the merged string that sorts first ("es"),
        // then "es t" (9); then "l o", "o w" and the word-start pair of low all occur 7 times: "lo" sorts
        // first (the space mark U+2581 sorts after letters), then "lo w" (7) beats the word-start pair
        assertEquals(List.of("e s", "es t", "l o", "lo w"), bpe.merges());
    }

    @Test
    void encodeThenDecodeGivesTheTextBackWithSpacesNormalised() {
        List<String> corpus = List.of("Ein Mann fährt Fahrrad.", "Zwei Hunde spielen im Schnee, 3 Kinder schauen zu.",
                "A man rides a bike.", "Two dogs play in the snow; 3 kids watch.");
        BytePairEncoding bpe = BytePairEncoding.learn(corpus, 60);
        for (String s : corpus) {
            assertEquals(s, bpe.decode(bpe.encode(s)));
        }
        assertEquals("A dog rides in the snow.", bpe.decode(bpe.encode("  A   dog rides in the snow. ")));
    }

    @Test
    void mergedWordsBecomeSingleSymbolsAndUnseenCharactersBecomeUnk() {
        List<String> corpus = new ArrayList<>();
        add(corpus, "the dog", 10);
        BytePairEncoding bpe = BytePairEncoding.learn(corpus, 20);
        int[] ids = bpe.encode("the dog");
        assertEquals(2, ids.length, "each frequent word is one symbol");
        assertEquals(S + "the", bpe.symbol(ids[0]));
        int[] unknown = bpe.encode("d\u00f8g");
        assertTrue(java.util.Arrays.stream(unknown).anyMatch(i -> i == BytePairEncoding.UNK),
                "an unseen character: " + java.util.Arrays.toString(unknown));
        assertEquals("dg", bpe.decode(unknown), "specials are dropped when decoding");
    }

    @Test
    void rebuiltFromAlphabetAndMergesItEncodesTheSame() {
        List<String> corpus = List.of("low lower lowest", "newer newest wider widest");
        BytePairEncoding bpe = BytePairEncoding.learn(corpus, 15);
        BytePairEncoding again = BytePairEncoding.of(bpe.alphabet(), bpe.merges());
        assertEquals(bpe.size(), again.size());
        assertArrayEquals(bpe.encode("lowest widest newer"), again.encode("lowest widest newer"));
        for (int id = 0; id < bpe.size(); id++) {
            assertEquals(bpe.symbol(id), again.symbol(id));
        }
    }

    @Test
    void badInputsAreNamed() {
        IllegalArgumentException merge = assertThrows(IllegalArgumentException.class,
                () -> BytePairEncoding.of(List.of("a", "b"), List.of("a b", "ab")));
        assertTrue(merge.getMessage().contains("merge 1") && merge.getMessage().contains("'ab'"), merge.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> BytePairEncoding.learn(List.of("a"), -1));
        assertTrue(negative.getMessage().contains("merges"), negative.getMessage());
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class,
                () -> BytePairEncoding.learn(List.of("a"), 0).symbol(99));
        assertTrue(id.getMessage().contains("99"), id.getMessage());
    }

    private static void add(List<String> text, String line, int times) {
        for (int i = 0; i < times; i++) {
            text.add(line);
        }
    }
}
