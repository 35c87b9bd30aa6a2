package dev.thirty.papers.gpt;

/**
 * The shape of a GPT (nanoGPT's {@code GPTConfig}).
 *
 * @param vocab     token vocabulary size
 * @param blockSize the longest context, in tokens
 * @param layers    transformer blocks
 * @param heads     attention heads per block; {@code width} must divide by it
 * @param width     the residual stream's width ({@code n_embd})
 * @param dropout   on embeddings, attention output and MLP output (0 in the CPU recipe)
 * @param gelu      the MLP's GELU: nanoGPT's exact form, or GPT-2's tanh approximation
 */
public record GptConfig(int vocab, int blockSize, int layers, int heads, int width, float dropout, Gelu gelu) {

    public GptConfig {
        if (vocab < 2 || blockSize < 1 || layers < 1 || heads < 1 || width < 1 || width % heads != 0) {
            throw new IllegalArgumentException("gpt: need positive sizes and width divisible by heads, got " + this);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("gpt: dropout must be in [0, 1), got " + dropout);
        }
        if (gelu == null) {
            throw new IllegalArgumentException("gpt: the GELU form (exact or tanh) is missing");
        }
    }
}
