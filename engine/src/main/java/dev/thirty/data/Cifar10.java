package dev.thirty.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CIFAR-10 (Krizhevsky, 2009) from whichever copy is at hand: the official binary batches when a
 * data folder has them ({@link CifarBatches}, lossless), else the JPEG copy ({@link Datasets#CIFAR10_JPEG},
 * lossy: RMSE about 7.9 on the 0..255 scale against the originals) decoded once into a cache
 * ({@link CifarJpegCache}). Nothing is downloaded here; {@link CifarBatches#obtain} does that on request.
 *
 * <p>Images come as {@link RawImages}, {@code (N, 3, 32, 32)} bytes {@code 0..255}, labels in
 * {@link Datasets#CIFAR10_CLASSES} order: {@code toRawRange()} for cuda-convnet's recipe (raw values
 * minus the mean image), {@code toUnitRange()} for {@code [0, 1]}. The binary batches keep their
 * original order; the JPEG copy is ordered by class, so shuffle it ({@link HoldOut}) before batching.
 */
public final class Cifar10 {

    /** The two halves of CIFAR-10. */
    public enum Split {
        /** 50,000 images: {@code data_batch_1..5}, or {@code train/} of the JPEG copy. */
        TRAIN("train", "cifar10-jpeg-train.zip"),
        /** 10,000 images: {@code test_batch}, or {@code test/} of the JPEG copy. */
        TEST("test", "cifar10-jpeg-test.zip");

        private final String folder;
        private final String zip;

        Split(String folder, String zip) {
            this.folder = folder;
            this.zip = zip;
        }

        /** The folder of this split inside its JPEG zip. */
        public String folder() {
            return folder;
        }

        /** The JPEG zip of this split in {@link Datasets#CIFAR10_JPEG}. */
        public String zip() {
            return zip;
        }
    }

    /** Which copy the images were read from. */
    public enum Source {
        /** {@code cifar-10-batches-bin}: the original bytes. */
        BINARY_BATCHES,
        /** {@code cifar10-jpeg}: JPEG-decoded, not bit-exact. */
        JPEG
    }

    /**
     * Images of one split and where they came from.
     *
     * @param images {@code (N, 3, 32, 32)} bytes with labels
     * @param source which copy was read
     * @param from   the batch folder or the JPEG zip
     */
    public record Loaded(RawImages images, Source source, Path from) {
    }

    private Cifar10() {
    }

    /** {@link #load(DataLocation, Split, Path)} with the decoded cache in {@link #defaultCacheDir}. */
    public static Loaded load(DataLocation location, Split split) throws IOException {
        return load(location, split, defaultCacheDir(location));
    }

    /**
     * Split {@code split}: from the binary batches if {@link CifarBatches#find} sees them, else from the JPEG
     * zip, decoded into (or read from) the cache in {@code cacheDir}.
     *
     * @throws MissingDatasetException when neither copy is found, listing the paths checked for the JPEG zip
     */
    public static Loaded load(DataLocation location, Split split, Path cacheDir) throws IOException {
        Optional<Path> batches = CifarBatches.find(location);
        if (batches.isPresent()) {
            return new Loaded(CifarBatches.read(batches.get(), split), Source.BINARY_BATCHES, batches.get());
        }
        Path zip = location.locate(Datasets.CIFAR10_JPEG).file(split.zip());
        return new Loaded(CifarJpegCache.load(zip, split.folder(), cacheDir).images(), Source.JPEG, zip);
    }

    /**
     * Where decoded JPEGs are cached by default: {@code <user cache>/cifar10-jpeg-decoded}, e.g.
     * {@code ~/.cache/thirty/cifar10-jpeg-decoded}; a folder of its own, since the zips may themselves lie
     * in the user cache's {@code cifar10-jpeg} folder.
     */
    public static Path defaultCacheDir(DataLocation location) {
        return location.cacheDir(Datasets.CIFAR10_JPEG.name() + "-decoded");
    }
}
