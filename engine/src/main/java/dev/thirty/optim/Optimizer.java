package dev.thirty.optim;

import dev.thirty.tensor.Tensor;
import java.util.List;

/**
 * Updates trainable leaves in place from their accumulated gradients.
 *
 * <p>Call order, once per training step:
 *
 * <ol>
 *   <li>{@link #setLearningRate(double)} with the schedule's value for this step
 *       (a {@link LearningRateSchedule} is a pure function of the step number);
 *   <li>{@link #zeroGrad()}, then the forward pass and {@code loss.backward()}, which accumulate
 *       gradients into every parameter;
 *   <li>optionally {@link GradClip#clipGlobalNorm} on {@link #parameters()};
 *   <li>{@link #step()}, which reads the gradients and changes the parameters' storage.
 * </ol>
 *
 * <p>Parameters come in groups ({@link ParamGroup}), each with its own hyper-parameters (weight
 * decay 0 for biases and norms, say). A parameter whose gradient has never been created is
 * skipped by {@link #step()}: it gets no state and its step count does not advance, as in PyTorch.
 *
 * <p>{@link #exportState()} and {@link #importState(OptimizerState)} move the per-parameter state
 * (moment estimates, step counts) in and out for checkpoints; restoring it into an optimizer built
 * with the same groups continues bit-identically. The learning rate and the hyper-parameters are
 * not part of that state: the run's config and its schedule give them.
 */
public interface Optimizer {

    /** Applies one update to every parameter that has a gradient. */
    void step();

    /** Sets every parameter's accumulated gradient to zero (keeping the buffers). */
    void zeroGrad();

    /** The learning rate the next {@link #step()} uses, shared by every group. */
    double learningRate();

    /** Sets the learning rate of the following steps; must be finite and non-negative. */
    void setLearningRate(double learningRate);

    /** Every parameter, group by group, in the order state names number them. */
    List<Tensor> parameters();

    /** A deep copy of the optimizer's state, for a checkpoint. */
    OptimizerState exportState();

    /**
     * Replaces this optimizer's state by a copy of {@code state}, as exported by an optimizer of
     * the same kind over parameters of the same shapes.
     *
     * @throws IllegalArgumentException listing every missing, unexpected or misshapen entry;
     *     the optimizer is left unchanged
     */
    void importState(OptimizerState state);
}
