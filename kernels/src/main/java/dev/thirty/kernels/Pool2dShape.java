package dev.thirty.kernels;

/**
 * The shapes of one 2-D pooling in NCHW: input {@code (batch, channels, height, width)}, output
 * {@code (batch, channels, outHeight, outWidth)}, each channel pooled on its own.
 */
public record Pool2dShape(int batch, int channels, int height, int width, Window2d window, PoolMode mode) {

    public Pool2dShape {
        if (batch < 0 || channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("pool2d: bad sizes: batch " + batch + ", " + channels
                    + " channels of " + height + "x" + width);
        }
        if (window == null || mode == null) {
            throw new IllegalArgumentException("pool2d: window and mode must be given");
        }
        if (window.dilationH() != 1 || window.dilationW() != 1) {
            throw new IllegalArgumentException("pool2d: dilated pooling windows are not supported: " + window.describe());
        }
        if (window.padH() * 2 > window.kernelH() || window.padW() * 2 > window.kernelW()) {
            throw new IllegalArgumentException("pool2d: padding may be at most half the window, got "
                    + window.describe());
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

    /** Planes pooled, {@code batch * channels}. */
    public int planes() {
        return batch * channels;
    }

    public int inputSize() {
        return planes() * height * width;
    }

    public int outputSize() {
        return planes() * outHeight() * outWidth();
    }
}
