package dev.thirty.papers.kolmogorov;

import dev.thirty.io.compress.Compressor;

/**
 * Normalized compression distance (Cilibrasi and Vitányi 2005, §3), the computable stand-in
 * for the normalized information distance max(K(x|y), K(y|x)) / max(K(x), K(y)):
 *
 * <pre>NCD(x, y) = (C(xy) − min(C(x), C(y))) / max(C(x), C(y))</pre>
 *
 * where C is a compressed size and xy the concatenation. Near 0 for a string and itself, near 1
 * (slightly above, for framing) for strings that share nothing.
 *
 * <p>Deviation from the paper: none in the formula. The compressor's window must hold both strings
 * (gzip: 32 KiB), or it cannot see x while compressing y and NCD drifts to 1; slices of a few KB keep
 * every pair inside all our compressors' windows.
 */
public final class Ncd {

    private Ncd() {
    }

    public static double distance(Compressor compressor, byte[] x, byte[] y) {
        return distance(compressor.compressedSize(x), compressor.compressedSize(y),
                compressor.compressedSize(concat(x, y)));
    }

    /** NCD from the three compressed sizes C(x), C(y), C(xy). */
    public static double distance(int cx, int cy, int cxy) {
        return (double) (cxy - Math.min(cx, cy)) / Math.max(cx, cy);
    }

    /** The symmetric matrix of NCDs, each pair measured as xy and as yx and averaged. */
    public static double[][] matrix(Compressor compressor, byte[][] items) {
        int n = items.length;
        int[] single = new int[n];
        for (int i = 0; i < n; i++) {
            single[i] = compressor.compressedSize(items[i]);
        }
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double ij = distance(single[i], single[j], compressor.compressedSize(concat(items[i], items[j])));
                double ji = i == j ? ij
                        : distance(single[j], single[i], compressor.compressedSize(concat(items[j], items[i])));
                d[i][j] = d[j][i] = (ij + ji) / 2;
            }
        }
        return d;
    }

    static byte[] concat(byte[] x, byte[] y) {
        byte[] xy = new byte[x.length + y.length];
        System.arraycopy(x, 0, xy, 0, x.length);
        System.arraycopy(y, 0, xy, x.length, y.length);
        return xy;
    }
}
