package dev.thirty.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A data set file that is on none of the searched roots and was not downloaded (it has no known
 * download source, or downloading was not asked for). The message lists every place that was
 * looked at, in search order, and how to provide the data.
 */
public final class MissingDatasetException extends IOException {

    private final List<Path> searched;

    /**
     * @param dataset  the data set's folder name
     * @param file     the spec of the missing file (its source, if any, is mentioned)
     * @param searched every candidate path checked, in order
     */
    public MissingDatasetException(String dataset, DatasetSpec.RemoteFile file, List<Path> searched) {
        super(message(dataset, file, searched));
        this.searched = List.copyOf(searched);
    }

    /** The candidate paths that were checked, in search order. */
    public List<Path> searched() {
        return searched;
    }

    private static String message(String dataset, DatasetSpec.RemoteFile file, List<Path> searched) {
        StringBuilder sb = new StringBuilder("data set '").append(dataset).append("': file '").append(file.name())
                .append(file.hasSource()
                        ? "' not found (not downloaded; its source is " + file.sources().getFirst() + ")."
                        : "' not found and no download source is known.")
                .append(" Looked in:");
        for (Path p : searched) {
            sb.append("\n  ").append(p);
        }
        return sb.append("\nPut the files in one of these places, or pass --data DIR / set THIRTY_DATA to a folder")
                .append(" holding '").append(dataset).append("/'.").toString();
    }
}
