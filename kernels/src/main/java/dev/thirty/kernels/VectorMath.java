package dev.thirty.kernels;

import static dev.thirty.kernels.VectorElementwise.S;
import static jdk.incubator.vector.FloatVector.broadcast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * exp, log and tanh on float lanes, built only from operations the Vector API specifies exactly
 * (add, sub, mul, div, fused multiply-add, min, max, compares, blends, integer and bit operations
 * on the same lanes), so every lane's result is fixed by IEEE 754 whether the code runs
 * interpreted, C1- or C2-compiled.
 *
 * <p>Why not {@code lanewise(VectorOperators.EXP)} and friends: before C2 compiles a loop the
 * Vector API evaluates them per lane with {@link Math}, afterwards with the platform's vector math
 * library (Intel SVML on x86), and the two differ in the last bit or two. The same program would
 * then give different bits depending on when the JIT got to it, breaking bit-identical runs and
 * resumed checkpoints.
 *
 * <p>Measured accuracy against the scalar reference ({@code (float) Math.exp(x)} and so on), in
 * float ulps, over all 2^32 floats: exp at most 1 ulp (0.24% of inputs 1 ulp off, the rest
 * equal), log at most 1 ulp (0.63%), tanh at most 2 ulps (6 inputs near |x| = 1.25; 0.78% at
 * 1 ulp). Subnormal results count in their own, coarser, ulps. {@code VectorMathTest} re-checks
 * the bounds on a 4-million-value sweep and the special values.
 */
final class VectorMath {

    private VectorMath() {
    }

    // exp: above this x the float result is +inf; below the lower one it is +0. Clamping to
    // slightly beyond both keeps the integer k within [-150, 129], which the scaling below covers.
    private static final float EXP_HI = 89f;
    private static final float EXP_LO = -104f;
    private static final float LOG2_E = 1.44269504f;
    // ln 2 = LN2_HI + LN2_LO, LN2_HI with 12 significant bits, so k * LN2_HI is exact for |k| < 2^12
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.428606765e-6f;
    // adding 1.5 * 2^23 rounds any |y| < 2^22 to an integer held in the low mantissa bits
    private static final float ROUND_MAGIC = 12582912f;
    private static final int ROUND_MAGIC_BITS = 0x4b400000;

    // tanh: below this |x| an odd polynomial, above it (1 - e) / (1 + e) with e = exp(-2|x|),
    // which loses under 1.4 ulps to cancellation there (e <= 0.29)
    private static final float TANH_POLY_LIMIT = 0.625f;
    // tanh(x) = x + x^3 P(x^2) on |x| <= 0.625: a relative-error least-squares fit on Chebyshev
    // nodes, max relative error 1e-8 with these float coefficients (kernels/src/test/python/fit_tanh.py)
    private static final float T1 = -3.333328068e-01f;
    private static final float T2 = 1.333138198e-01f;
    private static final float T3 = -5.373531953e-02f;
    private static final float T4 = 2.062629163e-02f;
    private static final float T5 = -5.691985600e-03f;

    // log: mantissas are taken in [sqrt(1/2), sqrt(2)), so the bits of sqrt(1/2) mark the cut
    private static final int SQRT_HALF_BITS = 0x3f3504f3;
    private static final float MIN_NORMAL = Float.MIN_NORMAL;
    private static final float TWO_TO_23 = 8388608f;

