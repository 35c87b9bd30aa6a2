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
