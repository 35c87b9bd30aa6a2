package dev.thirty.testkit;

/**
 * An elementwise comparison {@code |expected - actual| <= absolute + relative * |expected|}.
 * NaN never matches anything but NaN; infinities match only the same infinity.
 */
public record Tolerance(double absolute, double relative) {

    public Tolerance {
        if (!(absolute >= 0) || !(relative >= 0)) {
            throw new IllegalArgumentException("tolerances must be non-negative: " + absolute + ", " + relative);
        }
    }

    /** Bit-for-bit equality (NaN equal to NaN). */
    public static final Tolerance EXACT = new Tolerance(0, 0);

    public static Tolerance of(double absolute, double relative) {
        return new Tolerance(absolute, relative);
    }

    /** How far past the allowed error {@code actual} is: {@code <= 0} passes. */
    double excess(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return expected == actual ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.abs(expected - actual) - (absolute + relative * Math.abs(expected));
    }
}
