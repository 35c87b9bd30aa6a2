package dev.thirty.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thirty.tensor.Rng;
import org.junit.jupiter.api.Test;

class SymmetricEigen3Test {

    @Test
    void knownMatrixHasItsKnownEigenpairs() {
        // [[2, 1, 0], [1, 2, 0], [0, 0, 5]]: 5 on e3, 3 on (1, 1, 0)/sqrt2, 1 on (1, -1, 0)/sqrt2
        SymmetricEigen3 e = SymmetricEigen3.of(new double[][] {{2, 1, 0}, {1, 2, 0}, {0, 0, 5}});
        assertArrayEquals(new double[] {5, 3, 1}, e.values(), 1e-12);
        double r = Math.sqrt(0.5);
        assertEquals(1, Math.abs(e.vectors()[0][2]), 1e-12);
        assertEquals(1, Math.abs(e.vectors()[1][0] + e.vectors()[1][1]) / (2 * r), 1e-12);
        assertEquals(0, e.vectors()[2][0] + e.vectors()[2][1], 1e-12);
    }

    @Test
    void randomSymmetricMatricesAreRebuiltFromOrthonormalEigenvectors() {
        Rng rng = Rng.seeded(3);
        for (int trial = 0; trial < 200; trial++) {
            double[][] a = new double[3][3];
            for (int i = 0; i < 3; i++) {
                for (int j = i; j < 3; j++) {
                    a[i][j] = a[j][i] = (rng.nextDouble() - 0.5) * Math.pow(10, trial % 7 - 3);
                }
            }
            SymmetricEigen3 e = SymmetricEigen3.of(a);
            double scale = 0;
            for (double[] row : a) {
                for (double x : row) {
                    scale = Math.max(scale, Math.abs(x));
                }
            }
            assertTrue(e.values()[0] >= e.values()[1] && e.values()[1] >= e.values()[2], "sorted, largest first");
            double worst = 0;
            String where = "";
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double rebuilt = 0;
                    double dot = 0;
                    for (int k = 0; k < 3; k++) {
                        rebuilt += e.values()[k] * e.vectors()[k][i] * e.vectors()[k][j];
                        dot += e.vectors()[i][k] * e.vectors()[j][k];
                    }
                    double err = Math.max(Math.abs(rebuilt - a[i][j]) / scale, Math.abs(dot - (i == j ? 1 : 0)));
                    if (err > worst) {
                        worst = err;
                        where = "(" + i + ", " + j + ")";
                    }
                }
            }
            assertTrue(worst < 1e-12, "trial " + trial + ": largest error " + worst + " at " + where);
        }
    }

    @Test
    void repeatedAndZeroEigenvaluesAreFine() {
        assertArrayEquals(new double[] {0, 0, 0}, SymmetricEigen3.of(new double[3][3]).values());
        SymmetricEigen3 e = SymmetricEigen3.of(new double[][] {{4, 0, 0}, {0, 4, 0}, {0, 0, 4}});
        assertArrayEquals(new double[] {4, 4, 4}, e.values());
    }

    @Test
    void asymmetricInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen3.of(new double[][] {{1, 2, 0}, {0, 1, 0},
            {0, 0, 1}}));
    }
}
