package dev.thirty.papers.transformer;

/**
 * Settings of the copy-task run.
 *
 * @param model          the Transformer's shape (vocabulary 11: padding 0, symbols 1..10); its keys are set
 *                       as {@code model.KEY}, e.g. {@code --set model.positions=learned} for learned
 *                       positions (§3.5, Table 3 row (E)) instead of the sinusoids; runs recorded
 *                       without {@code model.positions} are sinusoidal
 * @param length         symbols per sequence, the start symbol included
 * @param batch          sequences per step
 * @param steps          optimizer steps (the Annotated Transformer: 20 epochs of 20 batches)
 * @param warmup         Noam warmup steps
 * @param factor         Noam scale (the Annotated Transformer's base lr 0.5 times its factor 1)
 * @param labelSmoothing eps_ls of §5.4
 * @param evalSequences  fresh random sequences greedily decoded at the end
 */
public record CopyTaskConfig(TransformerConfig model, int length, int batch, int steps, int warmup, double factor,
                             float labelSmoothing, int evalSequences) {

    public CopyTaskConfig {
        if (model == null) {
            throw new IllegalArgumentException("copy task: model is required");
        }
        if (length < 2 || length > model.maxLength() || batch < 1 || steps < 1 || warmup < 1 || evalSequences < 1) {
            throw new IllegalArgumentException("copy task: need 2 <= length <= maxLength and positive batch, steps,"
                    + " warmup and evalSequences, got " + this);
        }
        if (!(factor > 0) || !(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("copy task: need factor > 0 and labelSmoothing in [0, 1), got "
                    + factor + ", " + labelSmoothing);
        }
    }

    /** The Annotated Transformer's run: N 2, dModel 512, 400 steps of 80 sequences, warmup 400. */
    public static CopyTaskConfig paper() {
        return new CopyTaskConfig(new TransformerConfig(11, 2, 512, 2048, 8, 0.1f, 64), 10, 80, 400, 400, 0.5, 0.1f, 100);
    }

    /** A CPU-sized model trained for the same number of steps: under a minute on two cores. */
    public static CopyTaskConfig cpu() {
        return new CopyTaskConfig(new TransformerConfig(11, 2, 64, 256, 4, 0.1f, 64), 10, 80, 400, 100, 1.0, 0.1f, 100);
    }

    /** A quicker run (about 98% exact copies after 400 steps at seed 1; not yet 100%). */
    public static CopyTaskConfig tiny() {
        return new CopyTaskConfig(new TransformerConfig(11, 2, 32, 128, 4, 0f, 16), 10, 80, 400, 100, 1.0, 0.1f, 100);
    }
}
