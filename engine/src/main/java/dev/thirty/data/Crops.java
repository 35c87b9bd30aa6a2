package dev.thirty.data;

import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * AlexNet's translations and reflections (Krizhevsky, Sutskever and Hinton, 2012, §4.1): train on random
 * {@code h x w} patches of the {@code H x W} images and their horizontal reflections (224 of 256 there;
 * 24 of 32 in cuda-convnet's CIFAR-10 recipe), test on the centre patch, or on the ten patches of §4.1
 * (four corners and centre, each also reflected) with the predictions averaged. {@link #randomPadded}
 * is the later pad-and-crop variant (zero-pad by {@code pad}, crop back to {@code H x W}).
 *
 * <p>Every method takes images {@code (N, C, H, W)} and returns a new tensor {@code (N, C, h, w)}.
 * Random draws, per image in order: the row offset, the column offset, then (with {@link Flip#RANDOM})
 * one boolean; so a seed fixes the result.
 */
public final class Crops {

    /** Whether reflections are drawn. */
    public enum Flip {
        /** Never reflect. */
        NONE,
        /** Reflect each image left-right with probability 1/2. */
        RANDOM
    }

    private Crops() {
    }

    /** A random {@code h x w} patch of each image, offsets uniform over all that fit, maybe reflected. */
    public static Tensor random(Tensor images, int h, int w, Flip flip, RandomGenerator rng) {
        checkFits(images, h, w);
        return cropEach(images, h, w, 0, flip, rng);
    }

    /** Each image zero-padded by {@code pad} on all sides, then a random patch of its own size, maybe reflected. */
    public static Tensor randomPadded(Tensor images, int pad, Flip flip, RandomGenerator rng) {
        checkRank(images);
        if (pad < 0) {
            throw new IllegalArgumentException("padding must be non-negative, got " + pad);
        }
        return cropEach(images, images.dim(2), images.dim(3), pad, flip, rng);
    }

    /** The centre {@code h x w} patch of each image (the top-left one of the middle two when the margin is odd). */
    public static Tensor centre(Tensor images, int h, int w) {
        checkFits(images, h, w);
        return fixed(images, h, w, (images.dim(2) - h) / 2, (images.dim(3) - w) / 2, false);
    }

    /**
     * §4.1's ten test patches of each image: top-left, top-right, bottom-left, bottom-right, centre, then
     * the same five reflected; each {@code (N, C, h, w)}.
     */
    public static List<Tensor> tenCrops(Tensor images, int h, int w) {
        checkFits(images, h, w);
        int dy = images.dim(2) - h;
        int dx = images.dim(3) - w;
        int[][] corners = {{0, 0}, {0, dx}, {dy, 0}, {dy, dx}, {dy / 2, dx / 2}};
        List<Tensor> out = new ArrayList<>();
        for (boolean mirror : new boolean[] {false, true}) {
            for (int[] at : corners) {
                out.add(fixed(images, h, w, at[0], at[1], mirror));
            }
        }
        return out;
    }

    private static Tensor cropEach(Tensor images, int h, int w, int pad, Flip flip, RandomGenerator rng) {
        int n = images.dim(0);
        int c = images.dim(1);
        float[] out = new float[n * c * h * w];
        int maxY = images.dim(2) + 2 * pad - h;
        int maxX = images.dim(3) + 2 * pad - w;
        for (int i = 0; i < n; i++) {
            int y0 = rng.nextInt(maxY + 1) - pad;
            int x0 = rng.nextInt(maxX + 1) - pad;
            boolean mirror = flip == Flip.RANDOM && rng.nextBoolean();
            copyPatch(images, i, y0, x0, h, w, mirror, out);
        }
        return Tensor.wrap(out, Shape.of(n, c, h, w)); // (N, C, H, W) -> (N, C, h, w)
    }

    private static Tensor fixed(Tensor images, int h, int w, int y0, int x0, boolean mirror) {
        int n = images.dim(0);
        float[] out = new float[n * images.dim(1) * h * w];
        for (int i = 0; i < n; i++) {
            copyPatch(images, i, y0, x0, h, w, mirror, out);
        }
        return Tensor.wrap(out, Shape.of(n, images.dim(1), h, w)); // (N, C, H, W) -> (N, C, h, w)
    }

    /** Image {@code i}'s patch at {@code (y0, x0)} into {@code out}; samples outside the image read as 0. */
    private static void copyPatch(Tensor images, int i, int y0, int x0, int h, int w, boolean mirror, float[] out) {
        int channels = images.dim(1);
        int height = images.dim(2);
        int width = images.dim(3);
        float[] src = images.data();
        for (int c = 0; c < channels; c++) {
            int from = (i * channels + c) * height * width;
            int to = (i * channels + c) * h * w;
            for (int y = 0; y < h; y++) {
                int sy = y0 + y;
                for (int x = 0; x < w; x++) {
                    int sx = x0 + (mirror ? w - 1 - x : x);
                    boolean inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
                    out[to + y * w + x] = inside ? src[from + sy * width + sx] : 0f;
                }
            }
        }
    }

    private static void checkFits(Tensor images, int h, int w) {
        checkRank(images);
        if (h <= 0 || w <= 0 || h > images.dim(2) || w > images.dim(3)) {
            throw new IllegalArgumentException("a " + h + "x" + w + " patch does not fit images of shape "
                    + images.shape());
        }
    }

    private static void checkRank(Tensor images) {
        if (images.rank() != 4) {
            throw new IllegalArgumentException("need images (N, C, H, W), got " + images.shape());
        }
    }
}
