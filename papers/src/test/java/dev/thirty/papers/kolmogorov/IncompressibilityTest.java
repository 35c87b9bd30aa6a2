package dev.thirty.papers.kolmogorov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.io.compress.Codec;
import dev.thirty.io.compress.Compressor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IncompressibilityTest {

    /**
     * The counting bound holds for every lossless compressor, so a measured fraction above 2^−c
     * can only be sampling noise: with 300 strings, more than 3 standard errors of a binomial at
     * p = 2^−c above the bound would happen by chance with probability about 0.1% per c.
     */
    @Test
    void measuredFractionsNeverExceedTheCountingBoundBeyondSamplingError() {
        for (Codec codec : Codec.values()) {
            Incompressibility inc = Incompressibility.measure(codec, 300, 32, 8, new SplittableRandom(11));
            assertTrue(inc.worstExcessInErrors() <= 3,
                    codec + ": a fraction exceeds 2^-c by " + inc.worstExcessInErrors() + " standard errors");
        }
    }

    /**
     * Random bytes have no structure, and every format adds framing (zstd: magic, frame and block
     * headers, at least 9 bytes; gzip 18), so no random string may come out shorter than it went in.
     */
    @Test
    void everyCodecGrowsRandomBytes() {
        for (Codec codec : Codec.values()) {
            Incompressibility inc = Incompressibility.measure(codec, 100, 64, 4, new SplittableRandom(12));
            assertTrue(inc.minOverhead() > 0, codec + ": a random string shrank by " + -inc.minOverhead() + " bytes");
            assertEquals(0.0, inc.fraction(1), codec + ": fraction shortened by 1 bit");
        }
    }

    /** The check above has teeth: a "compressor" that drops a byte (lossy) beats the bound at every c <= 8. */
    @Test
    void aCompressorThatDropsABytePassesEveryStringAndBreaksTheBound() {
        Compressor lossy = new Compressor() {
            @Override
            public String label() {
                return "drop-last";
            }

            @Override
            public byte[] compress(byte[] data) {
                return Arrays.copyOf(data, data.length - 1);
            }

            @Override
            public byte[] decompress(byte[] compressed) {
                throw new UnsupportedOperationException("lossy");
            }
        };
        Incompressibility inc = Incompressibility.measure(lossy, 50, 16, 9, new SplittableRandom(13));
        assertEquals(1.0, inc.fraction(8));
        assertEquals(0.0, inc.fraction(9));
        assertTrue(inc.worstExcessInErrors() > 3, "excess " + inc.worstExcessInErrors());
    }
}
