package dev.thirty.tensor;

import dev.thirty.kernels.ElementwiseKernels;
import dev.thirty.kernels.Kernels;
import java.util.Arrays;

/**
 * How two operands line up with their broadcast result, planned once per operation and reused by
 * its backward pass.
 *
 * <p>The output is viewed as {@code (outer, inner)}: {@code inner} is the product of the longest run
 * of trailing dimensions that both operands have in full, so each operand supplies whole contiguous
 * rows of {@code inner} floats. Row {@code r} of the output reads row offsets
 * {@code offsets(A)[r]} and {@code offsets(B)[r]} of the operands. Three cases fall out:
 * <ul>
 *   <li>equal shapes: one row, split into chunks across the compute pool;</li>
 *   <li>a row vector broadcast over rows ({@code (B, T, C) + (C,)}): one kernel call per row;</li>
 *   <li>anything else: rows short enough ({@code (2, 1, 4) * (3, 1)}) that a plain strided loop
 *       beats kernel calls.</li>
 * </ul>
 */
final class BroadcastPlan {

    /** Rows shorter than this are processed element by element rather than by kernel calls. */
    private static final int MIN_KERNEL_ROW = 16;

    /** Which tensor's layout an array follows. */
    enum Layout { A, B, OUT }

    private final int outer;
    private final int inner;
    private final int[] aOffsets;
    private final int[] bOffsets;
    private final int[] outOffsets;
    private final boolean aIsOut;
    private final boolean bIsOut;

    private BroadcastPlan(int outer, int inner, int[] aOffsets, int[] bOffsets, boolean aIsOut, boolean bIsOut) {
        this.outer = outer;
        this.inner = inner;
        this.aOffsets = aOffsets;
        this.bOffsets = bOffsets;
        this.outOffsets = new int[outer];
        for (int r = 0; r < outer; r++) {
            outOffsets[r] = r * inner;
        }
        this.aIsOut = aIsOut;
        this.bIsOut = bIsOut;
    }

    /** Plans {@code a op b -> out}, where {@code out} is their broadcast shape. */
    static BroadcastPlan of(Shape a, Shape b, Shape out) {
        int rank = out.rank();
        int[] o = out.dims();
        int[] ad = padded(a, rank);
        int[] bd = padded(b, rank);
        int split = rank;
        int inner = 1;
        while (split > 0 && ad[split - 1] == o[split - 1] && bd[split - 1] == o[split - 1]) {
            split--;
            inner *= o[split];
        }
        Shape outOuter = Shape.of(Arrays.copyOf(o, split));
        int[] aOff = BroadcastIndex.offsets(Shape.of(Arrays.copyOf(ad, split)), outOuter, inner);
        int[] bOff = BroadcastIndex.offsets(Shape.of(Arrays.copyOf(bd, split)), outOuter, inner);
        return new BroadcastPlan(outOuter.size(), inner, aOff, bOff, a.equals(out), b.equals(out));
    }

    private static int[] padded(Shape s, int rank) {
        int[] d = new int[rank];
        Arrays.fill(d, 1);
        System.arraycopy(s.dims(), 0, d, rank - s.rank(), s.rank());
        return d;
    }

    private int[] offsets(Layout layout) {
        return switch (layout) {
            case A -> aOffsets;
            case B -> bOffsets;
            case OUT -> outOffsets;
        };
    }

    /** {@code out = x op y}, broadcast; {@code x} and {@code y} laid out as named, out as OUT. */
    void map(BinaryOp op, float[] x, Layout xLayout, float[] y, Layout yLayout, float[] out) {
        int[] xo = offsets(xLayout);
        int[] yo = offsets(yLayout);
        ElementwiseKernels k = Kernels.active().elementwise();
        if (outer == 1) {
            Chunks.forEach(inner, (from, n) -> op.run(k, x, xo[0] + from, y, yo[0] + from, out, from, n));
            return;
        }
        Chunks.forEachRow(outer, inner, (first, rows) -> {
            for (int r = first; r < first + rows; r++) {
                if (inner >= MIN_KERNEL_ROW) {
                    op.run(k, x, xo[r], y, yo[r], out, r * inner, inner);
                } else {
                    for (int j = 0; j < inner; j++) {
                        out[r * inner + j] = op.apply(x[xo[r] + j], y[yo[r] + j]);
                    }
                }
            }
        });
    }

    /**
     * {@code grad += scale * c}, summed over the broadcast axes: {@code c} is laid out as the
     * output and {@code grad} as the operand {@code target} (A or B). Rows that feed the same
     * operand row are added in increasing row order, so the result is deterministic.
     */
    void accumulate(float scale, float[] c, float[] grad, Layout target) {
        ElementwiseKernels k = Kernels.active().elementwise();
        if (target == Layout.A ? aIsOut : bIsOut) {
            Chunks.forEach(c.length, (from, n) -> k.axpy(scale, c, from, grad, from, n));
            return;
        }
        int[] go = offsets(target);
        for (int r = 0; r < outer; r++) {
            if (inner >= MIN_KERNEL_ROW) {
                k.axpy(scale, c, r * inner, grad, go[r], inner);
            } else {
                for (int j = 0; j < inner; j++) {
                    grad[go[r] + j] += scale * c[r * inner + j];
                }
            }
        }
    }
}
