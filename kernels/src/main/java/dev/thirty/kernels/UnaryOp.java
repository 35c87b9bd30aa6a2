package dev.thirty.kernels;

/**
 * The elementwise functions the kernels evaluate, with the derivative each backward pass uses.
 *
 * <p>{@code GELU} is the tanh approximation used by GPT-2 and nanoGPT:
 * {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}.
 */
public enum UnaryOp {
    NEG,
    EXP,
    LOG,
    SQRT,
    TANH,
    SIGMOID,
    RELU,
    GELU,
    ABS,
    SQUARE
}
