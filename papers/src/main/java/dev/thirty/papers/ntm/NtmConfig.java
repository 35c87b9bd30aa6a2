package dev.thirty.papers.ntm;

import java.util.Arrays;
import java.util.List;

/**
 * Settings of an NTM run on a task of §4, after pytorch-ntm's recipe (the paper's §4 with batch 1).
 *
 * @param hidden        the LSTM controller's width
 * @param rows          memory rows N
 * @param width         memory width M
 * @param sequences     training sequences (batch 1: one step each)
 * @param minLength     smallest training episode: the sequence length (copy, repeat copy), the items
 *                      (recall) or the input vectors (sort)
 * @param maxLength     largest training episode
 * @param lr            RMSprop learning rate
 * @param momentum      RMSprop momentum
 * @param alpha         RMSprop smoothing constant
 * @param clip          gradients are clamped elementwise to [−clip, clip]
 * @param evalEvery     sequences between evaluations on the fixed held-out sequences
 * @param evalSequences held-out sequences per evaluation and per length of the generalisation table
 * @param lengths       the sizes of the generalisation table, ascending
 * @param model         {@code ntm}, {@code lstm} for the baseline of stacked LSTM layers, or {@code both}
 *                      side by side on the same sequences (their learning curves on one plot)
 * @param lstmLayers    the baseline's layers
 * @param lstmHidden    the baseline's width
 * @param task          {@code copy}, {@code repeat-copy}, {@code recall} or {@code sort}
 * @param readHeads     the NTM's read heads
 * @param writeHeads    the NTM's write heads
 * @param minRepeats    repeat copy: the fewest copies asked for in training
 * @param maxRepeats    repeat copy: the most
 * @param controller    the NTM's controller: {@code lstm} or {@code feedforward} (one tanh layer of
 *                      {@code hidden} units)
 */
public record NtmConfig(int hidden, int rows, int width, int sequences, int minLength, int maxLength, double lr,
                        double momentum, double alpha, double clip, int evalEvery, int evalSequences, int[] lengths,
                        String model, int lstmLayers, int lstmHidden, String task, int readHeads, int writeHeads,
                        int minRepeats, int maxRepeats, String controller) {

    public NtmConfig {
        require(TASKS.contains(task), "task must be one of " + TASKS + ", got '" + task + "'");
        require("lstm".equals(controller) || "feedforward".equals(controller),
                "controller must be lstm or feedforward, got '" + controller + "'");
        require(readHeads >= 1 && writeHeads >= 1, "readHeads and writeHeads must be positive");
        require(minRepeats >= 1 && maxRepeats >= minRepeats,
                "need 1 <= minRepeats <= maxRepeats, got " + minRepeats + ".." + maxRepeats);
        require(!"recall".equals(task) || minLength >= 2, "recall needs at least 2 items (minLength), got " + minLength
                + "; --preset recall has the paper's 2-6 items");
        require("ntm".equals(model) || "lstm".equals(model) || "both".equals(model),
                "model must be ntm, lstm or both, got '" + model + "'");
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

    /** This configuration with another controller. */
    public NtmConfig withController(String kind) {
        return new NtmConfig(hidden, rows, width, sequences, minLength, maxLength, lr, momentum, alpha, clip, evalEvery,
                evalSequences, lengths, model, lstmLayers, lstmHidden, task, readHeads, writeHeads, minRepeats,
                maxRepeats, kind);
    }

    /** The tasks {@code task} names. */
    public static final List<String> TASKS = List.of("copy", "repeat-copy", "recall", "sort");

    /** A copy-task configuration with one read and one write head. */
    public NtmConfig(int hidden, int rows, int width, int sequences, int minLength, int maxLength, double lr,
                     double momentum, double alpha, double clip, int evalEvery, int evalSequences, int[] lengths,
                     String model, int lstmLayers, int lstmHidden) {
        this(hidden, rows, width, sequences, minLength, maxLength, lr, momentum, alpha, clip, evalEvery, evalSequences,
                lengths, model, lstmLayers, lstmHidden, "copy", 1, 1, 1, 10, "lstm");
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

    /**
     * The NTM and the LSTM baseline trained side by side on the same copy sequences: the paper's Figure 3,
     * their learning curves on one plot, and the generalisation table with a column for each.
     */
    public static NtmConfig compare() {
        return new NtmConfig(100, 128, 20, 25_000, 1, 20, 1e-4, 0.9, 0.95, 10, 500, 50,
                new int[] {10, 20, 30, 40, 60, 80}, "both", 3, 54);
    }

    /** A short run for tests: the same machine on sequences of 1–3 vectors. */
    public static NtmConfig ci() {
        return new NtmConfig(100, 128, 20, 3_000, 1, 3, 1e-4, 0.9, 0.95, 10, 500, 50, new int[] {3, 6}, "ntm", 3, 54);
    }

    /**
     * Repeat copy (§4.2): sequences of 1–10 vectors asked for 1–10 times, as the paper trains; the table
     * runs longer sequences at the training counts.
     */
    public static NtmConfig repeatCopy() {
        return new NtmConfig(100, 128, 20, 50_000, 1, 10, 1e-4, 0.9, 0.95, 10, 500, 50, new int[] {10, 15, 20},
                "ntm", 3, 54, "repeat-copy", 1, 1, 1, 10, "lstm");
    }

    /** Associative recall (§4.3): 2–6 items of three 6-bit vectors; the table asks of up to 12 items. */
    public static NtmConfig recall() {
        return new NtmConfig(100, 128, 20, 50_000, 2, 6, 1e-4, 0.9, 0.95, 10, 500, 50, new int[] {6, 8, 10, 12},
                "ntm", 3, 54, "recall", 1, 1, 1, 10, "lstm");
    }

    /**
     * Priority sort (§4.4): 20 vectors, the 16 highest wanted, with the paper's 8 heads (taken here as 4 read
     * and 4 write; the paper does not say how its 8 divide).
     */
    public static NtmConfig sort() {
        return new NtmConfig(100, 128, 20, 50_000, 20, 20, 1e-4, 0.9, 0.95, 10, 500, 50, new int[] {10, 20, 30},
                "ntm", 3, 54, "sort", 4, 4, 1, 10, "lstm");
    }
}
