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
 * Shapes: {@code x (B, T, dModel)}; {@code x + PE[:T]} has x's shape. The first {@code maxLength}
 * rows are computed once; rows past them are computed when asked for, so any length works (the
 * paper chose sinusoids because they "may allow the model to extrapolate to sequence lengths
 * longer than the ones encountered during training"). No parameters. (Learned position
 * embeddings, the alternative the paper found equivalent and the GPT uses, are an
 * {@link dev.thirty.nn.Embedding} over positions {@code 0..T-1}.)
 */
public final class SinusoidalPositionalEncoding extends Module implements Layer {

    private final int dModel;
    private final int maxLength;
    private final float[] table;

    /** @param maxLength rows computed ahead; longer sequences cost a little more, they are not refused */
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
        fill(pe, 0, dModel, 0, maxLength);
        return pe;
    }

    /** Rows {@code from .. from + count - 1} of the encoding: {@code (count, dModel)}, any positions. */
    public Tensor rows(int from, int count) {
        if (from < 0 || count < 1) {
            throw new IllegalArgumentException("positional encoding: need rows from >= 0, count >= 1, got "
                    + from + ", " + count);
        }
        float[] out = new float[count * dModel];
        int cached = Math.clamp((long) maxLength - from, 0, count);
        if (cached > 0) {
            System.arraycopy(table, from * dModel, out, 0, cached * dModel);
        }
        if (cached < count) {
            fill(out, cached, dModel, from + cached, count - cached);
        }
        return Tensor.of(out, count, dModel);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 3 || x.dim(2) != dModel) {
            throw new IllegalArgumentException("positional encoding: expected (B, T, " + dModel + "), got "
                    + x.shape());
        }
        return x.add(rows(0, x.dim(1))); // (B, T, dModel) + (T, dModel)
    }

    /** Writes positions {@code first .. first + count - 1} into rows {@code row ..} of {@code pe}. */
    private static void fill(float[] pe, int row, int dModel, int first, int count) {
        for (int r = 0; r < count; r++) {
            int pos = first + r;
            int o = (row + r) * dModel;
            for (int i = 0; i < dModel; i += 2) {
                double angle = pos / Math.pow(10000, (double) i / dModel);
                pe[o + i] = (float) Math.sin(angle);
                pe[o + i + 1] = (float) Math.cos(angle);
            }
        }
    }
}
