package dev.thirty.data;

import java.io.IOException;
import java.util.List;

/**
 * Every download source of a data set file failed. The message lists each source in the order
 * tried with why it failed; the underlying exceptions are attached as suppressed.
 */
public final class DownloadFailedException extends IOException {

    /** One source and why it gave nothing. */
    public record Failure(DownloadSource source, String reason) {
    }

    private final List<Failure> failures;

    /**
     * @param dataset  the data set's folder name
     * @param file     the file's name
     * @param failures every source tried, in order
     */
    public DownloadFailedException(String dataset, String file, List<Failure> failures) {
        super(message(dataset, file, failures));
        this.failures = List.copyOf(failures);
    }

    /** The sources tried, in order, with their failures. */
    public List<Failure> failures() {
        return failures;
    }

    private static String message(String dataset, String file, List<Failure> failures) {
        StringBuilder sb = new StringBuilder("data set '").append(dataset).append("': could not download '")
                .append(file).append("' from any of its ").append(failures.size()).append(" sources:");
        for (int i = 0; i < failures.size(); i++) {
            Failure f = failures.get(i);
            sb.append("\n  ").append(i + 1).append(". ").append(f.source()).append("\n     ").append(f.reason());
        }
        return sb.toString();
    }
}
