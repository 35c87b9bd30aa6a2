package dev.thirty.papers.alexnet;

import dev.thirty.kernels.Window2d;
import dev.thirty.nn.Activation;
import dev.thirty.nn.Conv2d;
import dev.thirty.nn.Linear;
import dev.thirty.nn.Pool2d;
import dev.thirty.nn.Reshaping;
import dev.thirty.nn.Sequential;
import java.util.random.RandomGenerator;

/**
 * LeNet-5 (LeCun, Bottou, Bengio and Haffner, 1998, Figure 2) in its usual modern form, for 28 x 28
 * single-channel images (MNIST, Fashion-MNIST):
 *
 * <pre>
 * conv1 6 x 5x5 pad 2 -> ReLU -> max 2/2      28 -> 28 -> 14
 * conv2 16 x 5x5      -> ReLU -> max 2/2      14 -> 10 -> 5
 * fc1 400 -> 120 -> ReLU,  fc2 120 -> 84 -> ReLU,  fc3 84 -> 10
 * </pre>
 *
 * <p>The paper's C1 sees 32 x 32 inputs (MNIST digits padded by 2, as pad 2 does here); its S2/S4 are
 * trainable averaging units with sigmoid squashing, C3 connects only some of S2's maps, and its output is
 * Euclidean RBF units. Here the subsampling is max pooling, the non-linearity ReLU, C3 fully connected and
 * the output a softmax: the network PyTorch tutorials call LeNet-5, the same as the reference benchmark's,
 * 61,706 parameters. Initialisation is PyTorch's default.
 */
public final class LeNet5 {

    private LeNet5() {
    }

    public static Sequential build(RandomGenerator rng) {
        Window2d pool = Window2d.square(2, 2, 0);
        return Sequential.builder()
                .add("conv1", new Conv2d(1, 6, Window2d.square(5, 1, 2), rng))
                .add("relu1", Activation.RELU.layer())
                .add("pool1", Pool2d.max(pool))
                .add("conv2", new Conv2d(6, 16, Window2d.square(5, 1, 0), rng))
                .add("relu2", Activation.RELU.layer())
                .add("pool2", Pool2d.max(pool))
                .add("flatten", Reshaping.flatten())
                .add("fc1", new Linear(16 * 5 * 5, 120, rng))
                .add("relu3", Activation.RELU.layer())
                .add("fc2", new Linear(120, 84, rng))
                .add("relu4", Activation.RELU.layer())
                .add("fc3", new Linear(84, 10, rng))
                .build();
    }
}
