package dev.thirty.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real data sets for tests, found through {@code THIRTY_DATA} only (never the user cache,
 * never a download). A test using them is skipped, with a message, when they are not there.
 */
final class RealData {

    private RealData() {
    }

    /** The files of {@code spec} under {@code THIRTY_DATA}, or a skipped test. */
    static DatasetFiles files(DatasetSpec spec) throws IOException {
        String root = System.getenv(DataLocation.DATA_ENV);
        assumeTrue(root != null && !root.isBlank(),
                DataLocation.DATA_ENV + " is not set: skipping the test on the real " + spec.name() + " data");
        Map<String, String> env = new HashMap<>();
        env.put(DataLocation.DATA_ENV, root);
        // a user cache that cannot exist, so only THIRTY_DATA is consulted
        DataLocation location = new DataLocation(null, Path.of(root), Path.of(root).resolve(".no-cache-in-tests"));
        try {
            return location.locate(spec);
        } catch (MissingDatasetException e) {
            assumeTrue(false, "data set " + spec.name() + " is not under " + root + ": " + e.getMessage());
            throw e;
        }
    }
}
