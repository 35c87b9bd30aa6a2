package dev.thirty.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where each file of a data set was found (or downloaded to). The files may come from
 * different roots; each path points at the file as stored, which may be gzip-compressed.
 *
 * @param spec  the data set
 * @param paths every file name of {@code spec} mapped to its location on disk
 */
public record DatasetFiles(DatasetSpec spec, Map<String, Path> paths) {

    public DatasetFiles {
        paths = Map.copyOf(paths);
        for (DatasetSpec.RemoteFile f : spec.files()) {
            if (!paths.containsKey(f.name())) {
                throw new IllegalArgumentException("data set '" + spec.name() + "': no location for '"
                        + f.name() + "'");
            }
        }
        if (paths.size() != spec.files().size()) {
            throw new IllegalArgumentException("data set '" + spec.name() + "': locations " + paths.keySet()
                    + " name files the spec does not list");
        }
    }

    /** The location of file {@code name} of this data set. */
    public Path file(String name) {
        return paths.get(spec.file(name).name());
    }
}
