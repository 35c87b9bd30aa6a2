package dev.thirty.kernels;

/**
 * The kernel implementations for a {@link Backend}, and the active one.
 *
 * <p>The active backend is read once from {@code -Dthirty.kernels} or {@code THIRTY_KERNELS}
 * ({@code scalar} or {@code vector}); the default is {@code vector}. It is configuration fixed at
 * start-up, not a mutable flag. Tests construct either backend directly with {@link #of}.
 */
public record Kernels(Backend backend, Gemm gemm, ElementwiseKernels elementwise,
                      ReductionKernels reductions, RowKernels rows) {

    private static final class Active {
        static final Kernels INSTANCE = of(configuredBackend());
    }

    /** The kernels of the configured backend. */
    public static Kernels active() {
        return Active.INSTANCE;
    }

    /** The kernels of one backend. */
    public static Kernels of(Backend backend) {
        return switch (backend) {
            case SCALAR -> new Kernels(backend, new ScalarGemm(), new ScalarElementwise(),
                    new ScalarReductions(), new ScalarRows());
            case VECTOR -> new Kernels(backend, new VectorGemm(), new VectorElementwise(),
                    new VectorReductions(), new VectorRows());
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
