package dev.thirty.autograd;

import java.util.function.Supplier;

/**
 * Whether operations record the graph for backward. Recording is on by default and turned off
 * for the extent of a {@link #noGrad} block on the calling thread: evaluation and sampling run
 * there so they build no graph and keep no activations alive.
 */
public final class GradMode {

    private static final ScopedValue<Boolean> DISABLED = ScopedValue.newInstance();

    private GradMode() {
    }

    /** True unless the current thread is inside a {@link #noGrad} block. */
    public static boolean isEnabled() {
        return !DISABLED.orElse(Boolean.FALSE);
    }

    /** Runs {@code body} without recording gradients. */
    public static void noGrad(Runnable body) {
        ScopedValue.where(DISABLED, Boolean.TRUE).run(body);
    }

    /** Computes {@code body} without recording gradients. */
    public static <T> T noGrad(Supplier<T> body) {
        return ScopedValue.where(DISABLED, Boolean.TRUE).call(body::get);
    }
}
