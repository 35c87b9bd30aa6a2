package dev.thirty.kernels;

import static dev.thirty.kernels.GemmMicroKernel.MR;
import static dev.thirty.kernels.GemmMicroKernel.NR;

/**
 * Per-thread packing buffers for {@link VectorGemm}, grown on demand and reused across calls so a
 * training step does not allocate (and zero) megabytes per matrix multiply. Every call overwrites
 * what it reads before reading it: nothing carries from one call to the next.
 *
 * <p>A thread uses its own buffers only while it runs one sgemm at a time; the B panels of the
 * calling thread are read by the pool's other threads during that call.
 */
final class GemmScratch {

    private static final ThreadLocal<GemmScratch> PER_THREAD = ThreadLocal.withInitial(GemmScratch::new);

    private float[] aPanels = new float[0];
    private float[] bPanels = new float[0];
    private final float[] tile = new float[MR * NR];

    private GemmScratch() {
    }

    static GemmScratch current() {
        return PER_THREAD.get();
    }

    /** A buffer of at least {@code size} floats for packed A panels. */
    float[] aPanels(int size) {
        if (aPanels.length < size) {
            aPanels = new float[size];
        }
        return aPanels;
    }

    /** A buffer of at least {@code size} floats for packed B panels. */
    float[] bPanels(int size) {
        if (bPanels.length < size) {
            bPanels = new float[size];
        }
        return bPanels;
    }

    /** An {@code MR x NR} tile of accumulators between the micro-kernel and C. */
    float[] tile() {
        return tile;
    }
}
