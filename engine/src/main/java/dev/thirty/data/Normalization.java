package dev.thirty.data;

import dev.thirty.tensor.Tensor;

/**
 * Per-channel standardisation of images {@code (N, C, ...)}: {@code x' = (x - mean[c]) / std[c]}.
 * Fit the statistics on the training split and apply the same ones to every split.
 *
 * @param mean per-channel mean, length C
 * @param std  per-channel standard deviation, length C, all positive
 */
public record Normalization(float[] mean, float[] std) {

    public Normalization {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("need one mean and one std per channel, got " + mean.length + " and "
                    + std.length);
        }
        mean = mean.clone();
        std = std.clone();
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
                throw new IllegalArgumentException("channel " + c + ": need finite mean and positive std, got "
                        + mean[c] + " and " + std[c]);
            }
        }
    }

    /** Mean and population standard deviation of each channel (axis 1) over all other axes. */
    public static Normalization fit(Tensor images) {
        int channels = channels(images);
        int n = images.dim(0);
        int plane = images.shape().innerSize(1);
        float[] x = images.data();
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                int base = (i * channels + c) * plane;
                for (int k = 0; k < plane; k++) {
                    double v = x[base + k];
                    sum += v;
                    sumSq += v * v;
                }
            }
            double count = (double) n * plane;
            double m = sum / count;
            mean[c] = (float) m;
            std[c] = (float) Math.sqrt(Math.max(0, sumSq / count - m * m));
        }
        return new Normalization(mean, std);
    }

    /** A new tensor: {@code images} standardised channel by channel. */
    public Tensor apply(Tensor images) {
        int channels = channels(images);
        if (channels != mean.length) {
            throw new IllegalArgumentException("images of shape " + images.shape() + " have " + channels
                    + " channels, this normalisation has " + mean.length);
        }
        int plane = images.shape().innerSize(1);
        float[] x = images.data();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = (i / plane) % channels;
            out[i] = (x[i] - mean[c]) / std[c];
        }
        return Tensor.wrap(out, images.shape());
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    private static int channels(Tensor images) {
        if (images.rank() < 2) {
            throw new IllegalArgumentException("per-channel normalisation needs (N, C, ...), got " + images.shape());
        }
        return images.dim(1);
    }
}
