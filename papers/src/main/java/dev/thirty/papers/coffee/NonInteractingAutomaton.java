package dev.thirty.papers.coffee;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * §3.2, the non-interacting coffee automaton: the n²/2 cream particles (one per cell of the top
 * half at t = 0) random-walk independently and a cell may hold any number of them. One move picks
 * a uniformly random particle and one of the four directions uniformly; the particle steps unless
 * that would leave the grid. Coffee is the background and is not tracked.
 *
 * <p>Deviation from the paper: the paper advances all particles once per time step; we move one
 * random particle per elementary move, so n²/2 of our moves make one of the paper's steps on
 * average (the same diffusion, a continuous-time version of it).
 *
 * <p>Layout: counts live on an (n+2)² grid whose border is marked in {@code wall}; particles are
 * indices into it. A move is branch-free: the step is multiplied by 0 when the target is a wall.
 * Randomness as in {@link InteractingAutomaton}: one 64-bit draw per move.
 */
public final class NonInteractingAutomaton implements Automaton {

    private final int n;
    private final int stride;
    private final int[] counts;
    private final byte[] wall;
    private final int[] particles;
    private final int[] offsets;
    private final SplittableRandom rng;
    private long time;

    /** A fresh n×n grid with one cream particle in each cell of the top n/2 rows. */
    public NonInteractingAutomaton(int n, SplittableRandom rng) {
        if (n < 2) {
            throw new IllegalArgumentException("grid size must be at least 2, got " + n);
        }
        this.n = n;
        this.stride = n + 2;
        this.counts = new int[stride * stride];
        this.wall = new byte[stride * stride];
        this.offsets = new int[] {-stride, stride, -1, 1};
        this.rng = rng;
        Arrays.fill(wall, (byte) 1);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                wall[(r + 1) * stride + c + 1] = 0;
            }
        }
        this.particles = new int[(n / 2) * n];
        int p = 0;
        for (int r = 0; r < n / 2; r++) {
            for (int c = 0; c < n; c++) {
                int cell = (r + 1) * stride + c + 1;
                particles[p++] = cell;
                counts[cell]++;
            }
        }
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public long time() {
        return time;
    }

    /** The number of cream particles: one of this model's sweeps is this many moves. */
    public int particles() {
        return particles.length;
    }

    @Override
    public void advance(long moves) {
        int[] pos = particles;
        int[] cnt = counts;
        byte[] w = wall;
        int[] off = offsets;
        SplittableRandom random = rng;
        long count = pos.length;
        for (long m = 0; m < moves; m++) {
            long x = random.nextLong();
            int p = (int) (((x >>> 32) * count) >>> 32);
            int from = pos[p];
            int to = from + off[(int) x & 3];
            int go = 1 - w[to];
            pos[p] = from + (to - from) * go;
            cnt[from] -= go;
            cnt[to] += go;
        }
        time += moves;
    }

    @Override
    public void fineGrained(byte[] out) {
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                out[r * n + c] = (byte) Math.min(255, counts[(r + 1) * stride + c + 1]);
            }
        }
    }

    @Override
    public long cream() {
        long total = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                total += counts[(r + 1) * stride + c + 1];
            }
        }
        return total;
    }
}
