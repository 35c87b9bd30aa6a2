package dev.thirty.papers.coffee;

/**
 * What the size sweep of §7 measures in each run, with the exponent the paper reports for its
 * growth in n: the maximum complexity grows like n, the maximum entropy like n² (the number of
 * cells), and the time of the complexity peak like n² (the diffusion time across the cup).
 *
 * <p>Peak times are in sweeps (n² attempted swaps: every cell tries one swap on average), the
 * unit in which the paper's n² is a diffusion time; in single attempted swaps the same times
 * grow like n⁴.
 */
public enum ScalingQuantity {
    MAX_COMPLEXITY("max_complexity", 1) {
        @Override
        double of(Trajectory t) {
            int[] y = t.curve(Trajectory.Quantity.COMPLEXITY);
            return y[Curves.peakIndex(y)];
        }
    },
    MAX_ADJUSTED_COMPLEXITY("max_adjusted_complexity", 1) {
        @Override
        double of(Trajectory t) {
            int[] y = t.curve(Trajectory.Quantity.ADJUSTED_COMPLEXITY);
            return y[Curves.peakIndex(y)];
        }
    },
    MAX_ENTROPY("max_entropy", 2) {
        @Override
        double of(Trajectory t) {
            int[] y = t.curve(Trajectory.Quantity.ENTROPY);
            return y[Curves.peakIndex(y)];
        }
    },
    COMPLEXITY_PEAK_TIME("complexity_peak_time", 2) {
        @Override
        double of(Trajectory t) {
            return t.sweeps()[Curves.smoothedPeakIndex(t.curve(Trajectory.Quantity.COMPLEXITY), SMOOTHING)];
        }
    };

    /** Peak times come from a running mean over 2·2+1 snapshots: single readings are noisy. */
    static final int SMOOTHING = 2;

    private final String label;
    private final double paperExponent;

    ScalingQuantity(String label, double paperExponent) {
        this.label = label;
        this.paperExponent = paperExponent;
    }

    /** The name in metrics and tables. */
    public String label() {
        return label;
    }

    /** The exponent b in quantity ~ n^b that the paper reports. */
    public double paperExponent() {
        return paperExponent;
    }

    /** This quantity in one completed run: compressed bytes, or sweeps for the peak times. */
    abstract double of(Trajectory t);
}
