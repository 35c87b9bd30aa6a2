package dev.thirty.papers.gpt;

import dev.thirty.nn.Activation;

/**
 * Which GELU the MLP uses (the {@code gelu} setting of {@code gpt-char}): {@code EXACT} is
 * {@code x Phi(x)}, nanoGPT's {@code nn.GELU()} (PyTorch's default form); {@code TANH} is GPT-2's
 * tanh approximation, {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. The two differ by
 * at most about 5e-4, but a model keeps the form it was trained with.
 */
public enum Gelu {
    EXACT,
    TANH;

    /** The engine's activation for this form. */
    public Activation activation() {
        return switch (this) {
            case EXACT -> Activation.GELU_EXACT;
            case TANH -> Activation.GELU;
        };
    }
}
