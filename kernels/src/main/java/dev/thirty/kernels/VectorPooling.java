package dev.thirty.kernels;

import static dev.thirty.kernels.GemmMicroKernel.L;
import static dev.thirty.kernels.GemmMicroKernel.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max pooling over windows that all lie inside the input (no padding, no clipped last window), the
 * common case of LeNet's and AlexNet's pools, a vector of outputs at a time: each window tap is one
 * gather of the outputs' taps through a table of window starts. It gives the reference's result and
 * argmax exactly: the first maximum in row-major window order, or the first NaN ({@code !(v <= max)}
 * holds for a larger value and for NaN, and a NaN maximum is never replaced).
 */
final class VectorPooling {

    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED.length() == L
            ? IntVector.SPECIES_PREFERRED : VectorSpecies.of(int.class, S.vectorShape());

    private VectorPooling() {
    }

    /** Whether {@link #maxPlane} serves {@code s}: max pooling with every window inside the input. */
    static boolean applies(Pool2dShape s) {
        Window2d win = s.window();
        return s.mode() == PoolMode.MAX && win.padH() == 0 && win.padW() == 0
                && (s.outHeight() - 1) * win.strideH() + win.kernelH() <= s.height()
                && (s.outWidth() - 1) * win.strideW() + win.kernelW() <= s.width();
    }

    /** Where each output's window starts in its plane, row-major over the outputs. */
    static int[] windowStarts(Pool2dShape s) {
        Window2d win = s.window();
        int ow = s.outWidth();
        int[] starts = new int[s.outHeight() * ow];
        for (int k = 0; k < starts.length; k++) {
            starts[k] = (k / ow) * win.strideH() * s.width() + (k % ow) * win.strideW();
        }
        return starts;
    }

    static void maxPlane(Pool2dShape s, int[] starts, int plane, float[] x, float[] y, int[] argmax) {
        Window2d win = s.window();
        int w = s.width();
        int xOff = plane * s.height() * w;
        int yOff = plane * starts.length;
        int kh = win.kernelH();
        int kw = win.kernelW();
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
            max.intoArray(y, yOff + k);
            best.intoArray(argmax, yOff + k);
        }
        for (; k < starts.length; k++) {
            int at = starts[k];
            int bestAt = at;
            float max = x[xOff + at];
            for (int r = 0; r < kh; r++) {
                for (int c = r == 0 ? 1 : 0; c < kw; c++) {
                    float v = x[xOff + at + r * w + c];
                    if (!(v <= max) && max == max) {
                        max = v;
                        bestAt = at + r * w + c;
                    }
                }
            }
            y[yOff + k] = max;
            argmax[yOff + k] = bestAt;
        }
    }
}
