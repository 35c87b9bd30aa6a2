package dev.thirty.kernels;

/**
 * A per-thread patch-matrix buffer for {@link VectorConv}, grown on demand and reused across calls.
 * Every use overwrites what it reads first.
 */
final class ConvScratch {

    private static final ThreadLocal<ConvScratch> PER_THREAD = ThreadLocal.withInitial(ConvScratch::new);

    private float[] cols = new float[0];

    private ConvScratch() {
    }

    /** This thread's buffer, at least {@code size} floats long. */
    static float[] cols(int size) {
        ConvScratch s = PER_THREAD.get();
        if (s.cols.length < size) {
            s.cols = new float[size];
        }
        return s.cols;
    }
}
