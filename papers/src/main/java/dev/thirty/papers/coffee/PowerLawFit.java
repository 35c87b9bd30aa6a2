package dev.thirty.papers.coffee;

/**
 * A least-squares line through (log x, log y): y ≈ prefactor · x^exponent, with the r² of the fit
 * in log space. The scaling claims of §7 (complexity ~ n, entropy ~ n², peak time ~ n²) are
 * claims about this exponent.
 *
 * @param exponent  the slope of log y against log x
 * @param prefactor e^intercept
 * @param r2        1 − residual / total sum of squares of log y; 1 for points exactly on a power law
 */
public record PowerLawFit(double exponent, double prefactor, double r2) {

    /** Fits y ≈ a·x^b to points with x, y > 0 (at least two distinct x). */
    public static PowerLawFit of(double[] x, double[] y) {
        double[] lx = logs(x);
        double[] ly = logs(y);
        double[] line = LinearFit.line(lx, ly);
        return new PowerLawFit(line[1], Math.exp(line[0]), line[2]);
    }

    /** Natural logs, refusing values that have none. */
    private static double[] logs(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0) || Double.isInfinite(v[i])) {
                throw new IllegalArgumentException("a power law needs positive finite values, got " + v[i] + " at " + i);
            }
            out[i] = Math.log(v[i]);
        }
        return out;
    }

    /** Ordinary least squares y ≈ intercept + slope·x. */
    static final class LinearFit {

        private LinearFit() {
        }

        /** {@code {intercept, slope, r²}}; r² is 1 when y is constant and exactly fitted. */
        static double[] line(double[] x, double[] y) {
            if (x.length != y.length || x.length < 2) {
                throw new IllegalArgumentException("need at least two (x, y) pairs, got " + x.length + " and " + y.length);
            }
            int m = x.length;
            double mx = 0;
            double my = 0;
            for (int i = 0; i < m; i++) {
                mx += x[i] / m;
                my += y[i] / m;
            }
            double sxx = 0;
            double sxy = 0;
            double syy = 0;
            for (int i = 0; i < m; i++) {
                sxx += (x[i] - mx) * (x[i] - mx);
                sxy += (x[i] - mx) * (y[i] - my);
                syy += (y[i] - my) * (y[i] - my);
            }
            if (sxx == 0) {
                throw new IllegalArgumentException("all x are equal: no line through them");
            }
            double slope = sxy / sxx;
            double residual = 0;
            for (int i = 0; i < m; i++) {
                double e = y[i] - (my + slope * (x[i] - mx));
                residual += e * e;
            }
            double r2 = syy == 0 ? 1.0 : 1.0 - residual / syy;
            return new double[] {my - slope * mx, slope, r2};
        }
    }
}
