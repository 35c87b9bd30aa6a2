package dev.thirty.data;

import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Labelled images as their stored bytes: {@code (N, C, H, W)} unsigned samples {@code 0..255},
 * channel-first, row-major, as in a CIFAR-10 record. A byte per sample keeps all 50,000 CIFAR-10
 * training images in 150 MB (floats would take 600 MB); convert to a tensor when needed, on the
 * scale the model wants: {@link #toUnitRange()} as {@link CifarBinary} gives, or {@link #toRawRange()}
 * for cuda-convnet's recipe (raw values minus the mean image, no division by 255).
 *
 * @param pixels   {@code N * C * H * W} unsigned bytes; not copied, so do not change them
 * @param labels   {@code N} class indices
 * @param channels C
 * @param height   H
 * @param width    W
 */
public record RawImages(byte[] pixels, int[] labels, int channels, int height, int width) {

    public RawImages {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image dimensions must be positive, got " + channels + "x" + height
                    + "x" + width);
        }
        if ((long) labels.length * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(labels.length + " images of " + channels + "x" + height + "x" + width
                    + " need " + (long) labels.length * channels * height * width + " bytes, got " + pixels.length);
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Samples per image, {@code C * H * W}. */
    public int imageSize() {
        return channels * height * width;
    }

    /** The unsigned value {@code 0..255} of sample {@code (n, c, y, x)}. */
    public int get(int n, int c, int y, int x) {
        return pixels[((n * channels + c) * height + y) * width + x] & 0xff;
    }

    /** Images as floats {@code value / 255} in {@code [0, 1]}, {@code (N, C, H, W)}, with their labels. */
    public LabelledData toUnitRange() {
        return toFloats(255f);
    }

    /** Images as floats {@code 0..255} (the raw values), {@code (N, C, H, W)}, with their labels. */
    public LabelledData toRawRange() {
        return toFloats(1f);
    }

    private LabelledData toFloats(float divisor) {
        float[] x = new float[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (pixels[i] & 0xff) / divisor; // a division, as Images and Idx scale, so the floats agree bit for bit
        }
        return new LabelledData(Tensor.wrap(x, Shape.of(size(), channels, height, width)), labels.clone());
    }

    /** The first {@code n} images (copied). */
    public RawImages first(int n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("cannot take the first " + n + " of " + size() + " images");
        }
        return new RawImages(Arrays.copyOf(pixels, n * imageSize()), Arrays.copyOf(labels, n),
                channels, height, width);
    }

    /**
     * {@code limit} images drawn at random by {@code rng}, or all of them when {@code limit} is 0 or not
     * below the size (a class-sorted set's first images would all be of one class).
     */
    public RawImages sample(int limit, RandomGenerator rng) {
        if (limit <= 0 || limit >= size()) {
            return this;
        }
        return select(Arrays.copyOf(Shuffle.permutation(size(), rng), limit));
    }

    /** The labels of images {@code order[from .. to - 1]}. */
    public int[] labels(int[] order, int from, int to) {
        int[] y = new int[to - from];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[order[from + i]];
        }
        return y;
    }

    /** The images at {@code indices}, in that order (copied; indices may repeat). */
    public RawImages select(int[] indices) {
        int row = imageSize();
        byte[] dst = new byte[Math.multiplyExact(indices.length, row)];
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int k = indices[i];
            if (k < 0 || k >= size()) {
                throw new IndexOutOfBoundsException("image index " + k + " at position " + i + " is outside 0.."
                        + (size() - 1));
            }
            System.arraycopy(pixels, k * row, dst, i * row, row);
            y[i] = labels[k];
        }
        return new RawImages(dst, y, channels, height, width);
    }
}
