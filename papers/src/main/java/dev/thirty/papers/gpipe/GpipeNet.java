package dev.thirty.papers.gpipe;

import dev.thirty.kernels.Window2d;
import dev.thirty.nn.Activation;
import dev.thirty.nn.Conv2d;
import dev.thirty.nn.Dropout;
import dev.thirty.nn.Init;
import dev.thirty.nn.Linear;
import dev.thirty.nn.Pool2d;
import dev.thirty.nn.Reshaping;
import dev.thirty.nn.Sequential;
import dev.thirty.tensor.Rng;

/**
 * The model the pipeline is shown on: a VGG-style CIFAR-10 network of ten 3x3 convolutions in
 * three blocks, with dropout so that recomputation has random masks to get right ({@code w} is the
 * first block's width):
 *
 * <pre>
 * conv1 w,  conv2 w,  conv3 w,             max 2/2      32 -> 16
 * conv4 2w, conv5 2w, conv6 2w,            max 2/2      16 -> 8
 * conv7 4w, conv8 4w, conv9 4w, conv10 4w, max 2/2       8 -> 4
 * fc1 4w*16 -> 256, dropout, fc2 256 -> 10              (ReLU after every conv and fc1)
 * </pre>
 *
 * <p>Each block halves the side and doubles the width, so every convolution but the first of a
 * block does the same arithmetic (9·w² multiply-adds per pixel of a 32 x 32 map) and those first
 * ones half of it. The last block's fourth convolution is there for the pipeline: the wide maps of
 * the first block run fewer multiply-adds per second than the narrow ones of the last, and with it
 * the network splits after conv5 into two stages of about equal measured time (with three it was
 * 54/46 at best, and a pipeline runs at the pace of its slowest stage).
 *
 * <p>Each dropout layer draws from a generator of its own, split from the model's, so the pipeline
 * can give it to whichever stage holds it. The convolutions and fc1 start from He et al.'s (2015)
 * N(0, 2/fan-in), biases from zero, as VGG-style nets without batch norm need: with PyTorch's default
 * (uniform, a third of that variance) the signal through nine ReLU layers fades and the loss stays at
 * ln 10 for hundreds of steps.
 */
public final class GpipeNet {

    private GpipeNet() {
    }

    private static Conv2d he(Conv2d conv, Rng rng) {
        Init.kaimingNormal(conv.weight(), rng);
        Init.zeros(conv.bias());
        return conv;
    }

    private static Linear he(Linear fc, Rng rng) {
        Init.kaimingNormal(fc.weight(), rng);
        Init.zeros(fc.bias());
        return fc;
    }

    /** The network for 32 x 32 RGB images. */
    public static Sequential build(int width, float dropout, long seed) {
        if (width < 1) {
            throw new IllegalArgumentException("gpipe: width must be positive, got " + width);
        }
        Rng rng = Rng.seeded(seed);
        Window2d conv = Window2d.square(3, 1, 1);
        Window2d pool = Window2d.square(2, 2, 0);
        Sequential.Builder b = Sequential.builder();
        int in = 3;
        int c = width;
        int n = 0;
        int[] convs = {3, 3, 4};
        for (int block = 0; block < 3; block++) {
            for (int i = 0; i < convs[block]; i++) {
                n++;
                b.add("conv" + n, he(new Conv2d(in, c, conv, rng), rng)).add("relu" + n, Activation.RELU.layer());
                in = c;
            }
            b.add("pool" + (block + 1), Pool2d.max(pool));
            c *= 2;
        }
        return b.add("flatten", Reshaping.flatten())
                .add("fc1", he(new Linear(in * 4 * 4, 256, rng), rng)).add("relu11", Activation.RELU.layer())
                .add("drop1", new Dropout(dropout, rng.split()))
                .add("fc2", new Linear(256, 10, rng))
                .build();
    }
}
