package dev.thirty.papers.ntm;

import java.util.Arrays;

/**
 * Settings of an NTM run on the copy task, after pytorch-ntm's recipe (the paper's §4 with batch 1).
 *
 * @param hidden        the LSTM controller's width
 * @param rows          memory rows N
 * @param width         memory width M
 * @param sequences     training sequences (batch 1: one step each)
 * @param minLength     shortest training sequence
 * @param maxLength     longest training sequence
 * @param lr            RMSprop learning rate
 * @param momentum      RMSprop momentum
 * @param alpha         RMSprop smoothing constant
 * @param clip          gradients are clamped elementwise to [−clip, clip]
 * @param evalEvery     sequences between evaluations on the fixed held-out sequences
 * @param evalSequences held-out sequences per evaluation and per length of the generalisation table
 * @param lengths       the lengths of the generalisation table, ascending
 * @param model         {@code ntm}, or {@code lstm} for the baseline of stacked LSTM layers
 * @param lstmLayers    the baseline's layers
 * @param lstmHidden    the baseline's width
 */
public record NtmConfig(int hidden, int rows, int width, int sequences, int minLength, int maxLength, double lr,
                        double momentum, double alpha, double clip, int evalEvery, int evalSequences, int[] lengths,
                        String model, int lstmLayers, int lstmHidden) {

    public NtmConfig {
        require("ntm".equals(model) || "lstm".equals(model), "model must be ntm or lstm, got '" + model + "'");
        require(lstmLayers >= 1 && lstmHidden >= 1, "lstmLayers and lstmHidden must be positive");
        require(hidden >= 1 && width >= 1 && rows >= 2, "hidden and width must be positive and rows at least 2");
        require(sequences >= 1, "sequences must be positive, got " + sequences);
        require(minLength >= 1 && maxLength >= minLength,
                "need 1 <= minLength <= maxLength, got " + minLength + ".." + maxLength);
        require(lr > 0 && Double.isFinite(lr), "lr must be positive, got " + lr);
        require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
        require(alpha > 0 && alpha < 1, "alpha must be in (0, 1), got " + alpha);
        require(clip > 0, "clip must be positive, got " + clip);
        require(evalEvery >= 1 && evalSequences >= 1, "evalEvery and evalSequences must be positive");
        require(lengths != null && lengths.length > 0, "lengths needs at least one length");
        lengths = lengths.clone();
        for (int i = 0; i < lengths.length; i++) {
            require(lengths[i] >= 1 && (i == 0 || lengths[i] > lengths[i - 1]),
                    "lengths must be positive and ascending, got " + Arrays.toString(lengths));
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public int[] lengths() {
        return lengths.clone();
    }

    /** pytorch-ntm's copy task: LSTM 100, memory 128 x 20, lengths 1–20, 25,000 sequences (about 6 minutes). */
    public static NtmConfig copy() {
        return new NtmConfig(100, 128, 20, 25_000, 1, 20, 1e-4, 0.9, 0.95, 10, 500, 50,
                new int[] {10, 20, 30, 40, 60, 80}, "ntm", 3, 54);
    }

    /**
     * The LSTM baseline on the same task and recipe: 3 layers like the paper's, but 54 wide, so that its
     * 62,000 parameters match the NTM's 62,660 (the paper's 3 x 256 has 1.35 million).
     */
    public static NtmConfig lstm() {
        return new NtmConfig(100, 128, 20, 25_000, 1, 20, 1e-4, 0.9, 0.95, 10, 500, 50,
                new int[] {10, 20, 30, 40, 60, 80}, "lstm", 3, 54);
    }

    /** A short run for tests: the same machine on sequences of 1–3 vectors. */
    public static NtmConfig ci() {
        return new NtmConfig(100, 128, 20, 3_000, 1, 3, 1e-4, 0.9, 0.95, 10, 500, 50, new int[] {3, 6}, "ntm", 3, 54);
    }
}
