package dev.thirty.papers.coffee;

import java.util.SplittableRandom;

/**
 * §3.1, the interacting coffee automaton: one move picks a uniformly random cell and one of its
 * four neighbours uniformly; if the neighbour is inside the grid and holds the other liquid, the
 * two swap. Cream is conserved and each cell holds exactly one particle.
 *
 * <p>Layout: the grid is stored with a one-cell border of {@link #WALL} values, (n+2)² bytes
 * row-major, so a neighbour is one add away and needs no bounds test. Cream is 1, coffee 0, so a
 * pair differs and lies inside exactly when {@code a ^ b == 1} (against a wall it is 2 or 3); a
 * swap of two different bits flips both. The loop has no branch on the grid's contents and
 * allocates nothing.
 *
 * <p>Randomness: one 64-bit draw per move: the cell from bits 32..63, mapped to [0, n²) by
 * multiply-and-shift and then to its padded index through a table, the direction from bits 0..1.
 * The multiply-shift map is uniform to within n² / 2³² relative, far below anything the
 * measurements can see.
 */
public final class InteractingAutomaton implements Automaton {

    static final byte WALL = 2;

    private final int n;
    private final int stride;
    private final byte[] cells;
    private final int[] offsets;
    private final int[] padded;
    private final SplittableRandom rng;
    private long time;

    /** A fresh n×n grid, cream in the top n/2 rows; moves are drawn from {@code rng}. */
    public InteractingAutomaton(int n, SplittableRandom rng) {
        if (n < 2) {
            throw new IllegalArgumentException("grid size must be at least 2, got " + n);
        }
        this.n = n;
        this.stride = n + 2;
        this.cells = new byte[stride * stride];
        this.offsets = new int[] {-stride, stride, -1, 1};
        this.rng = rng;
        this.padded = new int[n * n];
        java.util.Arrays.fill(cells, WALL);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                cells[(r + 1) * stride + c + 1] = (byte) (r < n / 2 ? 1 : 0);
                padded[r * n + c] = (r + 1) * stride + c + 1;
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

    @Override
    public void advance(long moves) {
        byte[] g = cells;
        int[] off = offsets;
        int[] index = padded;
        SplittableRandom random = rng;
        long cellCount = index.length;
        for (long m = 0; m < moves; m++) {
            long x = random.nextLong();
            int i = index[(int) (((x >>> 32) * cellCount) >>> 32)];
            int j = i + off[(int) x & 3];
            int a = g[i];
            int b = g[j];
            int flip = (a ^ b) == 1 ? 1 : 0;
            g[i] = (byte) (a ^ flip);
            g[j] = (byte) (b ^ flip);
        }
        time += moves;
    }

    @Override
    public void fineGrained(byte[] out) {
        for (int r = 0; r < n; r++) {
            System.arraycopy(cells, (r + 1) * stride + 1, out, r * n, n);
        }
    }

    @Override
    public long cream() {
        long total = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                total += cells[(r + 1) * stride + c + 1];
            }
        }
        return total;
    }
}
