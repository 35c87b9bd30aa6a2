package dev.thirty.kernels;

/**
 * Per-thread patch-matrix and padded-plane buffers for {@link VectorConv}, grown on demand and reused across calls.
 * Every use overwrites what it reads first.
 */
final class ConvScratch {

    private static final ThreadLocal<ConvScratch> PER_THREAD = ThreadLocal.withInitial(ConvScratch::new);

    private float[] cols = new float[0];
    private float[] padded = new float[0];
    private float[] weightsTransposed = new float[0];

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

    /** This thread's zero-bordered copy of a group's input planes ({@link Im2col}), at least {@code size} floats. */
    static float[] padded(int size) {
        ConvScratch s = PER_THREAD.get();
        if (s.padded.length < size) {
            s.padded = new float[size];
        }
        return s.padded;
    }

    /** This thread's K x og sum of a group's transposed weight gradient ({@link VectorConv}), at least {@code size} floats. */
    static float[] weightsTransposed(int size) {
        ConvScratch s = PER_THREAD.get();
        if (s.weightsTransposed.length < size) {
            s.weightsTransposed = new float[size];
        }
        return s.weightsTransposed;
    }
}
