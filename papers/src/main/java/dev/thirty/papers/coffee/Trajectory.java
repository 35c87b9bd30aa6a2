package dev.thirty.papers.coffee;

import dev.thirty.io.compress.Codec;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One run of one model: its state and its three measurements (entropy, complexity, adjusted
 * complexity) at each snapshot time, for each compressor — the data of the paper's Figures 2-4.
 *
 * @param model    which automaton
 * @param n        grid side
 * @param window   3-bucket coarse-graining window side
 * @param adjustedWindow adjusted coarse-graining window side
 * @param times    snapshot times in moves, starting at 0
 * @param codecs   the compressors measured with
 * @param readings {@code readings[k][i]}: codec k at snapshot i
 * @param states   the fine-grained state at each snapshot (n² bytes, row-major), for pictures
 */
public record Trajectory(Model model, int n, int window, int adjustedWindow, long[] times, Codec[] codecs,
                         ComplexityMeter.Reading[][] readings, byte[][] states) {

    /** Told of every snapshot as it is measured; returns false to stop the run there. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (index, time, readings) -> true;

        boolean snapshot(int index, long time, ComplexityMeter.Reading[] readings);
    }

    /** Which of the three measurements. */
    public enum Quantity {
        ENTROPY("entropy"),
        COMPLEXITY("complexity"),
        ADJUSTED_COMPLEXITY("adjusted_complexity");

        private final String label;

        Quantity(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        int of(ComplexityMeter.Reading r) {
            return switch (this) {
                case ENTROPY -> r.entropy();
                case COMPLEXITY -> r.complexity();
                case ADJUSTED_COMPLEXITY -> r.adjustedComplexity();
            };
        }
    }

    /**
     * Runs {@code model} under {@code c} from t = 0, measuring at the snapshot times of {@code c}
     * with {@code c.codec()} and {@code c.checkCodec()}. Stops early, returning the snapshots so
     * far, when the listener says so.
     */
    public static Trajectory record(Model model, CoffeeConfig c, SplittableRandom rng, Listener listener) {
        int n = c.n();
        long[] times = SnapshotTimes.of(model.runLength(c), c.snapshots(), c.spacing());
        Codec[] codecs = c.codec() == c.checkCodec() ? new Codec[] {c.codec()} : new Codec[] {c.codec(), c.checkCodec()};
        ComplexityMeter meter = new ComplexityMeter(n, c.effectiveWindow(), c.effectiveAdjustedWindow());
        Automaton automaton = model.create(n, rng);
        ComplexityMeter.Reading[][] readings = new ComplexityMeter.Reading[codecs.length][times.length];
        byte[][] states = new byte[times.length][];
        int done = 0;
        for (int i = 0; i < times.length; i++) {
            automaton.advance(times[i] - automaton.time());
            states[i] = new byte[n * n];
            automaton.fineGrained(states[i]);
            ComplexityMeter.Reading[] now = new ComplexityMeter.Reading[codecs.length];
            for (int k = 0; k < codecs.length; k++) {
                now[k] = meter.measure(states[i], codecs[k]);
                readings[k][i] = now[k];
            }
            done = i + 1;
            if (!listener.snapshot(i, times[i], now)) {
                break;
            }
        }
        ComplexityMeter.Reading[][] kept = new ComplexityMeter.Reading[codecs.length][];
        for (int k = 0; k < codecs.length; k++) {
            kept[k] = Arrays.copyOf(readings[k], done);
        }
        return new Trajectory(model, n, c.effectiveWindow(), c.effectiveAdjustedWindow(), Arrays.copyOf(times, done), codecs, kept,
                Arrays.copyOf(states, done));
    }

    /** Whether every snapshot time was reached. */
    public boolean complete(CoffeeConfig c) {
        return times.length > 0 && times[times.length - 1] == model.runLength(c);
    }

    /** One measurement over time, in compressed bytes, with codec number {@code k}. */
    public int[] curve(Quantity q, int k) {
        return Arrays.stream(readings[k]).mapToInt(q::of).toArray();
    }

    /** The snapshot times in sweeps of this model (see {@link Model#sweep}). */
    public double[] sweeps() {
        double sweep = model.sweep(n);
        return Arrays.stream(times).mapToDouble(t -> t / sweep).toArray();
    }

    /** The curve with the main codec. */
    public int[] curve(Quantity q) {
        return curve(q, 0);
    }
}