    /**
     * {@code e^x} per lane: Cody-Waite reduction {@code x = k ln2 + r}, {@code |r| <= ln2 / 2},
     * with k the nearest integer to {@code x / ln2}; {@code e^r} by its Taylor polynomial of
     * degree 7 (truncation error below 6e-9 relative) in Horner form with fused multiply-add; then
     * multiplication by {@code 2^k}, done as two factors {@code 2^(k/2)} so that overflow to
     * infinity and gradual underflow to subnormals and zero round once, like the reference. NaN
     * gives NaN, +inf gives +inf and -inf gives +0.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector v = x.max(EXP_LO).min(EXP_HI);  // NaN stays NaN
        FloatVector t = v.fma(LOG2_E, ROUND_MAGIC);
        FloatVector k = t.sub(ROUND_MAGIC);
        // k LN2_HI is exact, so v - k LN2_HI rounds once
        FloatVector r = k.fma(broadcast(S, -LN2_LO), k.mul(-LN2_HI).add(v));
        FloatVector p = r.fma(1f / 5040, 1f / 720);
        p = p.fma(r, broadcast(S, 1f / 120));
        p = p.fma(r, broadcast(S, 1f / 24));
        p = p.fma(r, broadcast(S, 1f / 6));
        p = p.fma(r, broadcast(S, 0.5f));
        p = p.fma(r, broadcast(S, 1f));
        p = p.fma(r, broadcast(S, 1f));
        IntVector ki = t.reinterpretAsInts().sub(ROUND_MAGIC_BITS);
        IntVector half = ki.lanewise(VectorOperators.ASHR, 1);
        // 2^k = 2^half 2^(k - half), each from its exponent bits (both within [-75, 65])
        FloatVector scale1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector scale2 = ki.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale1).mul(scale2);
    }

    /**
     * {@code ln x} per lane: {@code x = 2^e m} with {@code m} in {@code [sqrt(1/2), sqrt(2))}
     * (subnormals scaled by {@code 2^23} first), {@code f = m - 1} (exact), and
     * {@code ln(1 + f) = f - (f^2/2 - s (f^2/2 + R(s^2)))} with {@code s = f / (2 + f)} and
     * {@code R(z) = 2z/3 + 2z^2/5 + 2z^3/7 + 2z^4/9}, the series of {@code 2 atanh(s) - 2s}
     * divided by s (truncation below 3e-10 relative); then {@code + e ln2} in two parts. Negative
     * x and NaN give NaN, +-0 gives -inf, +inf gives +inf.
     */
    static FloatVector log(FloatVector x) {
        VectorMask<Float> subnormal = x.compare(VectorOperators.LT, MIN_NORMAL);
        FloatVector scaled = x.blend(x.mul(TWO_TO_23), subnormal);
        IntVector ix = scaled.reinterpretAsInts().sub(SQRT_HALF_BITS);
        FloatVector e = (FloatVector) ix.lanewise(VectorOperators.ASHR, 23).convert(VectorOperators.I2F, 0);
        e = e.blend(e.sub(23f), subnormal);
        FloatVector m = ix.and(0x007fffff).add(SQRT_HALF_BITS).reinterpretAsFloats();
        FloatVector f = m.sub(1f);
        FloatVector s = f.div(f.add(2f));
        FloatVector z = s.mul(s);
        FloatVector rz = z.fma(2f / 9, 2f / 7);
        rz = rz.fma(z, broadcast(S, 2f / 5));
        rz = rz.fma(z, broadcast(S, 2f / 3)).mul(z);
        FloatVector hfsq = f.mul(f).mul(0.5f);
        // e ln2_hi + (f - (hfsq - (s (hfsq + R) + e ln2_lo)))
        FloatVector correction = hfsq.sub(s.fma(hfsq.add(rz), e.mul(LN2_LO)));
        FloatVector y = e.mul(LN2_HI).add(f.sub(correction));  // e LN2_HI is exact
        y = y.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
        y = y.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f));
        return y.blend(Float.NaN, x.compare(VectorOperators.GE, 0f).not());
    }

    /**
     * {@code tanh x} per lane: for {@code |x| < 0.625} the odd polynomial {@code x + x^3 P(x^2)},
     * which keeps full relative accuracy down to the smallest subnormal; above it
     * {@code (1 - e) / (1 + e)} with {@code e = exp(-2|x|)} and the sign of x restored, which
     * reaches exactly 1 once e is below half an ulp of 1. +-0 keep their sign, +-inf give +-1, NaN
     * gives NaN.
     */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector e = exp(a.mul(-2f));
        FloatVector large = e.neg().add(1f).div(e.add(1f));
        FloatVector u = a.mul(a);
        FloatVector p = u.fma(T5, T4);
        p = p.fma(u, broadcast(S, T3));
        p = p.fma(u, broadcast(S, T2));
        p = p.fma(u, broadcast(S, T1));
        FloatVector small = a.fma(u.mul(p), a);
        // both are tanh|x| >= 0 (or NaN): give them the sign of x, -0 included
        return large.blend(small, a.compare(VectorOperators.LT, TANH_POLY_LIMIT)).reinterpretAsInts()
                .or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
    }
}
