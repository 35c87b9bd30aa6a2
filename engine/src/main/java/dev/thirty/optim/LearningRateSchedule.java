package dev.thirty.optim;

/**
 * A learning rate as a pure function of the step, like nanoGPT's {@code get_lr(it)}: the
 * training loop asks for {@code at(step)} and hands it to {@link Optimizer#setLearningRate}, so a
 * resumed run needs nothing but the step number to continue the schedule. Implementations are in
 * {@link Schedules}.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate of optimizer step {@code step}, counted from 0. */
    double at(long step);
}
