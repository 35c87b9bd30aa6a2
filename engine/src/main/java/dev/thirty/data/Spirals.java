package dev.thirty.data;

import java.util.random.RandomGenerator;

/**
 * Interleaved spirals in the plane, one arm per class: the classic problem no linear model
 * solves (Lang and Witbrock, 1988). Point {@code i} of arm {@code c} sits at radius
 * {@code r = i / n} and angle {@code 3 pi r + 2 pi c / classes} (one and a half turns per
 * arm), plus Gaussian noise of deviation {@code noise}; with two arms this is the two-spirals
 * problem.
 *
 * @param x      coordinates, {@code (classes * perClass, 2)} row-major
 * @param labels the arm of each point
 */
public record Spirals(float[] x, int[] labels, int classes) {

    /** {@code perClass} points on each of {@code classes} arms, shuffled by {@code rng}. */
    public static Spirals generate(int classes, int perClass, float noise, RandomGenerator rng) {
        if (classes < 2 || perClass < 1 || noise < 0) {
            throw new IllegalArgumentException("spirals: need at least 2 classes, 1 point per class and"
                    + " non-negative noise, got " + classes + ", " + perClass + ", " + noise);
        }
        int n = classes * perClass;
        float[] x = new float[2 * n];
        int[] y = new int[n];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                double r = (double) (i + 1) / perClass;
                double angle = 3 * Math.PI * r + 2 * Math.PI * c / classes;
                int p = c * perClass + i;
                x[2 * p] = (float) (r * Math.sin(angle) + noise * rng.nextGaussian());
                x[2 * p + 1] = (float) (r * Math.cos(angle) + noise * rng.nextGaussian());
                y[p] = c;
            }
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float tx = x[2 * i];
            float ty = x[2 * i + 1];
            x[2 * i] = x[2 * j];
            x[2 * i + 1] = x[2 * j + 1];
            x[2 * j] = tx;
            x[2 * j + 1] = ty;
            int tl = y[i];
            y[i] = y[j];
            y[j] = tl;
        }
        return new Spirals(x, y, classes);
    }

    public int size() {
        return labels.length;
    }
}
