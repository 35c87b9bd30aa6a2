package dev.thirty.data;

import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;

/**
 * Per-pixel mean subtraction, AlexNet §2 ("subtracting the mean activity over the training set from each
 * pixel") and cuda-convnet's CIFAR-10 recipe: the mean image over the training set, one value per
 * {@code (c, y, x)}, subtracted from every image of every split. Subtract before cropping (cuda-convnet
 * subtracts the full-size mean, then takes the crop), so the mean is always the full-size one.
 *
 * @param mean  the mean image, {@code C * H * W} values
 * @param shape its shape {@code (C, H, W)}
 */
public record MeanImage(float[] mean, Shape shape) {

    public MeanImage {
        if (shape.rank() != 3 || shape.size() != mean.length) {
            throw new IllegalArgumentException("a mean image is (C, H, W) with one value each, got " + shape
                    + " and " + mean.length + " values");
        }
        mean = mean.clone();
    }

    /** The mean of {@code images} {@code (N, C, H, W)} over N, accumulated in double. */
    public static MeanImage fit(Tensor images) {
        checkRank(images);
        int n = images.dim(0);
        int row = images.shape().innerSize(0);
        float[] x = images.data();
        double[] sum = new double[row];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < row; k++) {
                sum[k] += x[i * row + k];
            }
        }
        float[] mean = new float[row];
        for (int k = 0; k < row; k++) {
            mean[k] = (float) (sum[k] / n);
        }
        return new MeanImage(mean, Shape.of(images.dim(1), images.dim(2), images.dim(3)));
    }

    /** The mean of raw images on their 0..255 scale, accumulated in double, without widening them all to floats. */
    public static MeanImage fit(RawImages images) {
        if (images.size() == 0) {
            throw new IllegalArgumentException("need at least one image for a mean image");
        }
        int row = images.imageSize();
        byte[] px = images.pixels();
        double[] sum = new double[row];
        for (int n = 0; n < images.size(); n++) {
            for (int k = 0; k < row; k++) {
                sum[k] += px[n * row + k] & 0xff;
            }
        }
        float[] mean = new float[row];
        for (int k = 0; k < row; k++) {
            mean[k] = (float) (sum[k] / images.size());
        }
        return new MeanImage(mean, Shape.of(images.channels(), images.height(), images.width()));
    }

    /**
     * A batch of raw images as {@code (to - from, C, H, W)} floats on the 0..255 scale minus the mean
     * image: images {@code order[from .. to - 1]}, or {@code from .. to - 1} when {@code order} is null.
     */
    public Tensor subtract(RawImages images, int[] order, int from, int to) {
        if (images.channels() != shape.dim(0) || images.height() != shape.dim(1) || images.width() != shape.dim(2)) {
            throw new IllegalArgumentException("images of " + images.channels() + "x" + images.height() + "x"
                    + images.width() + " do not match the mean image " + shape);
        }
        int row = mean.length;
        float[] x = new float[(to - from) * row];
        byte[] px = images.pixels();
        for (int i = from; i < to; i++) {
            int src = (order == null ? i : order[i]) * row;
            int dst = (i - from) * row;
            for (int k = 0; k < row; k++) {
                x[dst + k] = (px[src + k] & 0xff) - mean[k];
            }
        }
        return Tensor.wrap(x, Shape.of(to - from, shape.dim(0), shape.dim(1), shape.dim(2)));
    }

    /** A new tensor: {@code images} {@code (N, C, H, W)} minus the mean image. */
    public Tensor subtract(Tensor images) {
        checkRank(images);
        if (images.dim(1) != shape.dim(0) || images.dim(2) != shape.dim(1) || images.dim(3) != shape.dim(2)) {
            throw new IllegalArgumentException("images of shape " + images.shape() + " do not match the mean image "
                    + shape + " (subtract before cropping)");
        }
        float[] x = images.data();
        float[] out = new float[x.length];
        int row = mean.length;
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] - mean[i % row];
        }
        return Tensor.wrap(out, images.shape());
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    private static void checkRank(Tensor images) {
        if (images.rank() != 4 || images.dim(0) == 0) {
            throw new IllegalArgumentException("need images (N, C, H, W) with N > 0, got " + images.shape());
        }
    }
}
