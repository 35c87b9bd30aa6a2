package dev.thirty.kernels;

/**
 * The shapes of one 2-D convolution in NCHW: input {@code (batch, inChannels, height, width)},
 * weight {@code (outChannels, inChannels / groups, kernelH, kernelW)} (PyTorch's layout), optional
 * bias {@code (outChannels,)}, output {@code (batch, outChannels, outHeight, outWidth)}.
 *
 * <p>With {@code groups = g} the channels split into g groups; output channels of group j see only
 * the input channels of group j (AlexNet's two GPU towers are {@code groups = 2}).
 */
public record Conv2dShape(int batch, int inChannels, int height, int width, int outChannels,
                          Window2d window, int groups) {

    public Conv2dShape {
        if (batch < 0 || inChannels < 1 || height < 1 || width < 1 || outChannels < 1) {
            throw new IllegalArgumentException("conv2d: bad sizes: batch " + batch + ", " + inChannels
                    + " input channels of " + height + "x" + width + ", " + outChannels + " output channels");
        }
        if (window == null) {
            throw new IllegalArgumentException("conv2d: window must be given");
        }
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("conv2d: groups " + groups + " must divide both the "
                    + inChannels + " input and the " + outChannels + " output channels");
        }
        window.outHeight(height);
        window.outWidth(width);
    }

    public int outHeight() {
        return window.outHeight(height);
    }

    public int outWidth() {
        return window.outWidth(width);
    }

    /** Input channels per group. */
    public int groupInChannels() {
        return inChannels / groups;
    }

    /** Output channels per group. */
    public int groupOutChannels() {
        return outChannels / groups;
    }

    /** The reduction length of one output value: {@code inChannels / groups * kernelH * kernelW}. */
    public int patchSize() {
        return groupInChannels() * window.taps();
    }

    /** Output positions per channel, {@code outHeight * outWidth}. */
    public int outPlane() {
        return outHeight() * outWidth();
    }

    public int inputSize() {
        return batch * inChannels * height * width;
    }

    public int weightSize() {
        return outChannels * patchSize();
    }

    public int outputSize() {
        return batch * outChannels * outPlane();
    }

    /** Multiply-adds of the forward pass (also of each of the two gradients). */
    public long macs() {
        return (long) batch * outChannels * outPlane() * patchSize();
    }
}
