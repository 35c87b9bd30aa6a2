package dev.thirty.data;

import dev.thirty.tensor.Shape;
import dev.thirty.tensor.Tensor;
import java.util.Arrays;

/**
 * Examples with integer class labels: row {@code i} of {@code inputs} (along the first axis)
 * has class {@code labels[i]}. Used for whole data sets and for the batches cut from them.
 *
 * @param inputs {@code (N, ...)}, e.g. {@code (N, 3, 32, 32)} images
 * @param labels {@code N} class indices
 */
public record LabelledData(Tensor inputs, int[] labels) {

    public LabelledData {
        if (inputs.rank() == 0 || inputs.dim(0) != labels.length) {
            throw new IllegalArgumentException("inputs of shape " + inputs.shape() + " need one label per row, got "
                    + labels.length + " labels");
        }
    }

    /** Number of examples. */
    public int size() {
        return labels.length;
    }

    /** The examples at {@code indices}, in that order (copied; indices may repeat). */
    public LabelledData select(int[] indices) {
        return select(indices, 0, indices.length);
    }

    /** The examples at {@code indices[from..to)}, in that order (copied). */
    public LabelledData select(int[] indices, int from, int to) {
        if (from < 0 || to > indices.length || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") is outside " + indices.length
                    + " indices");
        }
        int n = to - from;
        int row = inputs.shape().innerSize(0);
        float[] src = inputs.data();
        float[] dst = new float[n * row];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int k = indices[from + i];
            if (k < 0 || k >= labels.length) {
                throw new IndexOutOfBoundsException("example index " + k + " at position " + (from + i)
                        + " is outside 0.." + (labels.length - 1));
            }
            System.arraycopy(src, k * row, dst, i * row, row);
            y[i] = labels[k];
        }
        return new LabelledData(Tensor.wrap(dst, inputs.shape().with(0, n)), y);
    }

    /** The first {@code n} examples (copied). */
    public LabelledData first(int n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("cannot take the first " + n + " of " + size() + " examples");
        }
        return slice(0, n);
    }

    /** The examples {@code from .. to - 1}, in order (copied). */
    public LabelledData slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") is outside " + size() + " examples");
        }
        int row = inputs.shape().innerSize(0);
        float[] dst = Arrays.copyOfRange(inputs.data(), from * row, to * row);
        Shape shape = inputs.shape().with(0, to - from);
        return new LabelledData(Tensor.wrap(dst, shape), Arrays.copyOfRange(labels, from, to));
    }
}
