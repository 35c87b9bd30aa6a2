package dev.thirty.nn;

import dev.thirty.tensor.Tensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Parameter initialisation, in place, from an explicit generator. Fans follow PyTorch's
 * convention for a weight of shape {@code (out, in, k...)}: {@code fanIn = in * prod(k)},
 * {@code fanOut = out * prod(k)}; a 1-D tensor has {@code fanIn = fanOut = its length}.
 */
public final class Init {

    private Init() {
    }

    /** Values uniform in {@code [lo, hi)}. */
    public static void uniform(Tensor t, float lo, float hi, RandomGenerator rng) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = lo + (hi - lo) * rng.nextFloat();
        }
    }

    /** Values from {@code N(mean, std^2)}. */
    public static void normal(Tensor t, float mean, float std, RandomGenerator rng) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (mean + std * rng.nextGaussian());
        }
    }

    public static void constant(Tensor t, float value) {
        Arrays.fill(t.data(), value);
    }

    public static void zeros(Tensor t) {
        constant(t, 0f);
    }

    public static void ones(Tensor t) {
        constant(t, 1f);
    }

    /** Glorot and Bengio (2010): {@code U(-a, a)}, {@code a = gain * sqrt(6 / (fanIn + fanOut))}. */
    public static void xavierUniform(Tensor t, float gain, RandomGenerator rng) {
        float a = (float) (gain * Math.sqrt(6.0 / (fanIn(t) + fanOut(t))));
        uniform(t, -a, a, rng);
    }

    /** Glorot and Bengio (2010): {@code N(0, s^2)}, {@code s = gain * sqrt(2 / (fanIn + fanOut))}. */
    public static void xavierNormal(Tensor t, float gain, RandomGenerator rng) {
        normal(t, 0f, (float) (gain * Math.sqrt(2.0 / (fanIn(t) + fanOut(t)))), rng);
    }

    /** He et al. (2015) for ReLU: {@code U(-b, b)}, {@code b = sqrt(6 / fanIn)}. */
    public static void kaimingUniform(Tensor t, RandomGenerator rng) {
        float b = (float) Math.sqrt(6.0 / fanIn(t));
        uniform(t, -b, b, rng);
    }

    /** He et al. (2015) for ReLU: {@code N(0, 2 / fanIn)}. */
    public static void kaimingNormal(Tensor t, RandomGenerator rng) {
        normal(t, 0f, (float) Math.sqrt(2.0 / fanIn(t)), rng);
    }

    /** The input fan of a weight shaped {@code (out, in, k...)}. */
    public static int fanIn(Tensor t) {
        int[] d = t.shape().dims();
        if (d.length == 0) {
            throw new IllegalArgumentException("fan-in of a scalar is undefined");
        }
        return d.length == 1 ? d[0] : d[1] * receptiveField(d);
    }

    /** The output fan of a weight shaped {@code (out, in, k...)}. */
    public static int fanOut(Tensor t) {
        int[] d = t.shape().dims();
        if (d.length == 0) {
            throw new IllegalArgumentException("fan-out of a scalar is undefined");
        }
        return d.length == 1 ? d[0] : d[0] * receptiveField(d);
    }

    private static int receptiveField(int[] d) {
        int r = 1;
        for (int i = 2; i < d.length; i++) {
            r *= d[i];
        }
        return r;
    }
}
