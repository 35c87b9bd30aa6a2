package dev.thirty.cli.report;

/**
 * A run folder that cannot be read or rendered into: missing, not a run folder, holding a malformed
 * file, or refusing the report's files. The message names the folder or file and the problem in one
 * line, ready to show to a user.
 */
public final class RunFolderException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public RunFolderException(String message) {
        super(message);
    }

    public RunFolderException(String message, Throwable cause) {
        super(message, cause);
    }
}
