package dev.thirty.kernels;

/**
 * The geometry of a 2-D sliding window (a convolution filter or a pooling region) over the last two
 * axes of an NCHW tensor: its size, stride, zero padding on both sides, dilation (the spacing of its
 * taps) and the rounding of the output size.
 *
 * <p>Output size along an axis of input size {@code in}:
 * {@code round((in + 2 pad - dilation (kernel - 1) - 1) / stride) + 1}, rounded down or up by
 * {@link Rounding}, as PyTorch computes it.
 */
public record Window2d(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                       int dilationH, int dilationW, Rounding rounding) {

    public Window2d {
        positive("kernel", kernelH, kernelW);
        positive("stride", strideH, strideW);
        positive("dilation", dilationH, dilationW);
        if (padH < 0 || padW < 0) {
            throw new IllegalArgumentException("window padding must be non-negative, got " + padH + "x" + padW);
        }
        if (rounding == null) {
            throw new IllegalArgumentException("window rounding must be given");
        }
    }

    /** A square window: {@code kernel x kernel}, one stride, one padding, no dilation, floor rounding. */
    public static Window2d square(int kernel, int stride, int pad) {
        return new Window2d(kernel, kernel, stride, stride, pad, pad, 1, 1, Rounding.FLOOR);
    }

    /** This window with both dilations set to {@code d}. */
    public Window2d dilated(int d) {
        return new Window2d(kernelH, kernelW, strideH, strideW, padH, padW, d, d, rounding);
    }

    /** This window with the given rounding of the output size. */
    public Window2d rounded(Rounding r) {
        return new Window2d(kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, r);
    }

    /** Output rows for {@code height} input rows. */
    public int outHeight(int height) {
        return outSize("height", height, kernelH, strideH, padH, dilationH);
    }

    /** Output columns for {@code width} input columns. */
    public int outWidth(int width) {
        return outSize("width", width, kernelW, strideW, padW, dilationW);
    }

    /** Taps per channel, {@code kernelH * kernelW}. */
    public int taps() {
        return kernelH * kernelW;
    }

    private int outSize(String axis, int in, int kernel, int stride, int pad, int dilation) {
        int span = dilation * (kernel - 1) + 1;
        int room = in + 2 * pad - span;
        if (room < 0) {
            throw new IllegalArgumentException("window " + describe() + " spans " + span + " but the padded input "
                    + axis + " is only " + (in + 2 * pad) + " (" + axis + " " + in + ", padding " + pad + ")");
        }
        int out = rounding == Rounding.CEIL ? (room + stride - 1) / stride + 1 : room / stride + 1;
        if (rounding == Rounding.CEIL && (out - 1) * stride >= in + pad) {
            out--;
        }
        return out;
    }

    /** E.g. {@code 3x3/2 pad 1 dilation 1 ceil}. */
    public String describe() {
        return kernelH + "x" + kernelW + "/" + (strideH == strideW ? strideH + "" : strideH + "x" + strideW)
                + " pad " + (padH == padW ? padH + "" : padH + "x" + padW)
                + (dilationH == 1 && dilationW == 1 ? "" : " dilation " + dilationH + "x" + dilationW)
                + (rounding == Rounding.CEIL ? " ceil" : "");
    }

    private static void positive(String what, int h, int w) {
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("window " + what + " must be positive, got " + h + "x" + w);
        }
    }
}
