package dev.thirty.kernels;

/**
 * A set of kernel implementations, one per family, and the set the engine uses.
 *
 * <p>{@link #active()} is the set bound by the innermost {@link #run}/{@link #call} on this
 * thread, else the configured backend, read once from {@code -Dthirty.kernels} or
 * {@code THIRTY_KERNELS} ({@code scalar} or {@code vector}; default {@code vector}). Binding is
 * scoped, never a mutable global: a test runs the same op under both backends, and a benchmark
 * binds a set whose GEMM is wrapped to time it.
 */
public record Kernels(Backend backend, Gemm gemm, ElementwiseKernels elementwise,
                      ReductionKernels reductions, RowKernels rows, AttentionKernels attention,
                      ConvKernels conv) {

    private static final ScopedValue<Kernels> CURRENT = ScopedValue.newInstance();

    private static final class Configured {
        static final Kernels INSTANCE = of(configuredBackend());
    }

    /** The kernels bound to the current scope, else those of the configured backend. */
    public static Kernels active() {
        return CURRENT.isBound() ? CURRENT.get() : Configured.INSTANCE;
    }

    /** Runs {@code body} with these kernels as {@link #active()}. */
    public void run(Runnable body) {
        ScopedValue.where(CURRENT, this).run(body);
    }

    /** Computes {@code body} with these kernels as {@link #active()}. */
    public <T> T call(java.util.function.Supplier<T> body) {
        return ScopedValue.where(CURRENT, this).call(body::get);
    }

    /**
     * This set with its GEMM replaced (for instrumentation); the fast convolution multiplies through
     * the active set's GEMM, so it is counted too.
     */
    public Kernels withGemm(Gemm replacement) {
        return new Kernels(backend, replacement, elementwise, reductions, rows, attention, conv);
    }

    /** The kernels of one backend. */
    public static Kernels of(Backend backend) {
        return switch (backend) {
            case SCALAR -> new Kernels(backend, new ScalarGemm(), new ScalarElementwise(),
                    new ScalarReductions(), new ScalarRows(), new ScalarAttention(), new ScalarConv());
            case VECTOR -> new Kernels(backend, new VectorGemm(), new VectorElementwise(),
                    new VectorReductions(), new VectorRows(), new VectorAttention(), new VectorConv());
        };
    }

    /** The backend named by {@code -Dthirty.kernels}, then {@code THIRTY_KERNELS}, else VECTOR. */
    public static Backend configuredBackend() {
        String raw = System.getProperty("thirty.kernels");
        if (raw == null || raw.isBlank()) {
            raw = System.getenv("THIRTY_KERNELS");
        }
        return raw == null || raw.isBlank() ? Backend.VECTOR : Backend.parse(raw);
    }
}
