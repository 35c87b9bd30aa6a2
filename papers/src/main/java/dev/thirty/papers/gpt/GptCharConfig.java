package dev.thirty.papers.gpt;

/**
 * Settings of the character GPT run, named after nanoGPT's {@code train.py} options.
 *
 * @param layers        transformer blocks ({@code n_layer})
 * @param heads         attention heads ({@code n_head})
 * @param width         residual width ({@code n_embd})
 * @param context       tokens per training sequence ({@code block_size})
 * @param batch         sequences per step ({@code batch_size})
 * @param dropout       dropout everywhere
 * @param lr            peak AdamW learning rate
 * @param minLr         the cosine's floor
 * @param beta1         AdamW beta1
 * @param beta2         AdamW beta2
 * @param weightDecay   decoupled weight decay on matrices (not on norm gains)
 * @param warmup        linear warmup steps
 * @param decaySteps    the step where the cosine reaches {@code minLr}
 * @param steps         training steps ({@code max_iters})
 * @param clip          global gradient-norm clip (0: none)
 * @param trainFraction the first part of the text used for training; the rest validates
 * @param evalEvery     estimate train and validation loss every this many steps
 * @param evalBatches   random batches per estimate ({@code eval_iters})
 * @param gelu          the MLP's GELU: {@code exact} ({@code x Phi(x)}, nanoGPT's {@code nn.GELU()}, every
 *                      preset's) or {@code tanh} (GPT-2's approximation). Runs saved before this setting
 *                      existed have none in their {@code config.json}; they were trained with the tanh
 *                      form, so a missing (null) value means {@code TANH}, and {@code thirty sample} and
 *                      {@code --resume} rebuild those models as they were trained.
 */
public record GptCharConfig(int layers, int heads, int width, int context, int batch, float dropout, double lr,
                            double minLr, double beta1, double beta2, double weightDecay, int warmup, int decaySteps,
                            int steps, double clip, double trainFraction, int evalEvery, int evalBatches,
                            Gelu gelu) {

    /** The form of every run saved before the {@code gelu} setting existed. */
    static final Gelu GELU_BEFORE_THE_SETTING = Gelu.TANH;

    public GptCharConfig {
        if (gelu == null) {
            gelu = GELU_BEFORE_THE_SETTING;
        }
        if (layers < 1 || heads < 1 || width < 1 || width % heads != 0 || context < 1 || batch < 1) {
            throw new IllegalArgumentException("gpt-char: need positive sizes and width divisible by heads, got "
                    + this);
        }
        if (!(lr > 0) || !(minLr >= 0 && minLr <= lr) || warmup < 0 || decaySteps <= warmup || steps < 1) {
            throw new IllegalArgumentException("gpt-char: need lr > 0, 0 <= minLr <= lr, decaySteps > warmup >= 0"
                    + " and steps >= 1, got " + this);
        }
        if (!(clip >= 0) || !(trainFraction > 0 && trainFraction < 1) || evalEvery < 1 || evalBatches < 1) {
            throw new IllegalArgumentException("gpt-char: need clip >= 0, trainFraction in (0, 1), evalEvery and"
                    + " evalBatches >= 1, got " + this);
        }
    }

    /** The model for a vocabulary of {@code vocab} characters. */
    public GptConfig model(int vocab) {
        return new GptConfig(vocab, context, layers, heads, width, dropout, gelu);
    }

    /** nanoGPT's CPU recipe for shakespeare_char (its README, "I only have a macbook"). */
    public static GptCharConfig cpu() {
        return new GptCharConfig(4, 4, 128, 64, 12, 0f, 1e-3, 1e-4, 0.9, 0.99, 0.1, 100, 2000, 2000, 1.0, 0.9,
                250, 20, Gelu.EXACT);
    }

    /** nanoGPT's config/train_shakespeare_char.py: the "baby GPT" (GPU-sized: 6 x 384, context 256). */
    public static GptCharConfig paper() {
        return new GptCharConfig(6, 6, 384, 256, 64, 0.2f, 1e-3, 1e-4, 0.9, 0.99, 0.1, 100, 5000, 5000, 1.0, 0.9,
                250, 200, Gelu.EXACT);
    }

    /** A seconds-long run for tests: 2 x 64, context 32, 300 steps. */
    public static GptCharConfig tiny() {
        return new GptCharConfig(2, 4, 64, 32, 12, 0f, 2e-3, 2e-4, 0.9, 0.99, 0.1, 30, 300, 300, 1.0, 0.9, 300, 10,
                Gelu.EXACT);
    }
}
