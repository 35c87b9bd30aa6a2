/**
 * Files: tensors in the safetensors format, atomic writes, and training checkpoints.
 *
 * <ul>
 *   <li>{@link dev.thirty.io.SafeTensors} reads and writes the Hugging Face safetensors format
 *       (8-byte little-endian header length, JSON header, contiguous little-endian data), so
 *       weights move between Thirty and PyTorch. Reading trusts nothing in the file: every
 *       malformed file is a {@link dev.thirty.io.SafeTensorsException} naming the file and the
 *       problem. F32, F16, BF16 and F64 are read as float32; F32 is written.</li>
 *   <li>{@link dev.thirty.io.AtomicFiles} replaces a file atomically (temporary file in the same
 *       directory, fsync, atomic rename, directory fsync): a crash mid-write never destroys the
 *       previous content.</li>
 *   <li>{@link dev.thirty.io.Checkpoint} saves what exact resumption needs (tensors, step, RNG
 *       states, optimizer scalars, config) as a safetensors file plus a {@code checkpoint.json}
 *       commit record, and loads it back with a check of every name and shape that reports all
 *       mismatches at once.</li>
 * </ul>
 *
 * <p>The generator whose state a checkpoint records is {@link dev.thirty.tensor.Rng}.
 */
package dev.thirty.io;
