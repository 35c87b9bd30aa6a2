package dev.thirty.optim;

/**
 * A hyper-parameter record with a weight-decay coefficient, so that groups differing only in
 * weight decay can be built from one config ({@link ParamGroup#decayMatricesOnly}).
 *
 * @param <C> the record type itself
 */
public interface WeightDecayConfig<C> {

    double weightDecay();

    /** This config with another weight decay. */
    C withWeightDecay(double weightDecay);
}
