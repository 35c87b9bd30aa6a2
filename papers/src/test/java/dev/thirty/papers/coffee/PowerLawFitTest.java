package dev.thirty.papers.coffee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PowerLawFitTest {

    private static final double[] SIZES = {20, 30, 50, 70, 100};

    @Test
    void exactPowerLawsGiveTheirExponentPrefactorAndUnitR2() {
        for (double b : new double[] {-0.5, 1, 2, 2.37}) {
            double[] y = new double[SIZES.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = 3.5 * Math.pow(SIZES[i], b);
            }
            PowerLawFit fit = PowerLawFit.of(SIZES, y);
            assertEquals(b, fit.exponent(), 1e-12, "exponent");
            assertEquals(3.5, fit.prefactor(), 1e-9, "prefactor");
            assertEquals(1.0, fit.r2(), 1e-12, "r2");
        }
    }

    /**
     * ±10% multiplicative noise on n² over a 5× range of n: the slope error is at most about
     * 0.1 / (spread of log n ≈ 0.6) ≈ 0.2 in the worst case, and r² must fall below 1 but stay
     * high because the trend (log y spans 3.2) dwarfs the noise (0.1).
     */
    @Test
    void noisyPowerLawKeepsItsExponentWithinTheNoiseAndLowersR2() {
        SplittableRandom rng = new SplittableRandom(17);
        double[] y = new double[SIZES.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = SIZES[i] * SIZES[i] * (1 + 0.1 * (2 * rng.nextDouble() - 1));
        }
        PowerLawFit fit = PowerLawFit.of(SIZES, y);
        assertEquals(2, fit.exponent(), 0.2);
        assertTrue(fit.r2() < 1 && fit.r2() > 0.98, "r2 " + fit.r2());
    }

    @Test
    void noTrendMeansZeroR2ForALineThroughScatter() {
        double[] x = {1, 2, 3, 4};
        double[] y = {1, 3, 3, 1};
        double[] line = PowerLawFit.LinearFit.line(x, y);
        assertEquals(0, line[1], 1e-12, "slope");
        assertEquals(0, line[2], 1e-12, "r2");
    }

    @Test
    void refusesNonPositiveValuesAndEqualSizes() {
        assertThrows(IllegalArgumentException.class, () -> PowerLawFit.of(SIZES, new double[] {1, 2, 0, 4, 5}));
        assertThrows(IllegalArgumentException.class, () -> PowerLawFit.of(new double[] {5, 5}, new double[] {1, 2}));
    }

    @Test
    void smoothedPeakPrefersABroadBumpToOneSpike() {
        int[] y = {0, 9, 0, 0, 0, 5, 6, 7, 6, 5, 0};
        assertEquals(1, Curves.peakIndex(y));
        assertEquals(7, Curves.smoothedPeakIndex(y, 2));
    }
}
