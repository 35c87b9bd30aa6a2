package dev.thirty.papers.transformer.translate;

import dev.thirty.tensor.Rng;
import java.util.random.RandomGenerator;

/**
 * The generator dropout masks are drawn from, handed to the model once when it is built; its
 * state can be saved with a checkpoint and put back after the model is rebuilt, so a resumed run
 * draws the same masks as an uninterrupted one.
 */
final class MaskRng implements RandomGenerator {

    private Rng rng;

    MaskRng(long seed) {
        this.rng = Rng.seeded(seed);
    }

    long[] state() {
        return rng.state();
    }

    void restore(long[] state) {
        rng = Rng.restore(state);
    }

    @Override
    public long nextLong() {
        return rng.nextLong();
    }

    @Override
    public int nextInt() {
        return rng.nextInt();
    }

    @Override
    public float nextFloat() {
        return rng.nextFloat();
    }

    @Override
    public double nextDouble() {
        return rng.nextDouble();
    }

    @Override
    public boolean nextBoolean() {
        return rng.nextBoolean();
    }

    @Override
    public double nextGaussian() {
        return rng.nextGaussian();
    }
}
