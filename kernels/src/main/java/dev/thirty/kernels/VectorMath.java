package dev.thirty.kernels;

import static dev.thirty.kernels.VectorElementwise.S;
import static jdk.incubator.vector.FloatVector.broadcast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * exp, log, tanh and the normal distribution function on float lanes, built only from operations
 * the Vector API specifies exactly (add, sub, mul, div, fused multiply-add, min, max, compares,
 * blends, integer and bit operations on the same lanes), so every lane's result is fixed by
 * IEEE 754 whether the code runs interpreted, C1- or C2-compiled.
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

    // normal tail: Q(a) = 1 - Phi(a) = e^(-a^2/2) R(t), t = 1 / (1 + NORMAL_P a), a >= 0, R of degree
    // 9, max relative error 3.3e-8 with these float coefficients (kernels/src/test/python/fit_normal_tail.py)
    private static final float NORMAL_P = 0.33f;
    private static final float R0 = 6.762660178e-06f;
    private static final float R1 = 1.314685494e-01f;
    private static final float R2 = 1.337809414e-01f;
    private static final float R3 = 1.031570062e-01f;
    private static final float R4 = 1.477727890e-01f;
    private static final float R5 = -1.107955799e-01f;
    private static final float R6 = 2.971110046e-01f;
    private static final float R7 = -3.269737959e-01f;
    private static final float R8 = 1.507991999e-01f;
    private static final float R9 = -2.632687800e-02f;
    // e^(-x^2/2) is +0 in float beyond |x| = 14.4 already; clamping keeps x^2 and its error finite
    private static final float GAUSSIAN_CLAMP = 20f;

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

    /**
     * {@code e^(-x^2/2)} per lane. {@code x^2 = h + l} exactly, with {@code h} the rounded square
     * and {@code l = fma(x, x, -h)} its rounding error, and {@code e^(-x^2/2)} is
     * {@code e^(-h/2) (1 - l/2)} (the second factor to first order: {@code |l/2|} is below
     * {@code 2^-24 h}); without the correction the rounding of {@code x^2} alone would cost up to
     * {@code x^2 2^-25} relative, 8 ulps at x = 4. {@code |x|} is clamped to 20, where the result
     * is +0 anyway, so that +-infinity give +0 rather than {@code 0 * NaN}. NaN gives NaN.
     */
    static FloatVector gaussian(FloatVector x) {
        FloatVector a = x.abs().min(GAUSSIAN_CLAMP);  // NaN stays NaN
        FloatVector h = a.mul(a);
        FloatVector l = a.fma(a, h.neg());
        FloatVector e = exp(h.mul(-0.5f));
        return e.fma(l.mul(-0.5f), e);
    }

    /**
     * The standard normal distribution function {@code Phi(x)} per lane, given
     * {@code g = gaussian(x)}: with {@code a = |x|}, the upper tail {@code Q(a) = g R(t)},
     * {@code t = 1 / (1 + 0.33 a)}, in Hastings' form (Approximations for Digital Computers,
     * 1955; Abramowitz and Stegun 26.2.17 give it with five terms for 7.5e-8 absolute), here
     * with a degree-9 polynomial fitted for 3.3e-8 relative error, so that
     * {@code Phi(x) = Q(|x|)} for negative x keeps its relative accuracy deep into the tail; for
     * {@code x >= 0} (-0 included) {@code Phi(x) = 1 - Q(x)}, with {@code Q <= 1/2}. Within 6 ulps of
     * {@code Phi} rounded from double (every 13th float in [-15, 15]: 47% exact, 96% within 1 ulp,
     * 28 of 169 million at 6 ulps, the worst just below x = 0, where Phi's ulps halve and the
     * rounding errors of R near t = 1 show); subnormal results (below x = -12.95; 0 below
     * x = -14.17) count in their own ulps. {@code Phi(-inf) = 0}, {@code Phi(+inf) = 1}, NaN gives NaN.
     *
     * <p>This is the float erf of the exact GELU, {@code erf(z) = 2 Phi(z sqrt 2) - 1}: GELU needs
     * {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2} itself, and computing it directly avoids rounding
     * {@code x / sqrt 2} and the cancellation in {@code 1 + erf} for negative x.
     */
    static FloatVector normalCdf(FloatVector x, FloatVector g) {
        FloatVector t = broadcast(S, 1f).div(x.abs().fma(NORMAL_P, 1f));
        FloatVector r = t.fma(R9, R8);
        r = r.fma(t, broadcast(S, R7));
        r = r.fma(t, broadcast(S, R6));
        r = r.fma(t, broadcast(S, R5));
        r = r.fma(t, broadcast(S, R4));
        r = r.fma(t, broadcast(S, R3));
        r = r.fma(t, broadcast(S, R2));
        r = r.fma(t, broadcast(S, R1));
        r = r.fma(t, broadcast(S, R0));
        FloatVector q = g.mul(r);
        return q.neg().add(1f).blend(q, x.compare(VectorOperators.LT, 0f));
    }
}
