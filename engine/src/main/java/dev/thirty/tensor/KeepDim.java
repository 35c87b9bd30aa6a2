package dev.thirty.tensor;

/** Whether a reduction keeps each reduced axis as a dimension of size 1 or removes it. */
public enum KeepDim {
    /** {@code (2, 3, 4)} reduced over axis 1 gives {@code (2, 1, 4)}: broadcastable against the input. */
    YES,
    /** {@code (2, 3, 4)} reduced over axis 1 gives {@code (2, 4)}. */
    NO
}
