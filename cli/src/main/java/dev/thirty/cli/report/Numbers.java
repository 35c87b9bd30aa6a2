package dev.thirty.cli.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How the report writes numbers: a few significant digits, plain where readable. */
final class Numbers {

    static final int DIGITS = 4;

    private Numbers() {
    }

    /** {@code 0.97799999} as {@code 0.978}, {@code 1200.0} as {@code 1200}, {@code 3e-7} as {@code 3E-7}. */
    static String format(double v) {
        return format(v, DIGITS);
    }

    static String format(double v, int significantDigits) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(significantDigits)).stripTrailingZeros();
        double magnitude = Math.abs(v);
        return magnitude >= 1e-4 && magnitude < 1e7 ? rounded.toPlainString() : rounded.toString();
    }

    /**
     * Two numbers with as few digits as keep them apart, so that {@code 0.97796} against a target of
     * {@code 0.978} is not shown as {@code 0.978} against {@code 0.978}.
     */
    static String[] distinct(double a, double b) {
        int digits = DIGITS;
        while (a != b && digits < 17 && format(a, digits).equals(format(b, digits))) {
            digits++;
        }
        return new String[] {format(a, digits), format(b, digits)};
    }

    /** {@code 73.2} as {@code 73.2 s}, {@code 3725} as {@code 1 h 2 min 5 s}. */
    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = s % 3600 / 60;
        String rest = m + " min " + s % 60 + " s";
        return h > 0 ? h + " h " + rest : rest;
    }
}
