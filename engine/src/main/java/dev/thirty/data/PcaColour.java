package dev.thirty.data;

import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * AlexNet's colour augmentation (Krizhevsky, Sutskever and Hinton, 2012, §4.1, "altering the intensities
 * of the RGB channels"): PCA on the RGB values of all training pixels, then to every pixel
 * {@code I_xy = [R, G, B]^T} of an image add
 * <pre>  [p1, p2, p3] [alpha1 * m1, alpha2 * m2, alpha3 * m3]^T</pre>
 * where {@code p_i} are the eigenvectors of the 3x3 RGB covariance, {@code alpha_i ~ N(0, 0.1)} drawn
 * once per image each time it is used (once per epoch), and {@code m_i} the eigenvalue {@code lambda_i}.
 *
 * <p>Deviation from the paper, as an option: the paper's {@code lambda_i} is a variance (value squared),
 * so the same {@code alpha} shifts 0..255 images 255 times more, relative to their range, than [0, 1]
 * images. {@link Magnitude#ROOT_EIGENVALUE} uses {@code sqrt(lambda_i)}, the standard deviation along
 * {@code p_i}, which scales with the pixels; {@link Magnitude#EIGENVALUE} is the paper's formula as written.
 *
 * @param eigen the decomposition of the training set's RGB covariance
 */
public record PcaColour(SymmetricEigen3 eigen) {

    /** The paper's standard deviation of {@code alpha_i}. */
    public static final double PAPER_SIGMA = 0.1;

    /** What multiplies {@code alpha_i p_i}. */
    public enum Magnitude {
        /** {@code lambda_i}, as §4.1 writes it (depends on the pixel scale). */
        EIGENVALUE,
        /** {@code sqrt(lambda_i)}, the standard deviation along the component (scale-equivariant). */
        ROOT_EIGENVALUE
    }

    /** The PCA of the RGB values of every pixel of {@code images} {@code (N, 3, H, W)}. */
    public static PcaColour fit(Tensor images) {
        int n = images.dim(0);
        int plane = checkedPlane(images);
        float[] x = images.data();
        double[] sum = new double[3];
        double[][] products = new double[3][3];
        for (int i = 0; i < n; i++) {
            int base = i * 3 * plane;
            for (int k = 0; k < plane; k++) {
                double r = x[base + k];
                double g = x[base + plane + k];
                double b = x[base + 2 * plane + k];
                double[] rgb = {r, g, b};
                for (int c = 0; c < 3; c++) {
                    sum[c] += rgb[c];
                    for (int d = c; d < 3; d++) {
                        products[c][d] += rgb[c] * rgb[d];
                    }
                }
            }
        }
        double count = (double) n * plane;
        double[][] cov = new double[3][3];
        for (int c = 0; c < 3; c++) {
            for (int d = c; d < 3; d++) {
                cov[c][d] = products[c][d] / count - (sum[c] / count) * (sum[d] / count);
                cov[d][c] = cov[c][d];
            }
        }
        return new PcaColour(SymmetricEigen3.of(cov));
    }

    /**
     * A new tensor: {@code images} {@code (N, 3, H, W)} with each image's colour shifted by its own draw of
     * {@code alpha ~ N(0, sigma)} (three Gaussians per image, in image order, from {@code rng}).
     */
    public Tensor jitter(Tensor images, double sigma, Magnitude magnitude, RandomGenerator rng) {
        int n = images.dim(0);
        int plane = checkedPlane(images);
        double[] m = new double[3];
        for (int i = 0; i < 3; i++) {
            double lambda = Math.max(0, eigen.values()[i]); // a covariance is PSD; rounding may dip below 0
            m[i] = magnitude == Magnitude.EIGENVALUE ? lambda : Math.sqrt(lambda);
        }
        float[] src = images.data();
        float[] out = new float[src.length];
        for (int img = 0; img < n; img++) {
            double[] shift = shift(m, sigma, rng);
            for (int c = 0; c < 3; c++) {
                int base = (img * 3 + c) * plane;
                float s = (float) shift[c];
                for (int k = 0; k < plane; k++) {
                    out[base + k] = src[base + k] + s;
                }
            }
        }
        return Tensor.wrap(out, images.shape());
    }

    /** {@code sum_i alpha_i m_i p_i} for one image. */
    private double[] shift(double[] m, double sigma, RandomGenerator rng) {
        double[] shift = new double[3];
        for (int i = 0; i < 3; i++) {
            double alpha = sigma * rng.nextGaussian();
            for (int c = 0; c < 3; c++) {
                shift[c] += alpha * m[i] * eigen.vectors()[i][c];
            }
        }
        return shift;
    }

    private static int checkedPlane(Tensor images) {
        if (images.rank() != 4 || images.dim(1) != 3) {
            throw new IllegalArgumentException("colour PCA needs RGB images (N, 3, H, W), got " + images.shape());
        }
        return images.dim(2) * images.dim(3);
    }
}
