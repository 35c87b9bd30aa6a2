package dev.thirty.papers.kolmogorov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.io.compress.Codec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NcdTest {

    private static final String[] WORDS = {"the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "far",
        "away", "from", "home", "while", "birds", "sang", "in", "green", "trees", "today"};

    @Test
    void formulaMatchesTheDefinitionOnSizes() {
        // (C(xy) - min) / max = (250 - 100) / 200
        assertEquals(0.75, Ncd.distance(100, 200, 250), 1e-12);
        assertEquals(Ncd.distance(200, 100, 250), Ncd.distance(100, 200, 250), 1e-12);
    }

    /**
     * Compressing xx costs C(x) plus back-references to the first copy. For the LZ family a 4 KB repeat is
     * at most 16 deflate matches of 258 bytes (a few bytes each) or one long match in xz and zstd, against
     * C(x) of well over 1000 bytes for word salad, so NCD(x, x) < 0.1. bzip2 has no back-references: the
     * repeat doubles the block the BWT sorts, and only its better context modelling saves anything, so it
     * gets the looser 0.5.
     */
    @Test
    void ncdOfATextWithItselfIsNearZero() {
        byte[] x = wordSalad(new SplittableRandom(21), 4096);
        for (Codec codec : Codec.values()) {
            double d = Ncd.distance(codec, x, x);
            double bound = codec == Codec.BZIP2 ? 0.5 : 0.1;
            assertTrue(d >= -0.02 && d < bound, codec + ": NCD(x, x) = " + d);
        }
    }

    /**
     * Independent random strings share nothing, so C(xy) ≈ C(x) + C(y) and NCD ≈ 1; framing of at most
     * ~60 bytes (xz) against C ≈ 4 KB moves it by under 0.02 either way, so [0.95, 1.05] is generous.
     * bzip2 is the exception: each block carries up to six Huffman tables of 258 delta-coded code
     * lengths, a few hundred bytes that C(xy) pays once and C(x) + C(y) twice, about 10% of C ≈ 4 KB;
     * its lower bound is 0.85.
     */
    @Test
    void ncdOfUnrelatedRandomBytesIsNearOne() {
        SplittableRandom rng = new SplittableRandom(22);
        byte[] x = new byte[4096];
        byte[] y = new byte[4096];
        rng.nextBytes(x);
        rng.nextBytes(y);
        for (Codec codec : Codec.values()) {
            double d = Ncd.distance(codec, x, y);
            double low = codec == Codec.BZIP2 ? 0.85 : 0.95;
            assertTrue(d > low && d < 1.05, codec + ": NCD(random, random) = " + d);
        }
    }

    @Test
    void matrixIsSymmetricWithTheSelfDistanceSmallest() {
        SplittableRandom rng = new SplittableRandom(23);
        byte[] random = new byte[2048];
        rng.nextBytes(random);
        byte[][] items = {wordSalad(rng, 2048), wordSalad(rng, 2048), random};
        double[][] d = Ncd.matrix(Codec.GZIP, items);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(d[i][j], d[j][i], 1e-12, "asymmetric at " + i + "," + j);
                assertTrue(d[i][i] <= d[i][j], "row " + i + ": self " + d[i][i] + " > " + d[i][j]);
            }
        }
        assertTrue(d[0][1] < d[0][2], "two salads " + d[0][1] + " vs salad and noise " + d[0][2]);
    }

    @Test
    void averageLinkageJoinsTheTwoObviousPairsFirst() {
        double[][] d = {{0, 0.1, 0.9, 0.8}, {0.1, 0, 0.85, 0.9}, {0.9, 0.85, 0, 0.2}, {0.8, 0.9, 0.2, 0}};
        assertEquals("((a, b), (c, d))", Linkage.averageLinkage(d, List.of("a", "b", "c", "d")));
        SourceSeparation sep = SourceSeparation.of(d, List.of("x", "x", "y", "y"));
        assertEquals(1.0, sep.sameCloser());
        assertEquals(1.0, sep.nearestSame());
        assertEquals(0.15, sep.meanSame(), 1e-12);
    }

    private static byte[] wordSalad(SplittableRandom rng, int bytes) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < bytes) {
            sb.append(WORDS[rng.nextInt(WORDS.length)]).append(rng.nextInt(8) == 0 ? ".\n" : " ");
        }
        return sb.substring(0, bytes).getBytes(StandardCharsets.US_ASCII);
    }
}
