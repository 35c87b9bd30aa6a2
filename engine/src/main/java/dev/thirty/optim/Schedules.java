package dev.thirty.optim;

import java.util.Arrays;
import java.util.List;

/**
 * The learning-rate schedules of the papers here, each a validated record and a pure function of
 * the step (counted from 0, the step about to be taken).
 */
public final class Schedules {

    private Schedules() {
    }

    /** The same rate at every step. */
    public record Constant(double lr) implements LearningRateSchedule {

        public Constant {
            Checks.nonNegative("constant schedule", "lr", lr);
        }

        @Override
        public double at(long step) {
            return lr;
        }
    }

    /**
     * Step decay, like PyTorch's {@code StepLR}: {@code lr * gamma^floor(step / every)}.
     *
     * @param lr    the initial rate
     * @param gamma factor applied every {@code every} steps, in (0, 1]
     * @param every steps between decays, >= 1
     */
    public record StepDecay(double lr, double gamma, long every) implements LearningRateSchedule {

        public StepDecay {
            Checks.nonNegative("step decay", "lr", lr);
            if (!(gamma > 0 && gamma <= 1) || every < 1) {
                throw new IllegalArgumentException("step decay: need gamma in (0, 1] and every >= 1, got gamma "
                        + gamma + ", every " + every);
            }
        }

        @Override
        public double at(long step) {
            return lr * Math.pow(gamma, Math.floorDiv(step, every));
        }
    }

    /**
     * Decay at milestones, like PyTorch's {@code MultiStepLR}: {@code lr * gamma^k} once {@code k}
     * milestones are reached (cuda-convnet's and AlexNet's "divide the learning rate by 10" at chosen
     * epochs).
     *
     * @param lr         the initial rate
     * @param gamma      factor applied at each milestone, in (0, 1]
     * @param milestones the steps at which the rate drops, positive and ascending
     */
    public record MultiStep(double lr, double gamma, List<Long> milestones) implements LearningRateSchedule {

        public MultiStep {
            Checks.nonNegative("multi-step decay", "lr", lr);
            if (!(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("multi-step decay: need gamma in (0, 1], got " + gamma);
            }
            milestones = List.copyOf(milestones);
            for (int i = 0; i < milestones.size(); i++) {
                if (milestones.get(i) < 1 || (i > 0 && milestones.get(i) <= milestones.get(i - 1))) {
                    throw new IllegalArgumentException("multi-step decay: milestones must be positive and"
                            + " ascending, got " + milestones);
                }
            }
        }

        /** Drops at the starts of epochs {@code epochs} (0-based counts of finished epochs), each {@code stepsPerEpoch} steps. */
        public static MultiStep atEpochs(double lr, double gamma, int[] epochs, long stepsPerEpoch) {
            return new MultiStep(lr, gamma, Arrays.stream(epochs).mapToObj(e -> e * stepsPerEpoch).toList());
        }

        /**
         * A validated copy of {@code epochs}, for a config to check its drop epochs when it is made:
         * positive and ascending, or an error naming {@code what}.
         */
        public static int[] checkedEpochs(String what, int[] epochs) {
            int[] e = epochs == null ? new int[0] : epochs.clone();
            for (int i = 0; i < e.length; i++) {
                if (e[i] < 1 || (i > 0 && e[i] <= e[i - 1])) {
                    throw new IllegalArgumentException(what + " must be positive epochs in ascending order, got "
                            + Arrays.toString(e));
                }
            }
            return e;
        }

        @Override
        public double at(long step) {
            double rate = lr;
            for (long m : milestones) {
                if (step >= m) {
                    rate *= gamma;
                }
            }
            return rate;
        }
    }

    /**
     * Linear warmup then cosine decay, as nanoGPT's {@code get_lr}:
     *
     * <pre>
     * step &lt; warmup:        maxLr * (step + 1) / (warmup + 1)
     * step &gt; decaySteps:    minLr
     * otherwise:            minLr + 0.5 * (1 + cos(pi * r)) * (maxLr - minLr),
     *                       r = (step - warmup) / (decaySteps - warmup)
     * </pre>
     *
     * The rate reaches {@code maxLr} at step {@code warmup} and {@code minLr} at {@code decaySteps}.
     *
     * @param maxLr      the peak rate
     * @param minLr      the floor, in [0, maxLr]
     * @param warmup     warmup steps, >= 0
     * @param decaySteps the step where the cosine ends, > warmup
     */
    public record WarmupCosine(double maxLr, double minLr, long warmup, long decaySteps)
            implements LearningRateSchedule {

        public WarmupCosine {
            Checks.nonNegative("warmup-cosine", "maxLr", maxLr);
            if (!(minLr >= 0 && minLr <= maxLr) || warmup < 0 || decaySteps <= warmup) {
                throw new IllegalArgumentException("warmup-cosine: need 0 <= minLr <= maxLr, warmup >= 0 and"
                        + " decaySteps > warmup, got minLr " + minLr + ", maxLr " + maxLr + ", warmup "
                        + warmup + ", decaySteps " + decaySteps);
            }
        }

        @Override
        public double at(long step) {
            if (step < warmup) {
                return maxLr * (step + 1) / (warmup + 1);
            }
            if (step > decaySteps) {
                return minLr;
            }
            double ratio = (double) (step - warmup) / (decaySteps - warmup);
            double coeff = 0.5 * (1.0 + Math.cos(Math.PI * ratio));
            return minLr + coeff * (maxLr - minLr);
        }
    }

    /**
     * The Transformer's schedule (Vaswani et al., 2017, "Attention Is All You Need", §5.3, Eq. 3),
     * scaled by {@code factor} as in the Annotated Transformer:
     *
     * <pre>factor * dModel^-0.5 * min(n^-0.5, n * warmup^-1.5),   n = step + 1</pre>
     *
     * The paper counts steps from 1, so step 0 here is its step 1; the rate rises linearly for
     * {@code warmup} steps, peaks at step {@code warmup - 1}, then decays as {@code 1/sqrt(n)}.
     * (The Annotated Transformer's {@code LambdaLR} evaluates its step 0 as step 1 too, so its first
     * two steps share a rate; here every step has its own.)
     *
     * @param dModel model width, >= 1
     * @param warmup warmup steps, >= 1
     * @param factor overall scale, > 0 (the paper's is 1; the Annotated Transformer uses 1 or 2)
     */
    public record Noam(int dModel, long warmup, double factor) implements LearningRateSchedule {

        public Noam {
            if (dModel < 1 || warmup < 1) {
                throw new IllegalArgumentException("noam: need dModel >= 1 and warmup >= 1, got dModel "
                        + dModel + ", warmup " + warmup);
            }
            Checks.positive("noam", "factor", factor);
        }

        @Override
        public double at(long step) {
            double n = step + 1;
            return factor * Math.pow(dModel, -0.5) * Math.min(Math.pow(n, -0.5), n * Math.pow(warmup, -1.5));
        }
    }
}
