package dev.thirty.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;

import dev.thirty.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * {@link Erf} against published values. erf(0.5), erf(1) and erf(2) are those of Abramowitz and
 * Stegun, Handbook of Mathematical Functions (1964), Table 7.1 (erf x to 15 decimals for x from 0
 * to 2); erf(3) and the tail values, which that table does not reach, were computed with mpmath
 * at 40 digits, as were all of them to check the table's digits.
 */
class ErfTest {

    @Test
    void erfMatchesTheTableToFifteenDecimals() {
        assertEquals(0.520499877813047, Erf.erf(0.5), 1e-15);
        assertEquals(0.842700792949715, Erf.erf(1), 1e-15);
        assertEquals(0.995322265018953, Erf.erf(2), 1e-15);
        assertEquals(0.999977909503001, Erf.erf(3), 1e-15);
        assertEquals(-0.276326390168237, Erf.erf(-0.25), 1e-15);
    }

    @Test
    void valuesOnBothSidesOfEachIntervalBoundaryAreAccurate() {
        // Cody's intervals meet at 0.46875 and 4; a wrong coefficient shows on one side
        assertRelative("erf(0.46875)", 0.49261347321793799159, Erf.erf(0.46875), 1e-15);
        assertRelative("erfc(0.46875)", 0.50738652678206200841, Erf.erfc(0.46875), 1e-15);
        assertRelative("erfc(next up 0.46875)", 0.50738652678206200841, Erf.erfc(Math.nextUp(0.46875)), 1e-15);
        assertRelative("erfc(4)", 1.5417257900280018852e-8, Erf.erfc(4), 1e-14);
        assertRelative("erfc(next up 4)", 1.5417257900280018852e-8, Erf.erfc(Math.nextUp(4.0)), 1e-14);
        assertRelative("erf(4)", 0.99999998458274209972, Erf.erf(4), 1e-15);
    }

    @Test
    void erfcKeepsItsRelativeAccuracyInTheTail() {
        assertRelative("erfc(3)", 2.2090496998585441373e-5, Erf.erfc(3), 1e-14);
        assertRelative("erfc(5)", 1.5374597944280348502e-12, Erf.erfc(5), 1e-14);
        assertRelative("erfc(10)", 2.088487583762544757e-45, Erf.erfc(10), 1e-14);
        assertRelative("erfc(26)", 5.6631924088561428465e-296, Erf.erfc(26), 1e-14);
        assertRelative("erfc(-1)", 1.8427007929497148693, Erf.erfc(-1), 1e-15);
        assertRelative("erfc(1e-5)", 0.999988716208329421, Erf.erfc(1e-5), 1e-15);
        assertEquals(0.0, Erf.erfc(27));
    }

    @Test
    void normalCdfMatchesPublishedValues() {
        assertRelative("Phi(-1)", 0.15865525393145705141, Erf.normalCdf(-1), 1e-15);
        assertRelative("Phi(-5)", 2.8665157187919391167e-7, Erf.normalCdf(-5), 1e-14);
        assertRelative("Phi(-10)", 7.619853024160526066e-24, Erf.normalCdf(-10), 1e-14);
        assertRelative("Phi(-30)", 4.9067139271481870595e-198, Erf.normalCdf(-30), 1e-13);
        assertRelative("Phi(2)", 0.9772498680518207928, Erf.normalCdf(2), 1e-15);
        assertEquals(0.5, Erf.normalCdf(0));
    }

    @Test
    void specialValues() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Erf.erf(-0.0)), "erf(-0) = -0");
        assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Erf.erfc(Double.POSITIVE_INFINITY));
        assertEquals(2.0, Erf.erfc(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)) && Double.isNaN(Erf.erfc(Double.NaN))
                && Double.isNaN(Erf.normalCdf(Double.NaN)), "NaN gives NaN");
        assertEquals(1.0, Erf.normalCdf(Double.POSITIVE_INFINITY));
        assertEquals(0.0, Erf.normalCdf(Double.NEGATIVE_INFINITY));
    }

    @Test
    void erfIsOddAndErfPlusErfcIsOne() {
        RandomGenerator rng = Seeds.generator(3);
        for (int i = 0; i < 10_000; i++) {
            double x = (rng.nextDouble() * 2 - 1) * 7;
            assertEquals(-Erf.erf(x), Erf.erf(-x), 0.0, "erf(-x) at " + x);
            assertEquals(1.0, Erf.erf(x) + Erf.erfc(x), 4.5e-16, "erf + erfc at " + x);
        }
    }

    private static void assertRelative(String what, double expected, double actual, double relative) {
        assertTrue(Math.abs(actual - expected) <= relative * Math.abs(expected),
                what + ": expected " + expected + ", got " + actual + " (relative error "
                        + Math.abs(actual - expected) / Math.abs(expected) + ")");
    }
}
