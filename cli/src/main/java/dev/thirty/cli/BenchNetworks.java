package dev.thirty.cli;

import dev.thirty.kernels.ResponseNorm;
import dev.thirty.kernels.Window2d;
import dev.thirty.nn.Activation;
import dev.thirty.nn.Conv2d;
import dev.thirty.nn.Layer;
import dev.thirty.nn.Linear;
import dev.thirty.nn.LocalResponseNorm;
import dev.thirty.nn.Module;
import dev.thirty.nn.Pool2d;
import dev.thirty.nn.Reshaping;
import dev.thirty.nn.Sequential;
import dev.thirty.papers.alexnet.CudaConvnet;
import dev.thirty.papers.alexnet.LeNet5;
import dev.thirty.tensor.Rng;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The five small CNNs {@code thirty bench conv} trains: the three of
 * {@code bench/pytorch/cnn_cifar_shape.py}, under that script's keys, and cuda-convnet's 80sec and
 * 18pct CIFAR-10 nets as {@code thirty run alexnet-cifar} trains them.
 */
final class BenchNetworks {

    /** The classes of every network's output. */
    static final int CLASSES = 10;

    /** A network: its key, description, per-image input shape, and its layers built from a seed. */
    record Network(String key, String description, int[] input, LongFunction<Sequential> build) {
    }

    private BenchNetworks() {
    }

    static List<Network> all() {
        int[] cifar = {3, 32, 32};
        return List.of(
                new Network("tf_cifar_lrn", "TF-tutorial CIFAR net, with LRN", cifar, seed -> tfCifar(true, seed)),
                new Network("tf_cifar_nolrn", "TF-tutorial CIFAR net, without LRN", cifar,
                        seed -> tfCifar(false, seed)),
                new Network("lenet5", "LeNet-5, MNIST shape", new int[] {1, 28, 28},
                        seed -> LeNet5.build(Rng.seeded(seed))),
                new Network("cudaconvnet_80sec", "cuda-convnet 80 sec", cifar,
                        seed -> CudaConvnet.build(CudaConvnet.Net.NET_80SEC, 32, Rng.seeded(seed))),
                new Network("cudaconvnet_18pct", "cuda-convnet 18% (with LRN)", cifar,
                        seed -> CudaConvnet.build(CudaConvnet.Net.NET_18PCT, 32, Rng.seeded(seed))));
    }

    static List<String> keys() {
        return all().stream().map(Network::key).toList();
    }

    static Network named(String key) {
        return all().stream().filter(n -> n.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("conv bench: no network '" + key
                        + "'; the networks are " + String.join(", ", keys())));
    }

    /**
     * The network of the TensorFlow CIFAR-10 tutorial as the reference script builds it: two 5x5
     * convolutions of 64 (32x32, then 16x16), each followed by a 3/2 max pool and, with {@code lrn},
     * PyTorch's LRN of size 9; then 4096 -> 384 -> 192 -> 10.
     */
    private static Sequential tfCifar(boolean lrn, long seed) {
        Rng rng = Rng.seeded(seed);
        Window2d five = Window2d.square(5, 1, 2);
        Window2d pool = Window2d.square(3, 2, 1);
        ResponseNorm norm = ResponseNorm.pytorch(9, 0.001f, 0.75f, 1f);
        List<Module> layers = new ArrayList<>();
        layers.add(new Conv2d(3, 64, five, rng));                 // 64 x 32 x 32
        layers.add(Activation.RELU.layer());
        layers.add(Pool2d.max(pool));                             // 64 x 16 x 16
        if (lrn) {
            layers.add(new LocalResponseNorm(norm));
        }
        layers.add(new Conv2d(64, 64, five, rng));                // 64 x 16 x 16
        layers.add(Activation.RELU.layer());
        if (lrn) {
            layers.add(new LocalResponseNorm(norm));
        }
        layers.add(Pool2d.max(pool));                             // 64 x 8 x 8
        layers.add(Reshaping.flatten());                          // 4096
        layers.add(new Linear(4096, 384, rng));
        layers.add(Activation.RELU.layer());
        layers.add(new Linear(384, 192, rng));
        layers.add(Activation.RELU.layer());
        layers.add(new Linear(192, CLASSES, rng));
        return new Sequential(layers.toArray(Module[]::new));
    }

    /** The output of each layer of {@code model} for input {@code x}, the last checked to be (N, 10) logits. */
    static List<Tensor> outputs(Network net, Sequential model, Tensor x) {
        List<Tensor> outputs = new ArrayList<>();
        Tensor h = x;
        for (int i = 0; i < model.size(); i++) {
            h = ((Layer) model.get(i)).forward(h);
            outputs.add(h);
        }
        if (h.shape().rank() != 2 || h.dim(0) != x.dim(0) || h.dim(1) != CLASSES) {
            throw new IllegalStateException("conv bench: " + net.key() + " outputs " + h.shape() + ", not ("
                    + x.dim(0) + ", " + CLASSES + ") logits");
        }
        return outputs;
    }
}
