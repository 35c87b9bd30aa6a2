package dev.thirty.papers.ntm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Rng;
import org.junit.jupiter.api.Test;

class CopyTaskTest {

    @Test
    void anEpisodeIsTheVectorsThenTheDelimiterThenSilence() {
        float[] bits = new float[2 * 2 * 8];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (i % 3 == 0) ? 1 : 0;
        }
        Episode e = CopyTask.episode(2, 2, bits);
        assertEquals(5, e.steps());
        float[] first = e.input(0).toArray();
        assertEquals(18, first.length);
        for (int b = 0; b < 2; b++) {
            for (int k = 0; k < 8; k++) {
                assertEquals(bits[b * 8 + k], first[b * 9 + k]);
            }
            assertEquals(0f, first[b * 9 + 8], "no delimiter during the sequence");
        }
        float[] delimiter = e.input(2).toArray();
        for (int b = 0; b < 2; b++) {
            assertEquals(1f, delimiter[b * 9 + 8]);
            for (int k = 0; k < 8; k++) {
                assertEquals(0f, delimiter[b * 9 + k]);
            }
        }
        assertArrayEquals(new float[18], e.input(3).toArray());
        assertArrayEquals(java.util.Arrays.copyOfRange(bits, 16, 32), e.target(1).toArray());
        float[] all = e.sequence().toArray();   // (2, 5, 9): sequence b, step t
        for (int t = 0; t < e.steps(); t++) {
            float[] at = e.input(t).toArray();
            for (int b = 0; b < 2; b++) {
                assertArrayEquals(java.util.Arrays.copyOfRange(at, b * 9, b * 9 + 9),
                        java.util.Arrays.copyOfRange(all, (b * 5 + t) * 9, (b * 5 + t) * 9 + 9), "step " + t);
            }
        }
    }

    @Test
    void lengthsCoverTheRangeAndBitsAreFair() {
        Rng rng = Rng.seeded(1);
        boolean[] seen = new boolean[21];
        double ones = 0;
        double all = 0;
        for (int i = 0; i < 2000; i++) {
            Episode e = new CopyTask().sample(rng, 1, 1, 20);
            seen[e.size()] = true;
            for (float v : e.targets()) {
                ones += v;
                all++;
            }
        }
        for (int l = 1; l <= 20; l++) {
            assertTrue(seen[l], "length " + l);
        }
        assertEquals(0.5, ones / all, 0.01);
        assertThrows(IllegalArgumentException.class, () -> new CopyTask().sample(rng, 1, 5, 4));
    }
}
