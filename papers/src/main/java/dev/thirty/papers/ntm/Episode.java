package dev.thirty.papers.ntm;

import dev.thirty.tensor.Tensor;

/**
 * One batch of sequences of a task of §4, as the machine sees it: an input vector at every step, and
 * target vectors due during the last {@code outputSteps} steps (while the inputs are silent, in every task
 * of the paper). Every sequence of a batch has the same shape.
 *
 * @param steps       time steps in all, T
 * @param batch       sequences, B
 * @param inputWidth  I
 * @param inputs      {@code (T, B, I)} row-major
 * @param outputSteps steps at the end during which targets are due, J
 * @param outputWidth O
 * @param targets     {@code (J, B, O)} row-major, each 0 or 1
 * @param size        the task's size of this episode (copy: the length; recall: the items; ...), for tables
 */
public record Episode(int steps, int batch, int inputWidth, float[] inputs, int outputSteps, int outputWidth,
                      float[] targets, int size) {

    public Episode {
        if (steps < 1 || batch < 1 || inputWidth < 1 || outputWidth < 1 || outputSteps < 1 || outputSteps > steps) {
            throw new IllegalArgumentException("episode: need positive steps, batch and widths and 1 <= outputSteps"
                    + " <= steps, got steps " + steps + ", batch " + batch + ", widths " + inputWidth + "/"
                    + outputWidth + ", outputSteps " + outputSteps);
        }
        if (inputs.length != steps * batch * inputWidth || targets.length != outputSteps * batch * outputWidth) {
            throw new IllegalArgumentException("episode: " + steps + " x " + batch + " x " + inputWidth
                    + " inputs and " + outputSteps + " x " + batch + " x " + outputWidth + " targets need "
                    + steps * batch * inputWidth + " and " + outputSteps * batch * outputWidth + " values, got "
                    + inputs.length + " and " + targets.length);
        }
    }

    /** The first step at which a target is due: {@code T − J}. */
    public int firstOutput() {
        return steps - outputSteps;
    }

    /** The input at step {@code t}, {@code (B, I)}. */
    public Tensor input(int t) {
        float[] x = new float[batch * inputWidth];
        System.arraycopy(inputs, t * batch * inputWidth, x, 0, x.length);
        return Tensor.of(x, batch, inputWidth);
    }

    /** Every step's input at once, {@code (B, T, I)}, for a model that reads the whole sequence. */
    public Tensor sequence() {
        float[] x = new float[batch * steps * inputWidth];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                System.arraycopy(inputs, (t * batch + b) * inputWidth, x, (b * steps + t) * inputWidth, inputWidth);
            }
        }
        return Tensor.of(x, batch, steps, inputWidth);
    }

    /** The vector due at output step {@code j} (step {@code T − J + j}), {@code (B, O)}. */
    public Tensor target(int j) {
        float[] y = new float[batch * outputWidth];
        System.arraycopy(targets, j * batch * outputWidth, y, 0, y.length);
        return Tensor.of(y, batch, outputWidth);
    }

    /** Every target at once, {@code (B, J, O)}. */
    public Tensor targetSequence() {
        float[] y = new float[batch * outputSteps * outputWidth];
        for (int j = 0; j < outputSteps; j++) {
            for (int b = 0; b < batch; b++) {
                System.arraycopy(targets, (j * batch + b) * outputWidth, y, (b * outputSteps + j) * outputWidth,
                        outputWidth);
            }
        }
        return Tensor.of(y, batch, outputSteps, outputWidth);
    }
}
