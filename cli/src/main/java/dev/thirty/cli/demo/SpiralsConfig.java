package dev.thirty.cli.demo;

/**
 * Settings of the two-spirals demo.
 *
 * @param hidden   width of each hidden layer
 * @param layers   number of hidden layers
 * @param perClass training points per spiral arm (the test set has as many fresh ones)
 * @param noise    standard deviation of the noise added to each point
 * @param steps    full-batch SGD steps
 * @param lr       learning rate
 * @param momentum SGD momentum
 */
public record SpiralsConfig(int hidden, int layers, int perClass, double noise, int steps, double lr,
                            double momentum) {

    public SpiralsConfig {
        if (hidden < 1 || layers < 1 || perClass < 1 || steps < 1) {
            throw new IllegalArgumentException("spirals: hidden, layers, perClass and steps must be positive");
        }
        if (!(lr > 0) || !(noise >= 0) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("spirals: need lr > 0, noise >= 0 and momentum in [0, 1), got lr="
                    + lr + ", noise=" + noise + ", momentum=" + momentum);
        }
    }

    /** The default run: a 2-64-64-2 network, 1,000 full-batch steps on 400 points. */
    public static SpiralsConfig cpu() {
        return new SpiralsConfig(64, 2, 200, 0.02, 1000, 0.1, 0.9);
    }

    /** A seconds-long run: 300 steps. */
    public static SpiralsConfig tiny() {
        return new SpiralsConfig(32, 2, 100, 0.02, 300, 0.1, 0.9);
    }
}
