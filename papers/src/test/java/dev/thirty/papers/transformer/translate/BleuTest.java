package dev.thirty.papers.transformer.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The expected numbers are sacreBLEU's own test vectors (mjpost/sacrebleu, test/test_bleu.py:
 * {@code test_corpus_bleu_cases}, {@code test_case_scoring}, {@code test_case_statistics},
 * {@code test_raw_bleu_cases}), which sacreBLEU asserts to within 1e-8.
 */
class BleuTest {

    private static final double EPSILON = 1e-6;

    // the README example of sacreBLEU: three hypotheses, two reference streams
    private static final List<String> HYPS = List.of("The dog bit the man.", "It wasn't surprising.",
            "The man had just bitten him.");
    private static final List<List<String>> REFS = List.of(
            List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
            List.of("The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."));

    @Test
    void defaultCorpusBleuMatchesSacreBleuOnItsReadmeExample() {
        assertEquals(48.530827, Bleu.corpus(HYPS, REFS, Bleu.Tokenize.V13A, Bleu.Smoothing.EXP).score(), EPSILON);
    }

    @Test
    void withoutTokenizationTheReadmeExampleScoresAsSacreBleuWithTokenizeNone() {
        assertEquals(49.1919566, Bleu.corpus(HYPS, REFS, Bleu.Tokenize.NONE, Bleu.Smoothing.EXP).score(), EPSILON);
    }

    @Test
    void smoothingChangesNothingWhenEveryOrderHasAMatch() {
        assertEquals(48.530827, Bleu.corpus(HYPS, REFS, Bleu.Tokenize.V13A, Bleu.Smoothing.NONE).score(), EPSILON);
    }

    @Test
    void emptyHypothesesScoreZeroAndAreNotDropped() {
        Bleu.Score s = Bleu.corpus(List.of("", "", ""), REFS, Bleu.Tokenize.V13A, Bleu.Smoothing.EXP);
        assertEquals(0.0, s.score());
        assertEquals(0, s.sysLen());
        assertTrue(s.refLen() > 0, "the references still count for the brevity penalty");
    }

    @Test
    void scoreFromSufficientStatisticsMatchesSacreBleu() {
        Bleu.Score s = Bleu.fromStatistics(new long[] {9, 7, 5, 3}, new long[] {10, 8, 6, 4}, 11, 11,
                Bleu.Smoothing.NONE);
        assertEquals(83.75922397, s.score(), EPSILON);
    }

    @Test
    void clippedCountsAndTotalsMatchSacreBleu() {
        Bleu.Score s = Bleu.corpus(List.of("am I am a character sequence"),
                List.of(List.of("I am a symbol string sequence a a")), Bleu.Tokenize.NONE, Bleu.Smoothing.EXP);
        assertArrayEquals(new long[] {4, 2, 1, 0}, s.correct());
        assertArrayEquals(new long[] {6, 5, 4, 3}, s.total());
    }

    @Test
    void identicalSentenceScoresOneHundred() {
        assertEquals(100.0, Bleu.corpus(List.of("this is a test"), List.of("this is a test")).score(), EPSILON);
    }

    @Test
    void expSmoothingHalvesTheCountForEachOrderWithoutAMatch() {
        // 3/4 unigrams, 2/3 bigrams, 1/2 trigrams, no 4-gram: mteval's exp smoothing gives the
        // 4-gram precision 1 / (2 * 1); BP is 1 (equal lengths)
        Bleu.Score s = Bleu.corpus(List.of("this is a fest"), List.of("this is a test"));
        double expected = 100 * Math.exp((Math.log(3 / 4.0) + Math.log(2 / 3.0) + Math.log(1 / 2.0) + Math.log(1 / 2.0))
                / 4);
        assertEquals(expected, s.score(), 1e-9);
        assertEquals(0.0, Bleu.corpus(List.of("this is a fest"), List.of(List.of("this is a test")),
                Bleu.Tokenize.V13A, Bleu.Smoothing.NONE).score());
    }

    @Test
    void brevityPenaltyUsesTheClosestReferenceLengthAndTheShorterOnATie() {
        // hypothesis of 2 words; references of 1 and 3 words are equally close: the shorter (1) counts
        Bleu.Score s = Bleu.corpus(List.of("a b"), List.of(List.of("a"), List.of("a b c")), Bleu.Tokenize.NONE,
                Bleu.Smoothing.EXP);
        assertEquals(1, s.refLen());
        assertEquals(1.0, s.brevityPenalty());
        Bleu.Score shortHyp = Bleu.corpus(List.of("a b"), List.of("a b c d"));
        assertEquals(Math.exp(1 - 4 / 2.0), shortHyp.brevityPenalty(), 1e-12);
    }

    @Test
    void tokenizer13aSplitsPunctuationButKeepsNumbersWhole() {
        assertEquals("The dog bit the man .", Bleu.tokenize13a("The dog bit the man."));
        assertEquals("It wasn't surprising .", Bleu.tokenize13a("It wasn't surprising.")); // ' is not split
        assertEquals("It costs 3.50 , or 1,000 in 5 - year \" bonds \"",
                Bleu.tokenize13a("It costs 3.50, or 1,000 in 5-year &quot;bonds&quot;"));
        assertEquals("a well-known ( big ) dog", Bleu.tokenize13a("  a well-known (big) dog  "));
    }

    @Test
    void mismatchedReferenceCountIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bleu.corpus(List.of("a", "b"), List.of("a")));
        assertTrue(e.getMessage().contains("1 sentences for 2 hypotheses"), e.getMessage());
    }
}
