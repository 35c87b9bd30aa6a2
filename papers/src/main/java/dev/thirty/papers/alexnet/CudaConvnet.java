package dev.thirty.papers.alexnet;

import dev.thirty.kernels.PoolMode;
import dev.thirty.kernels.ResponseNorm;
import dev.thirty.kernels.Rounding;
import dev.thirty.kernels.Window2d;
import dev.thirty.nn.Activation;
import dev.thirty.nn.Conv2d;
import dev.thirty.nn.Init;
import dev.thirty.nn.Linear;
import dev.thirty.nn.LocalResponseNorm;
import dev.thirty.nn.Pool2d;
import dev.thirty.nn.Reshaping;
import dev.thirty.nn.Sequential;
import dev.thirty.optim.ParamGroup;
import dev.thirty.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Krizhevsky's own CIFAR-10 networks from cuda-convnet ({@code example-layers/} of the
 * code.google.com/p/cuda-convnet trunk, mirrored at github.com/dnouri/cuda-convnet): the layer files
 * {@code layers-80sec.cfg}, {@code layers-18pct.cfg} and {@code layers-19pct.cfg} with their
 * {@code layer-params-*.cfg}, translated layer by layer.
 *
 * <pre>
 * layers-80sec.cfg                          layers-18pct.cfg (19pct: without rnorm1, rnorm2)
 * conv1 5x5 3->32 pad 2, initW 1e-4         conv1 5x5 3->32 pad 2, initW 1e-4
 * pool1 max 3/2, neuron relu                pool1 max 3/2, neuron relu
 *                                           rnorm1 same-map 3x3, scale 5e-5, pow 0.75
 * conv2 5x5 32->32 pad 2, relu, 0.01        conv2 5x5 32->32 pad 2, relu, 0.01
 * pool2 avg 3/2                             pool2 avg 3/2
 *                                           rnorm2 same-map 3x3, scale 5e-5, pow 0.75
 * conv3 5x5 32->64 pad 2, relu, 0.01        conv3 5x5 32->64 pad 2, relu, 0.01
 * pool3 avg 3/2                             pool3 avg 3/2
 * fc64 1024->64, relu, initW 0.1
 * fc10 64->10, initW 0.1                    fc10 1024->10, initW 0.01
 * </pre>
 *
 * <p>The definitions follow cuda-convnet's code, not a later port: input is raw 0..255 pixels minus the
 * training set's mean image; weights are {@code initW * N(0, 1)} and biases 0; pooling sizes round up
 * ({@code ceil}: 32 -> 16 -> 8 -> 4, windows may overhang the edge) and average pooling divides by the
 * in-image part of the window ({@link PoolMode#AVERAGE_EXCLUDING_PADDING}); the ReLU of pool1 comes after
 * its max (the same as before it), while conv2 and conv3 carry their own ReLU, so it comes before their
 * average pooling. {@code rnorm} is {@code x (1 + scale/size^2 sum x^2)^-pow} over a 3x3 square of one map
 * ({@link ResponseNorm#cudaConvnetSameMap}).
 *
 * <p>The update ({@code layer.cu}): {@code inc = mom inc - wc epsW w + epsW grad; w += inc} with the gradient
 * averaged over the mini-batch of 128 — SGD with momentum 0.9, learning rate epsW and L2 decay wc on the
 * weights; biases learn at {@code epsB = 2 epsW} without decay ({@link #parameterGroups}).
 */
public final class CudaConvnet {

    /** The three layer files. */
    public enum Net {
        /** {@code layers-80sec.cfg}: "26% error on CIFAR-10 in 80 seconds"; 145,578 parameters at 32x32. */
        NET_80SEC("80sec"),
        /** {@code layers-18pct.cfg}: "18% error in 20 minutes", with two same-map normalisations; 89,578. */
        NET_18PCT("18pct"),
        /** {@code layers-19pct.cfg}: the 18pct net without the normalisations, "14.2%" with translations. */
        NET_19PCT("19pct");

        private final String id;

        Net(String id) {
            this.id = id;
        }

        /** The name in the layer file, e.g. {@code 80sec}. */
        public String id() {
            return id;
        }

        /** The net whose file is {@code layers-<id>.cfg}. */
        public static Net of(String id) {
            for (Net n : values()) {
                if (n.id.equals(id.toLowerCase(Locale.ROOT))) {
                    return n;
                }
            }
            throw new IllegalArgumentException("cuda-convnet net '" + id + "': expected 80sec, 18pct or 19pct");
        }
    }

    /**
     * One layer's entry of {@code layer-params-*.cfg}.
     *
     * @param layer  the layer's name, e.g. {@code conv1}
     * @param epsW   the weights' learning rate
     * @param epsB   the biases' learning rate
     * @param wc     the weights' L2 decay
     */
    public record LayerParams(String layer, double epsW, double epsB, double wc) {
    }

    private CudaConvnet() {
    }

    /**
     * The network for {@code side x side} inputs: 32 for whole CIFAR-10 images, 24 for cuda-convnet's
     * {@code cifar-cropped} translations (crop border 4), which shrinks fc's input to 64 x 3 x 3.
     *
     * @param rng draws the initial weights
     */
    public static Sequential build(Net net, int side, RandomGenerator rng) {
        if (net == null) {
            throw new IllegalArgumentException("cuda-convnet: net must be given");
        }
        if (side < 8) {
            throw new IllegalArgumentException("cuda-convnet: input side must be at least 8, got " + side);
        }
        Window2d conv = Window2d.square(5, 1, 2);
        Window2d pool = Window2d.square(3, 2, 0).rounded(Rounding.CEIL);
        boolean rnorm = net == Net.NET_18PCT;
        Sequential.Builder b = Sequential.builder()
                .add("conv1", conv(3, 32, conv, 1e-4f, rng))
                .add("pool1", Pool2d.max(pool))
                .add("relu1", Activation.RELU.layer());
        if (rnorm) {
            b.add("rnorm1", new LocalResponseNorm(ResponseNorm.cudaConvnetSameMap(3, 5e-5f, 0.75f)));
        }
        b.add("conv2", conv(32, 32, conv, 0.01f, rng))
                .add("relu2", Activation.RELU.layer())
                .add("pool2", new Pool2d(pool, PoolMode.AVERAGE_EXCLUDING_PADDING));
        if (rnorm) {
            b.add("rnorm2", new LocalResponseNorm(ResponseNorm.cudaConvnetSameMap(3, 5e-5f, 0.75f)));
        }
        b.add("conv3", conv(32, 64, conv, 0.01f, rng))
                .add("relu3", Activation.RELU.layer())
                .add("pool3", new Pool2d(pool, PoolMode.AVERAGE_EXCLUDING_PADDING))
                .add("flatten", Reshaping.flatten());
        int s = pool.outHeight(pool.outHeight(pool.outHeight(side)));
        int features = 64 * s * s;
        if (net == Net.NET_80SEC) {
            b.add("fc64", fc(features, 64, 0.1f, rng)).add("relu64", Activation.RELU.layer())
                    .add("fc10", fc(64, 10, 0.1f, rng));
        } else {
            b.add("fc10", fc(features, 10, 0.01f, rng));
        }
        return b.build();
    }

    /** The name of the last hidden layer's output (the features Figure 4's neighbours are found in). */
    public static String lastHidden(Net net) {
        return net == Net.NET_80SEC ? "relu64" : "flatten";
    }

    /** The layer parameters of {@code layer-params-<net>.cfg}: epsW 0.001, epsB 0.002, wc per layer. */
    public static List<LayerParams> layerParams(Net net) {
        List<LayerParams> out = new ArrayList<>();
        for (String conv : List.of("conv1", "conv2", "conv3")) {
            out.add(new LayerParams(conv, 0.001, 0.002, 0.004));
        }
        switch (net) {
            case NET_80SEC -> {
                out.add(new LayerParams("fc64", 0.001, 0.002, 0.03));
                out.add(new LayerParams("fc10", 0.001, 0.002, 0.03));
            }
            case NET_18PCT -> out.add(new LayerParams("fc10", 0.001, 0.002, 1));
            case NET_19PCT -> out.add(new LayerParams("fc10", 0.001, 0.002, 3));
        }
        return List.copyOf(out);
    }

    /**
     * SGD parameter groups that reproduce cuda-convnet's update with the optimizer's learning rate set to
     * {@code epsW} (0.001): per layer, the weights with decay {@code wc} and the biases at
     * {@code epsB / epsW} times the rate without decay.
     *
     * @param params     the layer parameters (from {@link #layerParams}, possibly changed)
     * @param momentum   cuda-convnet's momW = momB, 0.9 in every file
     */
    public static List<ParamGroup<Sgd.Config>> parameterGroups(Sequential model, List<LayerParams> params,
                                                               double momentum) {
        double base = params.get(0).epsW();
        List<ParamGroup<Sgd.Config>> groups = new ArrayList<>();
        for (LayerParams p : params) {
            dev.thirty.nn.Module m = model.get(p.layer());
            Sgd.Config c = Sgd.Config.momentum(momentum);
            var weight = m.namedParameters().get("weight");
            var bias = m.namedParameters().get("bias");
            if (weight == null || bias == null) {
                throw new IllegalArgumentException("cuda-convnet: layer " + p.layer() + " has no weight and bias");
            }
            groups.add(new ParamGroup<>(List.of(weight), c.withWeightDecay(p.wc()), p.epsW() / base));
            groups.add(new ParamGroup<>(List.of(bias), c, p.epsB() / base));
        }
        int covered = 2 * params.size();
        if (covered != model.parameters().size()) {
            throw new IllegalArgumentException("cuda-convnet: the layer parameters cover " + covered + " of the "
                    + model.parameters().size() + " parameter tensors");
        }
        return List.copyOf(groups);
    }

    private static Conv2d conv(int in, int out, Window2d w, float initW, RandomGenerator rng) {
        Conv2d c = new Conv2d(in, out, w, 1, Linear.Bias.YES, rng);
        Init.normal(c.weight(), 0, initW, rng);
        Init.zeros(c.bias());
        return c;
    }

    private static Linear fc(int in, int out, float initW, RandomGenerator rng) {
        Linear l = new Linear(in, out, rng);
        Init.normal(l.weight(), 0, initW, rng);
        Init.zeros(l.bias());
        return l;
    }
}
