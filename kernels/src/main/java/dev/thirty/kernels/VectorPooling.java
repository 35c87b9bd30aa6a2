package dev.thirty.kernels;

import static dev.thirty.kernels.GemmMicroKernel.L;
import static dev.thirty.kernels.GemmMicroKernel.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max pooling a vector of outputs at a time: the outputs whose windows lie wholly inside the input
 * take each window tap as one gather through a table of window starts, and their results go out by
 * a scatter through a table of output positions; the outputs at a padded or clipped border are
 * taken one by one. It gives the reference's result and argmax exactly: the first maximum in
 * row-major window order, or the first NaN ({@code !(v <= max)} holds for a larger value and for
 * NaN, and a NaN maximum is never replaced).
 */
final class VectorPooling {

    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());

    /**
     * The outputs of one plane: those with their window inside the input, by window start (in the
     * plane) and output position; and the rest, by output position.
     */
    record Plan(int[] starts, int[] outputs, int[] border) {
    }

    private VectorPooling() {
    }

    static Plan plan(Pool2dShape s) {
        Window2d win = s.window();
        int oh = s.outHeight();
        int ow = s.outWidth();
        int inside = 0;
        for (int k = 0; k < oh * ow; k++) {
            inside += inside(s, k / ow, k % ow) ? 1 : 0;
        }
        int[] starts = new int[inside];
        int[] outputs = new int[inside];
        int[] border = new int[oh * ow - inside];
        int a = 0;
        int b = 0;
        for (int k = 0; k < oh * ow; k++) {
            int i = k / ow;
            int j = k % ow;
            if (inside(s, i, j)) {
                starts[a] = (i * win.strideH() - win.padH()) * s.width() + j * win.strideW() - win.padW();
                outputs[a++] = k;
            } else {
                border[b++] = k;
            }
        }
        return new Plan(starts, outputs, border);
    }

    private static boolean inside(Pool2dShape s, int i, int j) {
        Window2d win = s.window();
        int r = i * win.strideH() - win.padH();
        int c = j * win.strideW() - win.padW();
        return r >= 0 && c >= 0 && r + win.kernelH() <= s.height() && c + win.kernelW() <= s.width();
    }

    static void maxPlane(Pool2dShape s, Plan plan, int plane, float[] x, float[] y, int[] argmax) {
        Window2d win = s.window();
        int w = s.width();
        int xOff = plane * s.height() * w;
        int yOff = plane * s.outHeight() * s.outWidth();
        int kh = win.kernelH();
        int kw = win.kernelW();
        int[] starts = plan.starts();
        int[] outputs = plan.outputs();
        int k = 0;
        for (; k + L <= starts.length; k += L) {
            FloatVector max = FloatVector.fromArray(S, x, xOff, starts, k);
            IntVector first = IntVector.fromArray(I, starts, k);
            IntVector best = first;
            for (int r = 0; r < kh; r++) {
                for (int c = r == 0 ? 1 : 0; c < kw; c++) {
                    int tap = r * w + c;
                    FloatVector v = FloatVector.fromArray(S, x, xOff + tap, starts, k);
                    VectorMask<Float> take = v.compare(VectorOperators.LE, max).not()
                            .and(max.compare(VectorOperators.EQ, max));
                    max = max.blend(v, take);
                    best = best.blend(first.add(tap), take.cast(I));
                }
            }
            max.intoArray(y, yOff, outputs, k);
            best.intoArray(argmax, yOff, outputs, k);
        }
        for (; k < starts.length; k++) {
            int r0 = starts[k] / w;
            int c0 = starts[k] % w;
            one(s, x, xOff, r0, r0 + kh, c0, c0 + kw, y, argmax, yOff + outputs[k]);
        }
        int ow = s.outWidth();
        for (int o : plan.border()) {
            int r = (o / ow) * win.strideH() - win.padH();
            int c = (o % ow) * win.strideW() - win.padW();
            one(s, x, xOff, Math.max(r, 0), Math.min(r + kh, s.height()), Math.max(c, 0), Math.min(c + kw, w), y,
                    argmax, yOff + o);
        }
    }

    /**
     * Per-thread rows of the separable pass: {@link #maxPlaneSeparable} keeps a plane's row maxima and the
     * vertical maxima of one output row here.
     */
    static final class Rows {
        final float[] rowMax;
        final int[] rowArg;
        final float[] colMax;
        final int[] colArg;

        Rows(Pool2dShape s) {
            int dense = Math.max(1, s.width() - s.window().kernelW() + 1);
            rowMax = new float[s.height() * dense];
            rowArg = new int[s.height() * dense];
            colMax = new float[dense];
            colArg = new int[dense];
        }
    }

    /** Whether the separable pass applies: at least one window fits across the width. */
    static boolean separable(Pool2dShape s) {
        return s.width() >= s.window().kernelW();
    }

    /**
     * Max pooling of one plane as two one-dimensional passes, each over contiguous vectors: for every input row,
     * the maximum over {@code kw} neighbours starting at each column (stride 1, the dense row maxima); then for
     * every output row, the maximum of its {@code kh} input rows' dense maxima; the output takes the column its
     * window starts at. The first maximum of a row, then the first row holding the window's maximum, is the
     * first maximum in row-major window order, and a NaN is handled as in {@link #one}, so the values and
     * argmax are the reference's exactly. Windows clipped at the left or right edge are taken one by one.
     */
    static void maxPlaneSeparable(Pool2dShape s, int plane, float[] x, float[] y, int[] argmax, Rows rows) {
        Window2d win = s.window();
        int h = s.height();
        int w = s.width();
        int kh = win.kernelH();
        int kw = win.kernelW();
        int dense = w - kw + 1;
        int xOff = plane * h * w;
        float[] rowMax = rows.rowMax;
        int[] rowArg = rows.rowArg;
        IntVector lanes = IntVector.zero(I).addIndex(1);
        for (int r = 0; r < h; r++) {
            int in = xOff + r * w;
            int out = r * dense;
            int c = 0;
            for (; c + L <= dense; c += L) {
                FloatVector max = FloatVector.fromArray(S, x, in + c);
                IntVector best = lanes.add(r * w + c);
                for (int t = 1; t < kw; t++) {
                    FloatVector v = FloatVector.fromArray(S, x, in + c + t);
                    VectorMask<Float> take = v.compare(VectorOperators.LE, max).not()
                            .and(max.compare(VectorOperators.EQ, max));
                    max = max.blend(v, take);
                    best = best.blend(lanes.add(r * w + c + t), take.cast(I));
                }
                max.intoArray(rowMax, out + c);
                best.intoArray(rowArg, out + c);
            }
            for (; c < dense; c++) {
                float max = x[in + c];
                int best = r * w + c;
                for (int t = 1; t < kw; t++) {
                    float v = x[in + c + t];
                    if (!(v <= max) && max == max) {
                        max = v;
                        best = r * w + c + t;
                    }
                }
                rowMax[out + c] = max;
                rowArg[out + c] = best;
            }
        }
        int oh = s.outHeight();
        int ow = s.outWidth();
        int yOff = plane * oh * ow;
        float[] colMax = rows.colMax;
        int[] colArg = rows.colArg;
        for (int i = 0; i < oh; i++) {
            int r0 = i * win.strideH() - win.padH();
            int ra = Math.max(r0, 0);
            int rb = Math.min(r0 + kh, h);
            int c = 0;
            for (; c + L <= dense; c += L) {
                FloatVector max = FloatVector.fromArray(S, rowMax, ra * dense + c);
                IntVector best = IntVector.fromArray(I, rowArg, ra * dense + c);
                for (int r = ra + 1; r < rb; r++) {
                    FloatVector v = FloatVector.fromArray(S, rowMax, r * dense + c);
                    VectorMask<Float> take = v.compare(VectorOperators.LE, max).not()
                            .and(max.compare(VectorOperators.EQ, max));
                    max = max.blend(v, take);
                    best = best.blend(IntVector.fromArray(I, rowArg, r * dense + c), take.cast(I));
                }
                max.intoArray(colMax, c);
                best.intoArray(colArg, c);
            }
            for (; c < dense; c++) {
                float max = rowMax[ra * dense + c];
                int best = rowArg[ra * dense + c];
                for (int r = ra + 1; r < rb; r++) {
                    float v = rowMax[r * dense + c];
                    if (!(v <= max) && max == max) {
                        max = v;
                        best = rowArg[r * dense + c];
                    }
                }
                colMax[c] = max;
                colArg[c] = best;
            }
            for (int j = 0; j < ow; j++) {
                int c0 = j * win.strideW() - win.padW();
                int at = yOff + i * ow + j;
                if (c0 >= 0 && c0 + kw <= w) {
                    y[at] = colMax[c0];
                    argmax[at] = colArg[c0];
                } else {
                    one(s, x, xOff, ra, rb, Math.max(c0, 0), Math.min(c0 + kw, w), y, argmax, at);
                }
            }
        }
    }

    /** One output over input rows {@code [r0, r1)} and columns {@code [c0, c1)}, as the reference takes it. */
    private static void one(Pool2dShape s, float[] x, int xOff, int r0, int r1, int c0, int c1, float[] y,
                            int[] argmax, int at) {
        int w = s.width();
        int best = -1;
        float max = Float.NEGATIVE_INFINITY;
        for (int r = r0; r < r1; r++) {
            for (int c = c0; c < c1; c++) {
                float v = x[xOff + r * w + c];
                if (best < 0 || (!(v <= max) && max == max)) {
                    max = v;
                    best = r * w + c;
                }
            }
        }
        y[at] = max;
        argmax[at] = best;
    }
}
