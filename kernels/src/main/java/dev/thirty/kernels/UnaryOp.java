package dev.thirty.kernels;

/**
 * The elementwise functions the kernels evaluate, with the derivative each backward pass uses.
 *
 * <p>GELU (Hendrycks and Gimpel 2016) comes in two forms. {@code GELU} is the tanh approximation
 * used by GPT-2 (PyTorch's {@code gelu(x, approximate='tanh')}):
 * {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. {@code GELU_ERF} is the exact form
 * {@code x Phi(x) = 0.5 x (1 + erf(x / sqrt 2))}, Phi the standard normal distribution function
 * (PyTorch's default {@code gelu}, nanoGPT's {@code nn.GELU()}), with derivative
 * {@code Phi(x) + x phi(x)}, phi the normal density. The two differ by at most about 5e-4.
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
    GELU_ERF,
    ABS,
    SQUARE
}
