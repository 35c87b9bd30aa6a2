package dev.thirty.kernels;

import static dev.thirty.kernels.VectorElementwise.L;
import static dev.thirty.kernels.VectorElementwise.S;
import static jdk.incubator.vector.FloatVector.fromArray;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * {@link LstmKernels} with the Vector API: {@code L} hidden units per step, whole vectors unmasked
 * and one masked step for the rest (any {@code hidden}). The backward multiplies in the reference's
 * order without fused multiply-add, so it matches it bit for bit.
 *
 * <p>Why several small loops per row rather than one: a single loop over all four gates keeps
 * about twenty vectors live, and C1 gives up compiling it ("out of virtual registers"); the
 * method then runs the Vector API's per-lane fallback until C2 gets to it, which on a busy
 * machine took longer than a whole benchmark. Each loop here keeps a handful live; the row's
 * {@code 4 * hidden} floats stay in the L1 cache between them.
 */
final class VectorLstm implements LstmKernels {

    static final VectorLstm INSTANCE = new VectorLstm();

    private VectorLstm() {
    }

    @Override
    public void forward(int hidden, float[] gates, int gOff, float[] cPrev, int cPrevOff,
                        float[] c, int cOff, float[] tanhC, int tOff, float[] h, int hOff) {
        sigmoid(gates, gOff, 2 * hidden); // i and f, adjacent blocks
        tanh(gates, gOff + 2 * hidden, hidden); // g
        sigmoid(gates, gOff + 3 * hidden, hidden); // o
        cell(hidden, gates, gOff, cPrev, cPrevOff, c, cOff);
        output(hidden, gates, gOff + 3 * hidden, c, cOff, tanhC, tOff, h, hOff);
    }

    @Override
    public void backward(int hidden, float[] act, int aOff, float[] tanhC, int tOff, float[] cPrev, int cPrevOff,
                         float[] dh, int dhOff, float[] dc, int dcOff, float[] dz, int dzOff) {
        outputGate(hidden, act, aOff + 3 * hidden, tanhC, tOff, dh, dhOff, dc, dcOff, dz, dzOff + 3 * hidden);
        inputAndCandidate(hidden, act, aOff, dc, dcOff, dz, dzOff);
        forgetGate(hidden, act, aOff + hidden, cPrev, cPrevOff, dc, dcOff, dz, dzOff + hidden);
    }

    private static void sigmoid(float[] x, int off, int n) {
        int j = 0;
        for (; j <= n - L; j += L) {
            VectorUnary.sigmoidOf(fromArray(S, x, off + j)).intoArray(x, off + j);
        }
        if (j < n) {
            VectorMask<Float> m = S.indexInRange(j, n);
            VectorUnary.sigmoidOf(fromArray(S, x, off + j, m)).intoArray(x, off + j, m);
        }
    }

    private static void tanh(float[] x, int off, int n) {
        int j = 0;
        for (; j <= n - L; j += L) {
            VectorMath.tanh(fromArray(S, x, off + j)).intoArray(x, off + j);
        }
        if (j < n) {
            VectorMask<Float> m = S.indexInRange(j, n);
            VectorMath.tanh(fromArray(S, x, off + j, m)).intoArray(x, off + j, m);
        }
    }

    /** {@code C = f * C_prev + i * g}. */
    private static void cell(int hidden, float[] act, int aOff, float[] cPrev, int cPrevOff, float[] c, int cOff) {
        int j = 0;
        for (; j <= hidden - L; j += L) {
            int r = aOff + j;
            FloatVector ig = fromArray(S, act, r).mul(fromArray(S, act, r + 2 * hidden));
            fromArray(S, act, r + hidden).mul(fromArray(S, cPrev, cPrevOff + j)).add(ig).intoArray(c, cOff + j);
        }
        if (j < hidden) {
            VectorMask<Float> m = S.indexInRange(j, hidden);
            int r = aOff + j;
            FloatVector ig = fromArray(S, act, r, m).mul(fromArray(S, act, r + 2 * hidden, m));
            fromArray(S, act, r + hidden, m).mul(fromArray(S, cPrev, cPrevOff + j, m)).add(ig)
                    .intoArray(c, cOff + j, m);
        }
    }

