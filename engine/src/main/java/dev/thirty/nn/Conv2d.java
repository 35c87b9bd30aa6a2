package dev.thirty.nn;

import dev.thirty.kernels.Window2d;
import dev.thirty.nn.functional.Convolution;
import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * A 2-D convolution layer, PyTorch's {@code nn.Conv2d}: {@code x (N, in, H, W)} to
 * {@code (N, out, H', W')}, with {@code weight (out, in / groups, kh, kw)} and {@code bias (out,)}
 * under those names, so state dicts carry over. Initialisation as PyTorch's default:
 * {@code weight, bias ~ U(-1/sqrt(fanIn), 1/sqrt(fanIn))}, {@code fanIn = in / groups * kh * kw};
 * papers that prescribe their own (AlexNet's {@code N(0, 0.01)}) overwrite it with {@link Init}.
 */
public final class Conv2d extends Module implements Layer {

    private final Parameter weight;
    private final Parameter bias;
    private final Window2d window;
    private final int groups;

    public Conv2d(int in, int out, Window2d window, int groups, Linear.Bias bias, RandomGenerator rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Conv2d: channel counts must be positive, got in=" + in + ", out=" + out);
        }
        if (window == null) {
            throw new IllegalArgumentException("Conv2d: the window (kernel, stride, padding) must be given");
        }
        if (groups < 1 || in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("Conv2d: groups " + groups + " must divide in=" + in + " and out=" + out);
        }
        this.window = window;
        this.groups = groups;
        this.weight = parameter("weight", Parameter.zeros(out, in / groups, window.kernelH(), window.kernelW()));
        float bound = (float) (1 / Math.sqrt(Init.fanIn(weight)));
        Init.uniform(weight, -bound, bound, rng);
        if (bias == Linear.Bias.YES) {
            this.bias = parameter("bias", Parameter.zeros(out));
            Init.uniform(this.bias, -bound, bound, rng);
        } else {
            this.bias = null;
        }
    }

    /** A convolution with groups 1 and a bias. */
    public Conv2d(int in, int out, Window2d window, RandomGenerator rng) {
        this(in, out, window, 1, Linear.Bias.YES, rng);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Convolution.conv2d(x, weight, bias, window, groups);
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null when built with {@link Linear.Bias#NO}. */
    public Parameter bias() {
        return bias;
    }

    public Window2d window() {
        return window;
    }

    public int groups() {
        return groups;
    }

    @Override
    public String summary() {
        return "Conv2d " + weight.dim(1) * groups + "->" + weight.dim(0) + " " + window.describe()
                + (groups == 1 ? "" : " groups " + groups);
    }
}
