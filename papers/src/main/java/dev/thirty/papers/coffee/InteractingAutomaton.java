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
 * swap of two different bits flips both. The loop has no branch on the grid's contents, no table
 * lookup and allocates nothing. The flip bit is computed with shifts and masks, not with
 * {@code (a ^ b) == 1 ? 1 : 0}: the JIT compiled that to a branch, which half-mixed states
 * mispredict about half the time, and the arithmetic form doubled the rate (see
 * {@code thirty bench coffee}).
 *
 * <p>Randomness: one 64-bit draw makes two moves, 32 bits each. A move's 32 bits u choose
 * k = ⌊u·4n²/2³²⌋, uniform on [0, 4n²) to within one part in ⌊2³²/4n²⌋ (9·10⁻⁶ at n = 100, below
 * anything the measurements can see); k's mixed-radix digits are the row, the column and the
 * direction, k = 4(n·row + column) + direction. {@link #paddedMove} reads the digits off with two
 * multiplies and no division: each multiply by the radix lifts the next digit out of the fraction
 * left by the one before. An odd move count keeps the unused half of its last draw for the next
 * call, so a run does not depend on how its moves are split into calls.
 */
public final class InteractingAutomaton implements Automaton {

    static final byte WALL = 2;
    /** Largest grid side: the four neighbour offsets must fit in 16 bits each. */
    static final int MAX_SIZE = 16_000;

    private static final long LOW32 = 0xFFFF_FFFFL;
    private static final long NO_SPARE = -1;

    private final int n;
    private final int stride;
    private final byte[] cells;
    /** The offsets to the neighbour up, down, left, right, as four 16-bit fields. */
    private final long offsets;
    private final SplittableRandom rng;
    private long spare = NO_SPARE;
    private long time;

    /** A fresh n×n grid, cream in the top n/2 rows; moves are drawn from {@code rng}. */
    public InteractingAutomaton(int n, SplittableRandom rng) {
        if (n < 2 || n > MAX_SIZE) {
            throw new IllegalArgumentException("grid size must be in [2, " + MAX_SIZE + "], got " + n);
        }
        this.n = n;
        this.stride = n + 2;
        this.cells = new byte[stride * stride];
        this.offsets = (-stride & 0xFFFFL) | ((long) stride << 16) | (0xFFFFL << 32) | (1L << 48);
        this.rng = rng;
        java.util.Arrays.fill(cells, WALL);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                cells[(r + 1) * stride + c + 1] = (byte) (r < n / 2 ? 1 : 0);
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
        long left = moves;
        if (left > 0 && spare != NO_SPARE) {
            move(spare);
            spare = NO_SPARE;
            left--;
        }
        movePairs(cells, rng, left / 2, n, stride, offsets);
        left %= 2;
        if (left == 1) {
            long x = rng.nextLong();
            move(x >>> 32);
            spare = x & LOW32;
        }
        time += moves;
    }

    /** The hot loop, on locals only: {@code pairs} draws of two moves each. */
    private static void movePairs(byte[] g, SplittableRandom rng, long pairs, int n, int stride, long offsets) {
        for (long p = 0; p < pairs; p++) {
            long x = rng.nextLong();
            swapIfDifferent(g, x >>> 32, n, stride, offsets);
            swapIfDifferent(g, x & LOW32, n, stride, offsets);
        }
    }

    private void move(long u) {
        swapIfDifferent(cells, u, n, stride, offsets);
    }

    private static void swapIfDifferent(byte[] g, long u, int n, int stride, long offsets) {
        int m = paddedMove(u, n, stride);
        int i = stride + 1 + (m >>> 2);
        int j = i + (short) (offsets >>> ((m & 3) << 4));
        int a = g[i];
        int b = g[j];
        int differ = a ^ b;                      // 1: cream and coffee; 0: alike; 2 or 3: a wall
        int flip = differ & ~(differ >> 1) & 1;  // 1 exactly when differ == 1, with no compare
        g[i] = (byte) (a ^ flip);
        g[j] = (byte) (b ^ flip);
    }

    /**
     * The move chosen by the 32-bit fraction u in [0, 2³²): with k = ⌊u·4n²/2³²⌋ = 4(n·row +
     * column) + direction, returns {@code (row·stride + column) << 2 | direction}.
     */
    static int paddedMove(long u, int n, int stride) {
        long rowPart = u * n;                  // row in the high 32 bits, the fraction below
        long columnPart = (rowPart & LOW32) * n; // column in the high 32 bits
        int row = (int) (rowPart >>> 32);
        int column = (int) (columnPart >>> 32);
        int direction = (int) ((columnPart & LOW32) >>> 30);
        return ((row * stride + column) << 2) | direction;
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
