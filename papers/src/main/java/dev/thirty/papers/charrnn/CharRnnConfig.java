package dev.thirty.papers.charrnn;

import dev.thirty.nn.recurrent.CellType;

/**
 * Settings of a char-rnn run; {@link #paper()} holds char-rnn's defaults ({@code train.lua}).
 *
 * @param cell          the recurrent cell ({@code --set cell=rnn|lstm|gru|peephole|coupled})
 * @param layers        stacked recurrent layers
 * @param hidden        width of every layer
 * @param seqLength     steps of truncated backpropagation through time per chunk
 * @param batch         parallel streams per chunk
 * @param lr            RMSprop learning rate
 * @param decay         RMSprop squared-gradient decay (char-rnn's {@code decay_rate})
 * @param lrDecay       the learning rate is multiplied by this after each epoch from {@code lrDecayAfter} on
 * @param lrDecayAfter  the epoch after which the learning rate starts to decay
 * @param clip          every gradient element is clamped to {@code [-clip, clip]}
 * @param dropout       dropout between layers and before the decoder, in [0, 1)
 * @param steps         training chunks (one RMSprop update each)
 * @param trainFraction this fraction of the text trains, the rest validates (how: {@code split})
 * @param split         how the text is divided into training and validation text
 * @param init          how the weights start
 * @param textLimit     use only the first this many characters of the text (0: all)
 * @param evalEvery     evaluate on validation chunks every this many steps
 * @param evalChunks    validation chunks in a periodic evaluation (0: all); the final one uses all
 */
public record CharRnnConfig(CellType cell, int layers, int hidden, int seqLength, int batch, double lr, double decay,
                            double lrDecay, int lrDecayAfter, double clip, double dropout, int steps,
                            double trainFraction, Split split, Init init, int textLimit, int evalEvery,
                            int evalChunks) {

    /** Where the validation text comes from ({@code --set split=file_order|streams}). */
    public enum Split {
        /** The first {@code trainFraction} of the file trains, the end of the file validates. */
        FILE_ORDER,
        /**
         * char-rnn's loader ({@code CharSplitLMMinibatchLoader}): the whole text is viewed as
         * {@code batch} parallel streams cut into chunks of {@code seqLength}; the first
         * {@code trainFraction} of the chunks train, the next {@code 1 - trainFraction} validate,
         * so validation text comes from {@code batch} places spread over the file.
         */
        STREAMS
    }

    /** How the weights start ({@code --set init=char_rnn|pytorch}). */
    public enum Init {
        /**
         * char-rnn's {@code train.lua}: every parameter {@code U(-0.08, 0.08)}, then the forget
         * gate's bias set to 1 (in {@code bias_ih}; its {@code bias_hh} block 0, so the sum is 1).
         */
        CHAR_RNN,
        /** PyTorch's defaults: recurrent weights {@code U(-1/sqrt(H), 1/sqrt(H))}, {@code nn.Linear}'s for the decoder. */
        PYTORCH
    }

    public CharRnnConfig {
        require(cell != null, "cell must be one of rnn, lstm, gru, peephole, coupled");
        require(layers >= 1, "layers must be positive, got " + layers);
        require(hidden >= 1, "hidden must be positive, got " + hidden);
        require(seqLength >= 1, "seqLength must be positive, got " + seqLength);
        require(batch >= 1, "batch must be positive, got " + batch);
        require(lr > 0 && Double.isFinite(lr), "lr must be positive, got " + lr);
        require(decay >= 0 && decay < 1, "decay must be in [0, 1), got " + decay);
        require(lrDecay > 0 && lrDecay <= 1, "lrDecay must be in (0, 1], got " + lrDecay);
        require(lrDecayAfter >= 0, "lrDecayAfter must be >= 0, got " + lrDecayAfter);
        require(clip > 0, "clip must be positive, got " + clip);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        require(steps >= 1, "steps must be positive, got " + steps);
        require(trainFraction > 0 && trainFraction < 1, "trainFraction must be in (0, 1), got " + trainFraction);
        require(split != null, "split must be file_order or streams");
        require(init != null, "init must be char_rnn or pytorch");
        require(textLimit >= 0, "textLimit must be >= 0, got " + textLimit);
        require(evalEvery >= 1, "evalEvery must be positive, got " + evalEvery);
        require(evalChunks >= 0, "evalChunks must be >= 0, got " + evalChunks);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * char-rnn's defaults: 2 x 128 LSTM, sequences of 50, batches of 50, RMSprop lr 2e-3 decay
     * 0.95, lr x0.97 per epoch after epoch 10, clamp 5, no dropout, char-rnn's initialisation,
     * 50 epochs of tiny Shakespeare (401 chunks an epoch). The split is the first 90% of the file
     * for training and the last 10% for validation, where char-rnn validates on 5% of its chunks
     * ({@code --set split=streams --set trainFraction=0.95} for that).
     */
    public static CharRnnConfig paper() {
        return new CharRnnConfig(CellType.LSTM, 2, 128, 50, 50, 2e-3, 0.95, 0.97, 10, 5, 0, 20_050, 0.9,
                Split.FILE_ORDER, Init.CHAR_RNN, 0, 1_000, 0);
    }

    /** The paper's model and optimiser for about 5 epochs: minutes on a laptop CPU. */
    public static CharRnnConfig cpu() {
        return new CharRnnConfig(CellType.LSTM, 2, 128, 50, 50, 2e-3, 0.95, 0.97, 10, 5, 0, 2_000, 0.9,
                Split.FILE_ORDER, Init.CHAR_RNN, 0, 250, 10);
    }

    /** A seconds-long run for tests: 1 x 64 LSTM on the first 100k characters. */
    public static CharRnnConfig tiny() {
        return new CharRnnConfig(CellType.LSTM, 1, 64, 25, 32, 4e-3, 0.95, 0.97, 10, 5, 0, 200, 0.9,
                Split.FILE_ORDER, Init.CHAR_RNN, 100_000, 100, 0);
    }
}
