package dev.thirty.kernels;

import java.util.Locale;

/** Which implementation of the kernel families runs. */
public enum Backend {
    /** Plain Java loops: the reference every other backend is tested against. */
    SCALAR,
    /** The Vector API ({@code jdk.incubator.vector}) versions. */
    VECTOR;

    /**
     * Parses a backend name as given in {@code THIRTY_KERNELS} or {@code -Dthirty.kernels}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Backend parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown kernel backend '" + name + "': expected scalar or vector", e);
        }
    }
}
