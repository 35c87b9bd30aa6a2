package dev.thirty.kernels;

/** The four sizes of an NCHW tensor. */
public record NchwShape(int batch, int channels, int height, int width) {

    public NchwShape {
        if (batch < 0 || channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("bad NCHW sizes: " + batch + "x" + channels + "x" + height + "x" + width);
        }
    }

    /** Values per channel plane. */
    public int plane() {
        return height * width;
    }

    /** Values per image. */
    public int image() {
        return channels * plane();
    }

    public int size() {
        return batch * image();
    }
}
