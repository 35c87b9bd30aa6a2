package dev.thirty.io;

import java.io.IOException;
import java.util.List;

/**
 * A checkpoint that cannot be loaded or does not fit the tensors it is loaded into. The message
 * names the checkpoint and lists every problem found, one per line; {@link #problems()} lists
 * them for programs.
 */
public final class CheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public CheckpointException(String message) {
        this(message, List.of());
    }

    public CheckpointException(String summary, List<String> problems) {
        super(problems.isEmpty() ? summary : summary + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    /** Each mismatch or defect on its own, in the order reported; empty for a single-cause failure. */
    public List<String> problems() {
        return problems;
    }
}
