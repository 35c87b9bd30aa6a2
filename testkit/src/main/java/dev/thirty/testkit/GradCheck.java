package dev.thirty.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.random.RandomGenerator;

/**
 * Finite-difference gradient checks for functions of float arrays.
 *
 * <p>Method: draw fixed upstream weights {@code w} uniform in [-1, 1) and form the scalar
 * {@code L(x) = sum_i w_i f(x)_i}, accumulated in double. For each checked input element the
 * numerical derivative is the central difference {@code (L(x + h e_j) - L(x - h e_j)) / 2h}; the
 * analytic one is the backward pass run with upstream gradient {@code w}. They must agree within
 * {@link Settings#tolerance()}, relative to the larger of the two magnitudes.
 *
 * <p>Why these defaults: in float32 the central difference has truncation error {@code O(h^2)}
 * and rounding error about {@code 6e-8 |L| / h}; {@code h = 1e-2} balances the two for inputs and
 * outputs of order one, giving errors near {@code 1e-4}. The default tolerance, absolute
 * {@code 2e-3} plus relative {@code 2e-2}, sits an order of magnitude above that and far below the
 * error of any wrong gradient (a missing factor or a wrong sign is off by order one). Inputs must
 * stay at least {@code h} away from kinks (ReLU, abs, max ties): see
 * {@link Seeds#awayFromZero}.
 */
public final class GradCheck {

    private GradCheck() {
    }

    /** The function under test: inputs to a flat output. Must not modify its inputs. */
    @FunctionalInterface
    public interface Forward {
        float[] apply(float[][] inputs);
    }

    /**
     * The analytic gradient of {@code sum(upstream * f(inputs))} with respect to each input; an
     * entry may be null for an input that is not differentiated.
     */
    @FunctionalInterface
    public interface Backward {
        float[][] apply(float[][] inputs, float[] upstream);
    }

    /**
     * @param step        the finite-difference step h
     * @param tolerance   allowed disagreement between numeric and analytic derivatives
     * @param maxPerInput at most this many elements of each input are probed (chosen at random)
     */
    public record Settings(double step, Tolerance tolerance, int maxPerInput) {
        public static final Settings DEFAULT = new Settings(1e-2, Tolerance.of(2e-3, 2e-2), 64);

        public Settings {
            if (!(step > 0) || maxPerInput < 1) {
                throw new IllegalArgumentException("step must be positive and maxPerInput at least 1");
            }
        }

        public Settings withStep(double h) {
            return new Settings(h, tolerance, maxPerInput);
        }

        public Settings withTolerance(Tolerance t) {
            return new Settings(step, t, maxPerInput);
        }
    }

    /** Checks every input's gradient with the default settings. */
    public static void check(String name, float[][] inputs, Forward f, Backward b, RandomGenerator rng) {
        check(name, inputs, f, b, Settings.DEFAULT, rng);
    }

    public static void check(String name, float[][] inputs, Forward f, Backward b,
                             Settings settings, RandomGenerator rng) {
        float[][] x = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            x[i] = inputs[i].clone();
        }
        float[] y0 = f.apply(x);
        float[] w = Seeds.uniform(rng, y0.length, -1f, 1f);
        float[][] analytic = b.apply(x, w.clone());
        for (int in = 0; in < x.length; in++) {
            if (analytic[in] == null) {
                continue;
            }
            if (analytic[in].length != x[in].length) {
                fail(name + ": gradient of input " + in + " has " + analytic[in].length
                        + " elements, input has " + x[in].length);
            }
            for (int j : probes(x[in].length, settings.maxPerInput(), rng)) {
                double numeric = numericDerivative(f, x, in, j, w, settings.step());
                double got = analytic[in][j];
                double scale = Math.max(Math.abs(numeric), Math.abs(got));
                double allowed = settings.tolerance().absolute() + settings.tolerance().relative() * scale;
                if (!(Math.abs(numeric - got) <= allowed)) {
                    fail(String.format("%s: d/d input%d[%d]: analytic %.6g, finite difference %.6g "
                                    + "(difference %.3g, allowed %.3g, h=%s)",
                            name, in, j, got, numeric, Math.abs(numeric - got), allowed, settings.step()));
                }
            }
        }
    }

    private static double numericDerivative(Forward f, float[][] x, int in, int j, float[] w, double h) {
        float saved = x[in][j];
        x[in][j] = (float) (saved + h);
        double plus = weighted(f.apply(x), w);
        x[in][j] = (float) (saved - h);
        double minus = weighted(f.apply(x), w);
        double actualStep = (double) (float) (saved + h) - (double) (float) (saved - h);
        x[in][j] = saved;
        return (plus - minus) / actualStep;
    }

    private static double weighted(float[] y, float[] w) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (double) w[i] * y[i];
        }
        return s;
    }

    private static int[] probes(int n, int max, RandomGenerator rng) {
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] pick = new int[max];
        for (int i = 0; i < max; i++) {
            pick[i] = rng.nextInt(n);
        }
        return pick;
    }
}
