package dev.thirty.nn.attention;

import dev.thirty.nn.Layer;
import dev.thirty.nn.Module;
import dev.thirty.tensor.Tensor;

/**
 * §3.5 Positional Encoding: a fixed table added to the embeddings,
 *
 * <pre>
 * PE(pos, 2i)   = sin(pos / 10000^(2i / dModel))
 * PE(pos, 2i+1) = cos(pos / 10000^(2i / dModel))
 * </pre>
 *
 * Shapes: {@code x (B, T, dModel)} with {@code T <= maxLength}; {@code x + PE[:T]} has x's shape.
 * No parameters. (Learned position embeddings, the alternative the paper found equivalent and the
 * GPT uses, are an {@link dev.thirty.nn.Embedding} over positions {@code 0..T-1}.)
 */
public final class SinusoidalPositionalEncoding extends Module implements Layer {

    private final int dModel;
    private final int maxLength;
    private final float[] table;

    public SinusoidalPositionalEncoding(int dModel, int maxLength) {
        if (dModel < 2 || dModel % 2 != 0 || maxLength < 1) {
            throw new IllegalArgumentException("positional encoding: need an even dModel >= 2 and maxLength >= 1,"
                    + " got " + dModel + ", " + maxLength);
        }
        this.dModel = dModel;
        this.maxLength = maxLength;
        this.table = table(dModel, maxLength);
    }

    /** The {@code (maxLength, dModel)} table, row {@code pos}. */
    public static float[] table(int dModel, int maxLength) {
        float[] pe = new float[maxLength * dModel];
        for (int pos = 0; pos < maxLength; pos++) {
            for (int i = 0; i < dModel; i += 2) {
                double angle = pos / Math.pow(10000, (double) i / dModel);
                pe[pos * dModel + i] = (float) Math.sin(angle);
                pe[pos * dModel + i + 1] = (float) Math.cos(angle);
            }
        }
        return pe;
    }

    @Override
    public Tensor forward(Tensor x) {
        int t = x.dim(1);
        if (x.rank() != 3 || x.dim(2) != dModel || t > maxLength) {
            throw new IllegalArgumentException("positional encoding: expected (B, T <= " + maxLength + ", "
                    + dModel + "), got " + x.shape());
        }
        float[] rows = java.util.Arrays.copyOf(table, t * dModel);
        return x.add(Tensor.of(rows, t, dModel)); // (B, T, dModel) + (T, dModel)
    }
}
