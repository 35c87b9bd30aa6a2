package dev.thirty.tensor;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A seeded pseudo-random generator whose whole state can be saved and restored, so an interrupted
 * training run resumes drawing exactly where it stopped.
 *
 * <p>The generator is xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number
 * generators", 2021): 256 bits of state {@code s0..s3}; each step outputs
 * {@code rotl(s1 * 5, 7) * 9} and advances the state with the xorshift-style linear update. The
 * period is {@code 2^256 - 1}; the all-zero state is the single forbidden state. A 64-bit seed is
 * expanded into the four state words by SplitMix64, as the authors recommend.
 *
 * <p>Every derived draw is defined here rather than by the JDK's default methods, so a stream of
 * floats, doubles and Gaussians depends only on the state, not on the JDK version or the machine:
 * {@link #nextFloat()} takes the top 24 bits, {@link #nextDouble()} the top 53, and
 * {@link #nextGaussian()} uses the Box-Muller transform with {@link StrictMath} (one draw per two
 * uniforms, no cached spare, so {@link #state()} is the complete state).
 *
 * <p>Not thread-safe: give each thread its own generator, for example via {@link #split()}.
 */
public final class Rng implements RandomGenerator {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long s0;
    private long s1;
    private long s2;
    private long s3;

    private Rng(long s0, long s1, long s2, long s3) {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
    }

    /** A generator whose state is expanded from {@code seed} by SplitMix64. */
    public static Rng seeded(long seed) {
        long x = seed;
        x += GOLDEN_GAMMA;
        long a = mix64(x);
        x += GOLDEN_GAMMA;
        long b = mix64(x);
        x += GOLDEN_GAMMA;
        long c = mix64(x);
        x += GOLDEN_GAMMA;
        long d = mix64(x);
        // SplitMix64 is a bijection of its counter, so four consecutive outputs are never all zero.
        return new Rng(a, b, c, d);
    }

    /**
     * The generator of step {@code step} of a run seeded {@code seed}: a pure function of the two, so
     * the crops and flips of a resumed run's steps are those of an uninterrupted run.
     */
    public static Rng forStep(long seed, long step) {
        return seeded(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (step + 1));
    }

    /**
     * A generator continuing from a state returned by {@link #state()}.
     *
     * @throws IllegalArgumentException unless the state is four words, not all zero
     */
    public static Rng restore(long[] state) {
        checkState(state);
        return new Rng(state[0], state[1], state[2], state[3]);
    }

    /**
     * Puts this generator back to a state returned by {@link #state()}, in place: for a generator
     * already handed to a model (its dropout layers, say) when a checkpoint is loaded afterwards.
     *
     * @throws IllegalArgumentException unless the state is four words, not all zero
     */
    public void setState(long[] state) {
        checkState(state);
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
    }

    private static void checkState(long[] state) {
        if (state == null || state.length != 4) {
            throw new IllegalArgumentException("Rng.restore: expected a state of 4 longs (xoshiro256**), got "
                    + (state == null ? "null" : state.length + " longs"));
        }
        if ((state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("Rng.restore: the all-zero state is invalid for xoshiro256**"
                    + " (the generator would output zeros forever)");
        }
    }

    /** A copy of the full state: four longs, {@code s0..s3}. */
    public long[] state() {
        return new long[] {s0, s1, s2, s3};
    }

    /** An independent copy of this generator that will draw the same sequence. */
    public Rng copy() {
        return new Rng(s0, s1, s2, s3);
    }

    /**
     * A new generator for an independent stream, seeded (through SplitMix64) from this one's next
     * output. Advances this generator by one draw; the pair is reproducible from this one's state.
     */
    public Rng split() {
        return seeded(nextLong());
    }

    @Override
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    @Override
    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /** Uniform in {@code [0, 1)}: the top 24 bits as a multiple of {@code 2^-24}. */
    @Override
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in {@code [0, 1)}: the top 53 bits as a multiple of {@code 2^-53}. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    @Override
    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /**
     * A standard normal draw by Box-Muller: {@code sqrt(-2 ln u1) * cos(2 pi u2)} with
     * {@code u1} in {@code (0, 1]} so the logarithm is finite.
     */
    @Override
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    @Override
    public double nextGaussian(double mean, double stddev) {
        if (!(stddev >= 0.0)) {
            throw new IllegalArgumentException("nextGaussian: standard deviation must be >= 0, got " + stddev);
        }
        return mean + stddev * nextGaussian();
    }

    @Override
    public String toString() {
        return "Rng(xoshiro256**, state=" + Arrays.toString(state()) + ")";
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
