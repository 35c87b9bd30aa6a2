package dev.thirty.optim;

/** Argument checks shared by the hyper-parameter records; messages name the optimizer. */
final class Checks {

    private Checks() {
    }

    static void nonNegative(String optimizer, String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(optimizer + ": " + name + " must be finite and >= 0, got " + value);
        }
    }

    static void positive(String optimizer, String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(optimizer + ": " + name + " must be finite and > 0, got " + value);
        }
    }

    /** A decay rate in {@code [0, 1)}. */
    static void rate(String optimizer, String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(optimizer + ": " + name + " must be in [0, 1), got " + value);
        }
    }
}
