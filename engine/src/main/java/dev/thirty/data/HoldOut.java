package dev.thirty.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A training set split into what is trained on and a held-out validation part, by a seeded shuffle.
 *
 * <p>cuda-convnet (Krizhevsky et al., 2012, and its CIFAR-10 recipe) reads CIFAR-10 as six batches of
 * 10,000: {@code data_batch_1..5} for training and batch 6 (the test set) for testing, and tunes by
 * training on batches 1-4 while validating on batch 5. The JPEG copy lost the original order
 * (it is sorted by class), so {@link #batches} emulates the five training batches with a seeded
 * permutation, and {@code split(train, 10_000, rng)} holds out the emulated batch 5.
 *
 * @param train   the examples to train on, in shuffled order
 * @param heldOut the held-out examples, in shuffled order
 */
public record HoldOut(LabelledData train, LabelledData heldOut) {

    /**
     * {@code data} shuffled by {@code rng} (Fisher-Yates, {@link Shuffle}); the last {@code heldOut} examples of
     * that order are held out. With the same generator state, the same split.
     */
    public static HoldOut split(LabelledData data, int heldOut, RandomGenerator rng) {
        if (heldOut < 0 || heldOut > data.size()) {
            throw new IllegalArgumentException("cannot hold out " + heldOut + " of " + data.size() + " examples");
        }
        int[] order = Shuffle.permutation(data.size(), rng);
        int cut = data.size() - heldOut;
        return new HoldOut(data.select(order, 0, cut), data.select(order, cut, order.length));
    }

    /**
     * A seeded permutation of {@code 0..n-1} cut into consecutive batches of {@code batchSize} (the last
     * may be shorter): {@code batches(50_000, 10_000, rng)} gives emulated {@code data_batch_1..5} as
     * indices into the training set, e.g. for {@link RawImages#select}.
     */
    public static List<int[]> batches(int n, int batchSize, RandomGenerator rng) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        int[] order = Shuffle.permutation(n, rng);
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < n; from += batchSize) {
            out.add(Arrays.copyOfRange(order, from, Math.min(n, from + batchSize)));
        }
        return out;
    }
}
