package dev.thirty.papers.alexnet;

import dev.thirty.kernels.ResponseNorm;
import dev.thirty.kernels.Rounding;
import dev.thirty.kernels.Window2d;
import dev.thirty.nn.Activation;
import dev.thirty.nn.Conv2d;
import dev.thirty.nn.Dropout;
import dev.thirty.nn.Init;
import dev.thirty.nn.Linear;
import dev.thirty.nn.LocalResponseNorm;
import dev.thirty.nn.Pool2d;
import dev.thirty.nn.Reshaping;
import dev.thirty.nn.Sequential;
import java.util.random.RandomGenerator;

/**
 * The ImageNet network of Krizhevsky, Sutskever and Hinton (2012), Figure 2 and §3: five
 * convolutional and three fully connected layers on 224 x 224 x 3 images.
 *
 * <pre>
 * conv1 96 x 11x11/4        -> ReLU -> LRN -> max 3/2     224 -> 55 -> 27
 * conv2 256 x 5x5 pad 2     -> ReLU -> LRN -> max 3/2      27 -> 27 -> 13   (two towers)
 * conv3 384 x 3x3 pad 1     -> ReLU                        13              (across towers)
 * conv4 384 x 3x3 pad 1     -> ReLU                        13              (two towers)
 * conv5 256 x 3x3 pad 1     -> ReLU -> max 3/2             13 -> 6         (two towers)
 * fc6 9216 -> 4096 -> ReLU -> dropout 0.5
 * fc7 4096 -> 4096 -> ReLU -> dropout 0.5
 * fc8 4096 -> classes (softmax in the loss)
 * </pre>
 *
 * <p>The paper's two GPUs each hold half of every layer's kernels, and "the kernels of the second, fourth,
 * and fifth convolutional layers are connected only to those kernel maps in the previous layer which
 * reside on the same GPU" (§3.5): that is {@code groups = 2} on conv2, conv4 and conv5 ({@link Towers#TWO},
 * 60,965,224 parameters); {@link Towers#ONE} connects every layer fully (62,378,344). The fully connected
 * layers are split across the GPUs too, but fully connected across them, which one dense layer computes
 * exactly.
 *
 * <p>The paper's "224 x 224" input does not fit its own conv1 (11x11 at stride 4 over 224 pixels gives
 * 54.25 windows); cuda-convnet rounds the output size up, so conv1 uses {@link Rounding#CEIL} and gives
 * the paper's 55 x 55 x 96 (its last window overhangs the image by three zero columns).
 *
 * <p>LRN is the paper's form, {@code (2 + 1e-4 sum x^2)^0.75} over 5 adjacent maps
 * ({@link ResponseNorm#alexNetPaper()}). Initialisation as §5: weights N(0, 0.01²); biases 1 in conv2,
 * conv4, conv5 and the hidden fully connected layers (so ReLUs start with positive inputs), 0 elsewhere.
 */
public final class AlexNet {

    /** The paper's two-GPU grouping, or one fully connected tower. */
    public enum Towers {
        /** {@code groups = 2} on conv2, conv4, conv5: the paper's network, 60,965,224 parameters. */
        TWO,
        /** Every convolution connected to all maps of the layer below: 62,378,344 parameters. */
        ONE
    }

    /** The input side the network is built for. */
    public static final int INPUT = 224;

    private AlexNet() {
    }

    /** The paper's network: 1,000 classes, dropout 0.5. */
    public static Sequential imageNet(Towers towers, RandomGenerator rng) {
        return imageNet(towers, 1000, 0.5f, rng);
    }

    /**
     * The network for {@code classes} classes, with dropout {@code dropout} after fc6 and fc7.
     *
     * @param rng draws the initial weights and then the dropout masks
     */
    public static Sequential imageNet(Towers towers, int classes, float dropout, RandomGenerator rng) {
        if (towers == null) {
            throw new IllegalArgumentException("AlexNet: towers must be given (TWO or ONE)");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("AlexNet: need at least 2 classes, got " + classes);
        }
        int g = towers == Towers.TWO ? 2 : 1;
        Window2d pool = Window2d.square(3, 2, 0);
        return Sequential.builder()
                .add("conv1", conv(3, 96, new Window2d(11, 11, 4, 4, 0, 0, 1, 1, Rounding.CEIL), 1, 0, rng))
                .add("relu1", Activation.RELU.layer())
                .add("norm1", new LocalResponseNorm(ResponseNorm.alexNetPaper()))
                .add("pool1", Pool2d.max(pool))
                .add("conv2", conv(96, 256, Window2d.square(5, 1, 2), g, 1, rng))
                .add("relu2", Activation.RELU.layer())
                .add("norm2", new LocalResponseNorm(ResponseNorm.alexNetPaper()))
                .add("pool2", Pool2d.max(pool))
                .add("conv3", conv(256, 384, Window2d.square(3, 1, 1), 1, 0, rng))
                .add("relu3", Activation.RELU.layer())
                .add("conv4", conv(384, 384, Window2d.square(3, 1, 1), g, 1, rng))
                .add("relu4", Activation.RELU.layer())
                .add("conv5", conv(384, 256, Window2d.square(3, 1, 1), g, 1, rng))
                .add("relu5", Activation.RELU.layer())
                .add("pool5", Pool2d.max(pool))
                .add("flatten", Reshaping.flatten())
                .add("fc6", fc(6 * 6 * 256, 4096, 1, rng))
                .add("relu6", Activation.RELU.layer())
                .add("drop6", new Dropout(dropout, rng))
                .add("fc7", fc(4096, 4096, 1, rng))
                .add("relu7", Activation.RELU.layer())
                .add("drop7", new Dropout(dropout, rng))
                .add("fc8", fc(4096, classes, 0, rng))
                .build();
    }

    private static Conv2d conv(int in, int out, Window2d w, int groups, float bias, RandomGenerator rng) {
        Conv2d c = new Conv2d(in, out, w, groups, Linear.Bias.YES, rng);
        Init.normal(c.weight(), 0, 0.01f, rng);
        Init.constant(c.bias(), bias);
        return c;
    }

    private static Linear fc(int in, int out, float bias, RandomGenerator rng) {
        Linear l = new Linear(in, out, rng);
        Init.normal(l.weight(), 0, 0.01f, rng);
        Init.constant(l.bias(), bias);
        return l;
    }
}