    /** {@code tanh(C)} and {@code h = o * tanh(C)}. */
    private static void output(int hidden, float[] o, int oOff, float[] c, int cOff, float[] tanhC, int tOff,
                               float[] h, int hOff) {
        int j = 0;
        for (; j <= hidden - L; j += L) {
            FloatVector t = VectorMath.tanh(fromArray(S, c, cOff + j));
            t.intoArray(tanhC, tOff + j);
            fromArray(S, o, oOff + j).mul(t).intoArray(h, hOff + j);
        }
        if (j < hidden) {
            VectorMask<Float> m = S.indexInRange(j, hidden);
            FloatVector t = VectorMath.tanh(fromArray(S, c, cOff + j, m));
            t.intoArray(tanhC, tOff + j, m);
            fromArray(S, o, oOff + j, m).mul(t).intoArray(h, hOff + j, m);
        }
    }

    /** {@code dz_o = dh * tanh(C) * o (1 - o)}, and {@code dc} becomes {@code dC~ = dC + dh * o * (1 - tanh(C)^2)}. */
    private static void outputGate(int hidden, float[] o, int oOff, float[] tanhC, int tOff, float[] dh, int dhOff,
                                   float[] dc, int dcOff, float[] dzO, int zOff) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int j = 0;
        for (; j <= hidden - L; j += L) {
            FloatVector ov = fromArray(S, o, oOff + j);
            FloatVector t = fromArray(S, tanhC, tOff + j);
            FloatVector d = fromArray(S, dh, dhOff + j);
            d.mul(t).mul(ov).mul(one.sub(ov)).intoArray(dzO, zOff + j);
            fromArray(S, dc, dcOff + j).add(d.mul(ov).mul(one.sub(t.mul(t)))).intoArray(dc, dcOff + j);
        }
        if (j < hidden) {
            VectorMask<Float> m = S.indexInRange(j, hidden);
            FloatVector ov = fromArray(S, o, oOff + j, m);
            FloatVector t = fromArray(S, tanhC, tOff + j, m);
            FloatVector d = fromArray(S, dh, dhOff + j, m);
            d.mul(t).mul(ov).mul(one.sub(ov)).intoArray(dzO, zOff + j, m);
            fromArray(S, dc, dcOff + j, m).add(d.mul(ov).mul(one.sub(t.mul(t)))).intoArray(dc, dcOff + j, m);
        }
    }

    /** {@code dz_i = dC~ * g * i (1 - i)}, {@code dz_g = dC~ * i * (1 - g^2)}. */
    private static void inputAndCandidate(int hidden, float[] act, int aOff, float[] dct, int dcOff, float[] dz,
                                          int zOff) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int j = 0;
        for (; j <= hidden - L; j += L) {
            FloatVector i = fromArray(S, act, aOff + j);
            FloatVector g = fromArray(S, act, aOff + 2 * hidden + j);
            FloatVector d = fromArray(S, dct, dcOff + j);
            d.mul(g).mul(i).mul(one.sub(i)).intoArray(dz, zOff + j);
            d.mul(i).mul(one.sub(g.mul(g))).intoArray(dz, zOff + 2 * hidden + j);
        }
        if (j < hidden) {
            VectorMask<Float> m = S.indexInRange(j, hidden);
            FloatVector i = fromArray(S, act, aOff + j, m);
            FloatVector g = fromArray(S, act, aOff + 2 * hidden + j, m);
            FloatVector d = fromArray(S, dct, dcOff + j, m);
            d.mul(g).mul(i).mul(one.sub(i)).intoArray(dz, zOff + j, m);
            d.mul(i).mul(one.sub(g.mul(g))).intoArray(dz, zOff + 2 * hidden + j, m);
        }
    }

    /** {@code dz_f = dC~ * C_prev * f (1 - f)}, and {@code dc} becomes {@code dC_prev = dC~ * f}. */
    private static void forgetGate(int hidden, float[] f, int fOff, float[] cPrev, int cPrevOff, float[] dc,
                                   int dcOff, float[] dzF, int zOff) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int j = 0;
        for (; j <= hidden - L; j += L) {
            FloatVector fv = fromArray(S, f, fOff + j);
            FloatVector d = fromArray(S, dc, dcOff + j);
            d.mul(fromArray(S, cPrev, cPrevOff + j)).mul(fv).mul(one.sub(fv)).intoArray(dzF, zOff + j);
            d.mul(fv).intoArray(dc, dcOff + j);
        }
        if (j < hidden) {
            VectorMask<Float> m = S.indexInRange(j, hidden);
            FloatVector fv = fromArray(S, f, fOff + j, m);
            FloatVector d = fromArray(S, dc, dcOff + j, m);
            d.mul(fromArray(S, cPrev, cPrevOff + j, m)).mul(fv).mul(one.sub(fv)).intoArray(dzF, zOff + j, m);
            d.mul(fv).intoArray(dc, dcOff + j, m);
        }
    }
}
