package dev.thirty.kernels;

import static jdk.incubator.vector.FloatVector.fromArray;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise maps with the Vector API: {@link FloatVector#SPECIES_PREFERRED} lanes per step, whole
 * vectors unmasked, then one step masked to the rest of the run ({@link VectorSpecies#indexInRange};
 * masked-off lanes read as 0 and are never stored). Masking every step instead costs a mask, its
 * range checks and masked loads and stores per vector: with every step masked, layer norm and
 * softmax (forward and backward) over 768 rows of 128 measured 1.2 to 2.1 times slower, the GELUs
 * over 64k floats up to 1.4 times (JDK 25, AVX-512, 16 lanes). The unary ops live in
 * {@link VectorUnary}.
 *
 * <p>Why one small loop per op rather than one skeleton with the op as a parameter: C2 compiles a
 * shared loop once for all its callers. A {@link VectorOperators} token passed in is then not a
 * constant and the lane operation falls back to a per-lane interpreter; a switch on an enum inside
 * the loop keeps every case intrinsified but merges vectors from several cases, which C2 boxes on
 * the heap. With several ops in use (as in training), both measured 5 to 30 times slower per
 * element than these per-op loops (1k floats, JDK 25, AVX-512), so each op gets its own
 * five-line loop and nothing else is repeated.
 *
 * <p>Agreement with {@link ScalarElementwise}: every op here rounds after each operation in the
 * reference's order, without fused multiply-add, so add, sub, mul, div, affine, axpy and
 * mulAccumulate match it bit for bit; so does pow, which squares for {@code p = 2} and otherwise
 * calls {@link Math#pow} per element, like the reference (the comment in pow says why).
 */
final class VectorElementwise implements ElementwiseKernels {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    @Override
    public void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            fromArray(S, a, aOff + i).add(fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            fromArray(S, a, aOff + i, m).add(fromArray(S, b, bOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    @Override
    public void sub(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            fromArray(S, a, aOff + i).sub(fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            fromArray(S, a, aOff + i, m).sub(fromArray(S, b, bOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    @Override
    public void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            fromArray(S, a, aOff + i).mul(fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            fromArray(S, a, aOff + i, m).mul(fromArray(S, b, bOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    @Override
    public void div(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            fromArray(S, a, aOff + i).div(fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            fromArray(S, a, aOff + i, m).div(fromArray(S, b, bOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    @Override
    public void affine(float alpha, float beta, float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            fromArray(S, x, xOff + i).mul(alpha).add(beta).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            fromArray(S, x, xOff + i, m).mul(alpha).add(beta).intoArray(out, outOff + i, m);
        }
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            fromArray(S, x, xOff + i).mul(alpha).add(fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            fromArray(S, x, xOff + i, m).mul(alpha).add(fromArray(S, y, yOff + i, m)).intoArray(y, yOff + i, m);
        }
    }

    @Override
    public void mulAccumulate(float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            fromArray(S, a, aOff + i).mul(fromArray(S, b, bOff + i)).add(fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            fromArray(S, a, aOff + i, m).mul(fromArray(S, b, bOff + i, m)).add(fromArray(S, y, yOff + i, m))
                    .intoArray(y, yOff + i, m);
        }
    }

    @Override
    public void unary(UnaryOp op, float[] x, int xOff, float[] out, int outOff, int n) {
        VectorUnary.forward(op, x, xOff, out, outOff, n);
    }

    @Override
    public void unaryBackward(UnaryOp op, float[] x, int xOff, float[] y, int yOff,
                              float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        VectorUnary.backward(op, x, xOff, y, yOff, gy, gyOff, gx, gxOff, n);
    }

    /** {@code kept} holds {@code e^(-x^2/2)}, which the backward would otherwise compute again. */
    @Override
    public void geluErf(float[] x, int xOff, float[] out, int outOff, float[] kept, int keptOff, int n) {
        VectorGelu.geluErfKeeping(x, xOff, out, outOff, kept, keptOff, n);
    }

    @Override
    public void geluErfBackward(float[] x, int xOff, float[] y, int yOff, float[] kept, int keptOff,
                                float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        VectorGelu.geluErfBackwardKept(x, xOff, y, yOff, kept, keptOff, gy, gyOff, gx, gxOff, n);
    }

    @Override
    public void pow(float p, float[] x, int xOff, float[] out, int outOff, int n) {
        if (p == 2f) {
            // x * x in float is the correctly rounded square, exactly what (float) Math.pow gives
            mul(x, xOff, x, xOff, out, outOff, n);
            return;
        }
        // No vector pow: exp(p log x) in float would lose |p log x| ulps, and the Vector API's POW
        // lanes change with the JIT (see VectorMath). Math.pow is one routine in the interpreter
        // and in compiled code, so this loop is deterministic and matches the reference exactly.
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) Math.pow(x[xOff + i], p);
        }
    }
}
