package dev.thirty.io.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CodecTest {

    @Test
    void everyCodecRoundTrips() {
        SplittableRandom rng = new SplittableRandom(5);
        byte[][] inputs = {new byte[0], new byte[] {42}, randomBits(rng, 2500), new byte[10_000]};
        for (Codec codec : Codec.values()) {
            for (byte[] in : inputs) {
                assertArrayEquals(in, codec.decompress(codec.compress(in)), codec + " on " + in.length + " bytes");
            }
        }
    }

    /**
     * The entropy estimate must see order: 2500 random bits (one per byte) hold 2500 bits = 313
     * bytes of information, so no codec can go below that, while a constant grid compresses to a
     * few dozen bytes of framing. A factor of 4 between them is far inside both bounds.
     */
    @Test
    void randomGridsCompressFarWorseThanUniformOnes() {
        byte[] random = randomBits(new SplittableRandom(6), 2500);
        byte[] uniform = new byte[2500];
        for (Codec codec : Codec.values()) {
            int r = codec.compressedSize(random);
            int u = codec.compressedSize(uniform);
            assertTrue(r >= 2500 / 8, codec + ": random compressed to " + r + " bytes, below its information");
            assertTrue(r > 4 * u, codec + ": random " + r + " vs uniform " + u);
        }
    }

    private static byte[] randomBits(SplittableRandom rng, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) rng.nextInt(2);
        }
        return b;
    }
}
