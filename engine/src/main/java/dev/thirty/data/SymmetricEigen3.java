package dev.thirty.data;

import java.util.Arrays;

/**
 * Eigen-decomposition of a symmetric 3x3 matrix, {@code A = V diag(values) V^T}, by the cyclic Jacobi
 * method (Jacobi, 1846; the rotation of Golub and Van Loan, "Matrix Computations", §8.5): each step
 * zeroes one off-diagonal pair {@code (p, q)} with the plane rotation {@code J} that has
 * {@code J[p][p] = J[q][q] = c}, {@code J[p][q] = s}, {@code J[q][p] = -s}, where
 * {@code t = s / c = sign(theta) / (|theta| + sqrt(theta^2 + 1))}, {@code theta = (a_qq - a_pp) / (2 a_pq)},
 * and accumulates {@code V = V J}. A 3x3 matrix converges to double precision in a handful of sweeps.
 *
 * <p>Used for the colour PCA of AlexNet §4.1 ({@link PcaColour}), on the 3x3 RGB covariance.
 *
 * @param values  the eigenvalues, largest first
 * @param vectors {@code vectors[k]} is the unit eigenvector of {@code values[k]}
 */
public record SymmetricEigen3(double[] values, double[][] vectors) {

    private static final int MAX_SWEEPS = 50;

    public SymmetricEigen3 {
        values = values.clone();
        vectors = new double[][] {vectors[0].clone(), vectors[1].clone(), vectors[2].clone()};
    }

    /**
     * The decomposition of {@code a}.
     *
     * @throws IllegalArgumentException unless {@code a} is 3x3, finite and symmetric (to 1e-9 relative)
     */
    public static SymmetricEigen3 of(double[][] a) {
        double[][] m = checkedCopy(a);
        double[][] v = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(m) > 0; sweep++) {
            rotate(m, v, 0, 1);
            rotate(m, v, 0, 2);
            rotate(m, v, 1, 2);
        }
        Integer[] order = {0, 1, 2};
        Arrays.sort(order, (i, j) -> Double.compare(m[j][j], m[i][i]));
        double[] values = new double[3];
        double[][] vectors = new double[3][3];
        for (int k = 0; k < 3; k++) {
            values[k] = m[order[k]][order[k]];
            for (int r = 0; r < 3; r++) {
                vectors[k][r] = v[r][order[k]]; // column order[k] of V
            }
        }
        return new SymmetricEigen3(values, vectors);
    }

    /** One Jacobi rotation zeroing {@code m[p][q]}: {@code m = J^T m J}, {@code v = v J}. */
    private static void rotate(double[][] m, double[][] v, int p, int q) {
        double apq = m[p][q];
        if (apq == 0) {
            return;
        }
        double theta = (m[q][q] - m[p][p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < 3; k++) {
            double kp = m[k][p];
            double kq = m[k][q];
            m[k][p] = c * kp - s * kq;
            m[k][q] = s * kp + c * kq;
        }
        for (int k = 0; k < 3; k++) {
            double pk = m[p][k];
            double qk = m[q][k];
            m[p][k] = c * pk - s * qk;
            m[q][k] = s * pk + c * qk;
        }
        m[p][q] = 0; // exactly zero by construction; rounding would leave a tiny residue
        m[q][p] = 0;
        for (int k = 0; k < 3; k++) {
            double kp = v[k][p];
            double kq = v[k][q];
            v[k][p] = c * kp - s * kq;
            v[k][q] = s * kp + c * kq;
        }
    }

    /** The off-diagonal mass, or 0 once it is negligible against the diagonal. */
    private static double offDiagonal(double[][] m) {
        double off = Math.abs(m[0][1]) + Math.abs(m[0][2]) + Math.abs(m[1][2]);
        double diag = Math.abs(m[0][0]) + Math.abs(m[1][1]) + Math.abs(m[2][2]);
        return off <= 1e-17 * diag ? 0 : off;
    }

    private static double[][] checkedCopy(double[][] a) {
        if (a.length != 3 || a[0].length != 3 || a[1].length != 3 || a[2].length != 3) {
            throw new IllegalArgumentException("need a 3x3 matrix");
        }
        double scale = 0;
        for (double[] row : a) {
            for (double x : row) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("matrix entries must be finite, got " + x);
                }
                scale = Math.max(scale, Math.abs(x));
            }
        }
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                if (Math.abs(a[i][j] - a[j][i]) > 1e-9 * scale) {
                    throw new IllegalArgumentException("matrix is not symmetric: [" + i + "][" + j + "] = " + a[i][j]
                            + ", [" + j + "][" + i + "] = " + a[j][i]);
                }
            }
        }
        return new double[][] {a[0].clone(), a[1].clone(), a[2].clone()};
    }
}
