package dev.thirty.data;

import dev.thirty.data.DatasetSpec.RemoteFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where data sets are looked for, in order: the explicit {@code --data DIR}, the
 * {@code THIRTY_DATA} folder, then the user cache ({@code $XDG_CACHE_HOME/thirty}, else
 * {@code ~/.cache/thirty}). Each root holds one folder per data set ({@code <root>/<name>/});
 * the explicit folder may also be the data set folder itself. Each file is looked for as
 * {@code <file>} and {@code <file>.gz}.
 *
 * <p>Data roots are treated as read-only: downloads and decoded caches go only to
 * {@link #cacheDir(String)} in the user cache, never beside found data.
 *
 * @param explicit    the {@code --data} folder, or {@code null}
 * @param environment the {@code THIRTY_DATA} folder, or {@code null}
 * @param userCache   the per-user cache root, e.g. {@code ~/.cache/thirty}
 */
public record DataLocation(Path explicit, Path environment, Path userCache) {

    /** The environment variable naming a data root. */
    public static final String DATA_ENV = "THIRTY_DATA";

    public DataLocation {
        if (userCache == null) {
            throw new IllegalArgumentException("the user cache folder is required");
        }
    }

    /**
     * The usual search order from its inputs, each passed in (no hidden reads): {@code dataFlag}
     * from the command line (may be {@code null}), {@code env} for {@code THIRTY_DATA} and
     * {@code XDG_CACHE_HOME} (blank values count as unset; a relative {@code XDG_CACHE_HOME} is
     * ignored, as the XDG spec says), and the user's home folder.
     * Callers typically pass {@code System.getenv()} and {@code Path.of(System.getProperty("user.home"))}.
     */
    public static DataLocation of(Path dataFlag, Map<String, String> env, Path home) {
        String data = env.get(DATA_ENV);
        Path environment = data == null || data.isBlank() ? null : Path.of(data);
        String xdg = env.get("XDG_CACHE_HOME");
        Path cacheBase = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : home.resolve(".cache");
        return new DataLocation(dataFlag, environment, cacheBase.resolve("thirty"));
    }

    /** The user-cache folder for data set {@code name}: where downloads and decoded caches go. */
    public Path cacheDir(String name) {
        return userCache.resolve(name);
    }

    /** The user-cache folder downloaded archives are kept in, shared by all data sets. */
    public Path archiveCacheDir() {
        return userCache.resolve("archives");
    }

    /** The folders searched for data set {@code name}, in order. */
    public List<Path> searchFolders(String name) {
        List<Path> folders = new ArrayList<>();
        if (explicit != null) {
            folders.add(explicit.resolve(name));
            folders.add(explicit);
        }
        if (environment != null) {
            folders.add(environment.resolve(name));
        }
        folders.add(cacheDir(name));
        return folders;
    }

    /** The first place file {@code file} of data set {@code name} is stored, if any. */
    public Optional<Path> find(String name, RemoteFile file) {
        for (Path folder : searchFolders(name)) {
            for (String stored : file.storedNames()) {
                Path candidate = folder.resolve(stored);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every file of {@code spec} from the search folders; downloads nothing.
     *
     * @throws MissingDatasetException for the first missing file, listing every path checked
     */
    public DatasetFiles locate(DatasetSpec spec) throws MissingDatasetException {
        Map<String, Path> found = new LinkedHashMap<>();
        for (RemoteFile f : spec.files()) {
            found.put(f.name(), find(spec.name(), f).orElseThrow(() -> missing(spec, f)));
        }
        return new DatasetFiles(spec, found);
    }

    /**
     * Every file of {@code spec}, downloading the missing ones into {@link #cacheDir(String)}.
     * Nothing is downloaded unless every missing file has a source. Each file's sources are tried
     * in order (see {@link SourceChain}); archives they come from are kept in {@link #archiveCacheDir()}.
     *
     * @throws MissingDatasetException when a missing file has no download source
     * @throws DownloadFailedException when every source of a file failed, listing each with why
     */
    public DatasetFiles obtain(DatasetSpec spec, Downloader downloader, Downloader.Progress progress)
            throws IOException {
        Map<String, Path> found = new LinkedHashMap<>();
        for (RemoteFile f : spec.files()) {
            Optional<Path> path = find(spec.name(), f);
            if (path.isEmpty() && !f.hasSource()) {
                throw missing(spec, f);
            }
            path.ifPresent(p -> found.put(f.name(), p));
        }
        SourceChain chain = new SourceChain(downloader, archiveCacheDir(), progress);
        for (RemoteFile f : spec.files()) {
            if (!found.containsKey(f.name())) {
                found.put(f.name(), chain.fetch(spec.name(), f, cacheDir(spec.name())));
            }
        }
        return new DatasetFiles(spec, found);
    }

    private MissingDatasetException missing(DatasetSpec spec, RemoteFile f) {
        List<Path> checked = new ArrayList<>();
        for (Path folder : searchFolders(spec.name())) {
            for (String stored : f.storedNames()) {
                checked.add(folder.resolve(stored));
            }
        }
        return new MissingDatasetException(spec.name(), f, checked);
    }
}
