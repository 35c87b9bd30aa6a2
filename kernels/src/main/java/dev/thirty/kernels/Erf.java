package dev.thirty.kernels;

/**
 * The error function, its complement and the standard normal distribution function in double
 * precision ({@link Math} has none of them): W. J. Cody, "Rational Chebyshev approximations for
 * the error function", Mathematics of Computation 23 (1969), 631-637, with the coefficients of his
 * tables for double precision (also those of his SPECFUN routine CALERF). Relative error about
 * 1e-16 in erf and, for positive arguments, in erfc down to its underflow near 26.5.
 *
 * <p>Three intervals of {@code y = |x|}:
 * <ul>
 *   <li>{@code y <= 0.46875}: {@code erf(x) = x N1(y^2) / D1(y^2)} (degree 4 over 4);</li>
 *   <li>{@code 0.46875 < y <= 4}: {@code erfc(y) = e^(-y^2) N2(y) / D2(y)} (degree 8 over 8);</li>
 *   <li>{@code y > 4}: {@code erfc(y) = e^(-y^2) / y (1/sqrt(pi) - z N3(z) / D3(z))} with
 *       {@code z = 1/y^2} (degree 5 over 5), the asymptotic expansion's form.</li>
 * </ul>
 * Then {@code erf = 1 - erfc} and {@code erfc(-y) = 2 - erfc(y)}. As in Cody's program, the factor
 * {@code e^(-y^2)} is formed as {@code e^(-s^2) e^(-(y-s)(y+s))} with {@code s = y} truncated to
 * sixteenths, so the rounding of {@code y^2} does not enter it. NaN gives NaN;
 * {@code erf(+-inf) = +-1}, {@code erfc(+inf) = 0}, {@code erfc(-inf) = 2}.
 */
public final class Erf {

    private static final double SMALL = 0.46875;
    private static final double ASYMPTOTIC = 4;
    // erfc(y) is below the smallest double beyond this
    private static final double ERFC_UNDERFLOW = 26.543;
    private static final double INV_SQRT_PI = 5.6418958354775628695e-1;
    private static final double INV_SQRT_2 = 0.70710678118654752440;

    // Cody's coefficients, highest power first; every denominator's leading coefficient is 1
    private static final double[] N1 = {1.85777706184603153e-1, 3.16112374387056560e0, 1.13864154151050156e2,
        3.77485237685302021e2, 3.20937758913846947e3};
    private static final double[] D1 = {1, 2.36012909523441209e1, 2.44024637934444173e2, 1.28261652607737228e3,
        2.84423683343917062e3};
    private static final double[] N2 = {2.15311535474403846e-8, 5.64188496988670089e-1, 8.88314979438837594e0,
        6.61191906371416295e1, 2.98635138197400131e2, 8.81952221241769090e2, 1.71204761263407058e3,
        2.05107837782607147e3, 1.23033935479799725e3};
    private static final double[] D2 = {1, 1.57449261107098347e1, 1.17693950891312499e2, 5.37181101862009858e2,
        1.62138957456669019e3, 3.29079923573345963e3, 4.36261909014324716e3, 3.43936767414372164e3,
        1.23033935480374942e3};
    private static final double[] N3 = {1.63153871373020978e-2, 3.05326634961232344e-1, 3.60344899949804439e-1,
        1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4};
    private static final double[] D3 = {1, 2.56852019228982242e0, 1.87295284992346047e0, 5.27905102951428412e-1,
        6.05183413124413191e-2, 2.33520497626869185e-3};

    private Erf() {
    }

    /** {@code erf(x) = 2/sqrt(pi) * integral of e^(-t^2) from 0 to x}. */
    public static double erf(double x) {
        double y = Math.abs(x);
        if (!(y > SMALL)) {  // NaN too: x * NaN is NaN
            return small(x);
        }
        return Math.copySign(1 - upper(y), x);
    }

    /** {@code erfc(x) = 1 - erf(x)}, without the cancellation for large positive x. */
    public static double erfc(double x) {
        double y = Math.abs(x);
        if (Double.isNaN(x)) {
            return x;
        }
        if (y <= SMALL) {
            return 1 - small(x);
        }
        double tail = upper(y);
        return x < 0 ? 2 - tail : tail;
    }

    /**
     * The standard normal distribution function {@code Phi(x) = erfc(-x/sqrt 2) / 2}, with full
     * relative accuracy in the lower tail (down to {@code x} near -37.5, where it underflows).
     */
    public static double normalCdf(double x) {
        return 0.5 * erfc(-x * INV_SQRT_2);
    }

    /** {@code erf(x)} for {@code |x| <= 0.46875}. */
    private static double small(double x) {
        double z = x * x;
        return x * horner(N1, z) / horner(D1, z);
    }

    /** {@code erfc(y)} for {@code y > 0.46875}. */
    private static double upper(double y) {
        if (y <= ASYMPTOTIC) {
            return gaussian(y) * horner(N2, y) / horner(D2, y);
        }
        if (y >= ERFC_UNDERFLOW) {
            return 0;
        }
        double z = 1 / (y * y);
        return gaussian(y) * (INV_SQRT_PI - z * horner(N3, z) / horner(D3, z)) / y;
    }

    /** {@code e^(-y^2)} as {@code e^(-s^2) e^(-(y - s)(y + s))}, {@code s^2} exact. */
    private static double gaussian(double y) {
        double s = Math.floor(16 * y) / 16;
        return Math.exp(-s * s) * Math.exp(-(y - s) * (y + s));
    }

    private static double horner(double[] c, double z) {
        double r = c[0];
        for (int i = 1; i < c.length; i++) {
            r = r * z + c[i];
        }
        return r;
    }
}
