package dev.thirty.papers.rnnreg;

/**
 * Settings of the dropout ablation: one model trained three times from the same initial weights, without
 * dropout, with dropout on the non-recurrent connections (the paper's method), and with dropout also on the
 * recurrent connections (the naive way).
 *
 * @param model   the model and its training; its own dropout settings are replaced arm by arm
 * @param dropout the dropout probability of the two arms that drop
 */
public record AblationConfig(PtbConfig model, double dropout) {

    public AblationConfig {
        if (model == null) {
            throw new IllegalArgumentException("model must be given");
        }
        if (!(dropout > 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in (0, 1), got " + dropout);
        }
    }

    /** One training of the ablation. */
    record Arm(String name, String label, PtbConfig config) {
    }

    /** The three arms, in the order they run. */
    Arm[] arms() {
        return new Arm[] {
            new Arm("none", "no dropout", model.withDropout(0, 0)),
            new Arm("nonrecurrent", "dropout on non-recurrent connections (the paper)", model.withDropout(dropout, 0)),
            new Arm("naive", "dropout also on h(t-1) -> h(t)", model.withDropout(dropout, dropout)),
        };
    }

    /**
     * A medium-sized model cut to fit a CPU: 2 x 256 units, the medium model's 35 steps, initialisation and
     * schedule (lr 1 for 6 epochs, then divided by 1.2), dropout 0.5, 8 epochs on the first 200,000 training
     * words so that the model without dropout overfits within them; validated on the whole validation text in
     * 20 streams, as the reference code validates.
     */
    public static AblationConfig ablation() {
        return new AblationConfig(new PtbConfig(2, 256, 35, 20, 0.5, 0, 0.05, 1, 1 / 1.2, 6, 8, 5, 200_000, 0, 20),
                0.5);
    }

    /** Seconds: 2 x 64 for 4 epochs on the first 30,000 words, validated on 5,000. */
    public static AblationConfig tiny() {
        return new AblationConfig(new PtbConfig(2, 64, 20, 20, 0.5, 0, 0.1, 1, 0.5, 4, 4, 5, 30_000, 5_000, 1), 0.5);
    }
}
