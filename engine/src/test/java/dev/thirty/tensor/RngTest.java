package dev.thirty.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RngTest {

    private static final int DRAWS = 100_000;

    @Test
    void outputsMatchTheReferenceXoshiro256StarStarSequence() {
        // Reference values from an independent Python transcription of xoshiro256** started at state {1, 2, 3, 4}.
        Rng rng = Rng.restore(new long[] {1, 2, 3, 4});
        long[] expected = {11520L, 0L, 1509978240L, 1215971899390074240L, 1216172134540287360L, 607988272756665600L};
        for (long e : expected) {
            assertEquals(e, rng.nextLong());
        }
    }

    @Test
    void seedIsExpandedBySplitMix64() {
        // SplitMix64 from 0: the first output is the published 0xe220a8397b1dcdaf.
        assertArrayEquals(new long[] {0xe220a8397b1dcdafL, 7960286522194355700L, 487617019471545679L,
            -537132696929009172L}, Rng.seeded(0).state());
    }

    @Test
    void sameSeedGivesSameSequence() {
        Rng a = Rng.seeded(42);
        Rng b = Rng.seeded(42);
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.nextLong(), b.nextLong(), "draw " + i);
        }
        assertNotEquals(Rng.seeded(42).nextLong(), Rng.seeded(43).nextLong());
    }

    @Test
    void restoredGeneratorContinuesIdentically() {
        Rng rng = Rng.seeded(7);
        for (int i = 0; i < 137; i++) {
            rng.nextGaussian();
            rng.nextFloat();
        }
        Rng resumed = Rng.restore(rng.state());
        for (int i = 0; i < 1000; i++) {
            assertEquals(Double.doubleToRawLongBits(rng.nextGaussian()),
                    Double.doubleToRawLongBits(resumed.nextGaussian()), "gaussian " + i);
            assertEquals(rng.nextInt(10), resumed.nextInt(10), "int " + i);
        }
    }

    @Test
    void setStatePutsAGeneratorBackInPlace() {
        Rng rng = Rng.seeded(7);
        long[] saved = rng.state();
        float[] first = {rng.nextFloat(), rng.nextFloat(), rng.nextFloat()};
        rng.nextGaussian();
        rng.setState(saved);
        for (float f : first) {
            assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits(rng.nextFloat()));
        }
        long[] before = rng.state();
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> rng.setState(new long[4]));
        assertTrue(zero.getMessage().contains("all-zero"), zero.getMessage());
        assertArrayEquals(before, rng.state(), "a rejected state leaves the generator as it was");
    }

    @Test
    void stateIsACopy() {
        Rng rng = Rng.seeded(1);
        long[] state = rng.state();
        state[0] = 0;
        assertNotEquals(0L, rng.state()[0]);
    }

    @Test
    void restoreRejectsWrongLengthAndAllZeroState() {
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> Rng.restore(new long[3]));
        assertTrue(length.getMessage().contains("4 longs") && length.getMessage().contains("got 3"), length.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Rng.restore(new long[4]));
        assertTrue(zero.getMessage().contains("all-zero"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Rng.restore(null));
    }

    @Test
    void nextFloatIsUniformOnTheHalfOpenUnitInterval() {
        Rng rng = Rng.seeded(3);
        double sum = 0;
        for (int i = 0; i < DRAWS; i++) {
            float x = rng.nextFloat();
            assertTrue(x >= 0f && x < 1f, "draw " + i + " = " + x);
            sum += x;
        }
        // Uniform(0, 1): mean 1/2, standard deviation 1/sqrt(12); allow 5 standard errors.
        double bound = 5 / Math.sqrt(12.0 * DRAWS);
        assertEquals(0.5, sum / DRAWS, bound);
    }

    @Test
    void nextGaussianHasUnitVarianceAndZeroMean() {
        Rng rng = Rng.seeded(11);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < DRAWS; i++) {
            double g = rng.nextGaussian();
            assertTrue(Double.isFinite(g), "draw " + i);
            sum += g;
            sumSq += g * g;
        }
        double mean = sum / DRAWS;
        double variance = sumSq / DRAWS - mean * mean;
        // Standard error of the mean is 1/sqrt(n); of the variance, sqrt(2/n). Allow 5 of each.
        assertEquals(0.0, mean, 5 / Math.sqrt(DRAWS));
        assertEquals(1.0, variance, 5 * Math.sqrt(2.0 / DRAWS));
    }

    @Test
    void splitStreamsDifferFromTheParentAndAreReproducible() {
        Rng parent = Rng.seeded(5);
        Rng child = parent.split();
        Rng parentAgain = Rng.seeded(5);
        Rng childAgain = parentAgain.split();
        assertArrayEquals(child.state(), childAgain.state());
        int equal = 0;
        for (int i = 0; i < 1000; i++) {
            long p = parent.nextLong();
            equal += p == child.nextLong() ? 1 : 0;
            assertEquals(p, parentAgain.nextLong());
        }
        assertEquals(0, equal);
    }

    @Test
    void copyDrawsTheSameSequenceIndependently() {
        Rng rng = Rng.seeded(9);
        Rng copy = rng.copy();
        assertEquals(rng.nextLong(), copy.nextLong());
        rng.nextLong();
        assertNotEquals(rng.state()[0], copy.state()[0]);
    }

    @Test
    void aStepsGeneratorDependsOnlyOnTheSeedAndTheStep() {
        assertEquals(Rng.forStep(5, 7).nextLong(), Rng.forStep(5, 7).nextLong());
        assertNotEquals(Rng.forStep(5, 7).nextLong(), Rng.forStep(5, 8).nextLong());
        assertNotEquals(Rng.forStep(5, 7).nextLong(), Rng.forStep(6, 7).nextLong());
        assertNotEquals(Rng.forStep(0, 0).nextLong(), Rng.seeded(0).nextLong());
    }
}
