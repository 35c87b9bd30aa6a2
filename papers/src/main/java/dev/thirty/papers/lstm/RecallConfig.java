package dev.thirty.papers.lstm;

import java.util.Arrays;

/**
 * The comparison of {@code thirty run lstm}: every cell trained afresh on each gap.
 *
 * @param gaps        the gaps to test, each at least 0
 * @param symbols     values to recall (chance is 1 / symbols)
 * @param lstmHidden  the LSTM's hidden width; its recurrent-layer parameter count is the budget
 *                    the RNN and GRU are sized to match
 * @param steps       Adam steps per cell and gap
 * @param batch       fresh sequences per step
 * @param lr          Adam's learning rate
 * @param clip        gradient clipping by global norm
 * @param testSize    fresh sequences for the final accuracy
 */
public record RecallConfig(int[] gaps, int symbols, int lstmHidden, int steps, int batch, double lr,
                           double clip, int testSize) {

    public RecallConfig {
        require(gaps != null && gaps.length > 0 && Arrays.stream(gaps).allMatch(g -> g >= 0),
                "gaps must be a non-empty list of gaps >= 0, got " + Arrays.toString(gaps));
        require(symbols >= 2, "symbols must be at least 2, got " + symbols);
        require(lstmHidden >= 1, "lstmHidden must be positive, got " + lstmHidden);
        require(steps >= 1 && batch >= 1 && testSize >= 1, "steps, batch and testSize must be positive");
        require(lr > 0 && Double.isFinite(lr), "lr must be positive, got " + lr);
        require(clip > 0, "clip must be positive, got " + clip);
        gaps = gaps.clone();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public int[] gaps() {
        return gaps.clone();
    }

    /** Gaps from 5 to 80, a 32-wide LSTM: a few minutes on a laptop CPU. */
    public static RecallConfig cpu() {
        return new RecallConfig(new int[] {5, 10, 20, 40, 80}, 4, 32, 800, 32, 1e-2, 1.0, 1_000);
    }

    /** Two gaps, a 16-wide LSTM, 400 steps: seconds per cell, for tests and a first look. */
    public static RecallConfig tiny() {
        return new RecallConfig(new int[] {10, 40}, 4, 16, 400, 32, 1e-2, 1.0, 500);
    }
}
